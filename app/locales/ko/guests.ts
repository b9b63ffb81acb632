// 한국어 메시지: 위원회 숙의에 초대된 손님(결정 054).
import type { Messages } from "../en";

const ko: Pick<Messages, "guests"> = {
  guests: {
    title: "이 숙의에 초대된 손님",
    intro: "위원장은 제안자와 이 제안을 넘겨받을 것으로 보이는 기관의 담당자를 초대할 수 있습니다. 손님은 권고가 기록될 때까지 이 스레드에서만 글을 쓸 수 있습니다. 손님의 글에는 표시가 붙고, 입장 집계와 위원회 표결에 들어가지 않습니다.",
    none: "초대된 손님이 없습니다.",
    invitedOn: "{{date}} 초대",
    withdraw: "{{name}} 님의 초대 철회",
    inviteTitle: "손님 초대",
    inviteAuthor: "제안자 {{name}} 님 초대",
    agency: "기관",
    agencyLikely: "이 위원회가 이런 제안을 가장 많이 넘긴 기관이 맨 앞에 있습니다.",
    agencyUnknown: "이 위원회가 아직 넘긴 제안이 없습니다. 기관을 고른 뒤 그 기관의 담당자를 고르세요.",
    chooseAgency: "기관을 고르세요",
    likely: "{{agency}} (넘겨받을 것으로 보임)",
    showOfficers: "담당자 보기",
    noOfficers: "{{agency}}에 초대할 담당자가 없습니다.",
    officer: "{{agency}} 담당자",
    inviteOfficer: "담당자 초대",
    youAreGuest: "위원회가 권고를 기록할 때까지 이곳에 손님으로 글을 쓸 수 있습니다.",
    postHint: "손님으로 글을 씁니다. 글에 손님 표시가 붙고, 입장은 집계되지 않습니다.",
    postBy: "{{name}} 님의 글, {{label}}",
    label: {
      author: "손님: 제안자",
      officer: "손님: {{agency}} 담당자",
    },
    done: {
      invite: "초대를 보냈습니다.",
      withdraw: "초대를 철회했습니다. 손님이 쓴 글은 남습니다.",
    },
    errors: {
      notChair: "이 제안을 맡은 위원회의 위원장만 손님을 초대하거나 초대를 철회할 수 있습니다.",
      notInDeliberation: "제안이 숙의 중일 때만 손님을 초대할 수 있습니다.",
      closed: "위원회가 권고를 기록했습니다. 손님은 더 이상 이곳에 글을 쓸 수 없습니다.",
      kind: "누구를 초대할지 고르세요: 제안자 또는 담당자.",
      agency: "기관을 고르세요.",
      officer: "이 기관의 담당자를 고르세요.",
      member: "이 사람은 위원회 위원이므로 위원으로 글을 씁니다.",
      already: "이미 초대된 사람입니다.",
    },
  },
};

export default ko;
