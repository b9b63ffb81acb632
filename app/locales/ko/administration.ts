import type { Messages } from "../en";

// 한국어 메시지: 관리(감사 기록, 안내 페이지, 투명성, 기구와 분류).
const messages: Pick<Messages, "auditLog"> = {
  auditLog: {
    title: "감사 기록",
    intro: "운영진의 모든 조치를 최신순으로 보여 줍니다. 누가, 언제, 무엇에, 어떤 내용으로 했는지 나옵니다. 이 기록은 고치거나 지울 수 없습니다.",
    filters: "감사 기록 거르기",
    actor: "누가",
    actorHint: "이메일 주소, 계정 번호(#12), 또는 자동 조치는 “system”.",
    kind: "종류",
    kindHint: "조치 이름의 첫 단어: settings, pages, moderation, workflow…",
    from: "시작 날짜",
    to: "끝 날짜",
    apply: "거르기",
    clear: "모두 보기",
    none: "맞는 조치가 없습니다.",
    when: "언제",
    who: "누가",
    what: "조치",
    target: "대상",
    details: "내용",
    system: "시스템(자동)",
    paging: "감사 기록 페이지",
    newest: "최신",
    older: "이전 조치",
    errors: {
      date: "2026-12-03처럼 날짜를 입력하세요.",
      dateOrder: "끝 날짜는 시작 날짜보다 앞설 수 없습니다.",
      kind: "종류는 settings처럼 영어 소문자 한 단어입니다.",
      actorUnknown: "이 이메일 주소나 번호의 계정이 없습니다.",
    },
  },
};
export default messages;
