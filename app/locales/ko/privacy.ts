// 한국어 메시지: 개인정보 권리(/me/data, /me/delete, /me/security)와 관련 안내.
import type { Messages } from "../en";

const privacy: Pick<Messages, "privacy"> = {
  privacy: {
    formerMember: "탈퇴한 회원",
    settingsLinks: "내 정보와 계정",
    data: {
      title: "내 정보",
      intro: "마당이 나에 대해 가지고 있는 모든 정보를 파일 하나(JSON)로 내려받을 수 있습니다. 계정, 제안, 공감, 팔로우, 댓글과 글, 내가 한 신고, 알림, 로그인 세션, 내게 보낸 이메일, 내 계정에 대한 운영진 조치가 들어 있습니다.",
      notOthers: "다른 사람의 정보는 들어 있지 않습니다. 누가 내 제안에 공감하거나 신고했는지, 어느 운영진이 내 계정에 조치했는지는 포함하지 않습니다.",
      holds: "지금 파일에 담기는 것",
      download: "내 정보 내려받기(JSON)",
      count: {
        ideas: "제안",
        supports: "공감",
        follows: "팔로우한 제안",
        posts: "댓글과 글",
        flags: "내가 한 신고",
        notifications: "알림",
        sessions: "사용 중인 세션",
        emails: "내게 보낸 이메일",
        audit: "내 계정에 대한 운영진 조치",
      },
    },
    delete: {
      title: "마당 탈퇴",
      intro: "탈퇴하면 개인정보가 삭제되며 되돌릴 수 없습니다.",
      whatHappens: "탈퇴하면",
      nameGoes: "이름은 모든 곳에서 ‘탈퇴한 회원’으로 바뀌고 이메일 주소는 지워집니다. 더 이상 로그인할 수 없고 모든 세션이 끝납니다.",
      supportsStay: "공감은 각 제안의 공감 수에 그대로 남지만, 더 이상 나와 연결되지 않습니다.",
      ideasStay: "다른 사람들이 공감한 제안이므로, 내 제안은 ‘탈퇴한 회원’의 제안으로 남습니다.",
      postsChoice: "댓글과 글은 ‘탈퇴한 회원’의 글로 남습니다. 아래에서 함께 철회할 수도 있습니다.",
      exportFirst: "먼저 내 정보를 내려받아 두어도 좋습니다.",
      password: "비밀번호",
      passwordHint: "본인인지 확인합니다.",
      withdrawPosts: "내 댓글과 글도 함께 철회합니다(‘작성자가 철회함’으로 표시)",
      submit: "계정 삭제",
      doneTitle: "계정이 삭제되었습니다",
      done: "개인정보를 지웠습니다. 참여해 주셔서 고맙습니다.",
      home: "홈으로 가기",
    },
    security: {
      title: "세션과 보안",
      intro: "지금 내 계정이 로그인되어 있는 곳입니다. 모르는 세션이 있으면 끝내고 비밀번호를 바꾸세요.",
      sessions_one: "사용 중인 세션 {{count}}개",
      sessions_other: "사용 중인 세션 {{count}}개",
      thisBrowser: "이 브라우저",
      signedInAt: "{{date}} 로그인",
      endsBy: "사용하지 않으면 {{date}}까지",
      end: "이 세션 끝내기",
      endThis: "여기서 로그아웃",
      endLabel: "{{date}}에 로그인한 세션 끝내기",
      endOthers: "다른 세션 모두 끝내기",
      ended: "세션을 끝냈습니다.",
      endedOthers: "다른 세션을 모두 끝냈습니다.",
      device: "{{os}}의 {{browser}}",
      deviceUnknown: "알 수 없는 브라우저",
      network: "네트워크 {{network}}",
      lastSeen: "마지막 사용 {{date}}",
      placeHint:
        "세션마다 로그인한 브라우저와 운영체제, 네트워크(주소의 앞부분만, 전체는 기록하지 않음)를 보여 줍니다. 내 것이 아닌 세션을 알아보는 데 쓰세요. 2026년 12월 3일 이전에 로그인한 세션에는 나오지 않습니다.",
    },
    errors: {
      wrongPassword: "비밀번호가 맞지 않습니다.",
      staffMustStepDown: "운영진 계정은 여기서 삭제할 수 없습니다. 먼저 관리자에게 역할 해제를 요청하세요.",
      alreadyDeleted: "이미 삭제된 계정입니다.",
    },
    mail: {
      passwordChanged: {
        subject: "마당 비밀번호가 변경되었습니다",
        body: "방금 마당 계정의 비밀번호가 변경되었고, 모든 세션에서 로그아웃되었습니다.",
        notYou: "본인이 바꾼 것이 아니라면, 지금 여기에서 새 비밀번호를 정해 계정을 지키세요:",
      },
    },
  },
};
export default privacy;
