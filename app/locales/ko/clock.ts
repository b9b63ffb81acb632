import type { Messages } from "../en";

// 한국어 메시지: 근무일 시계(공휴일, 기한 알림, 상급 부서 보고).
const messages: Pick<Messages, "clock" | "holidays"> = {
  clock: {
    escalatedTitle: "우리 부서로 넘어온 지연 건",
    escalatedIntro: "답변 기한이 지나고 정해진 근무일이 더 지나도록 기관이 답하지 않은 제안입니다. 제안 페이지에서 담당관을 지정하거나 답변하세요.",
    escalatedNone: "넘어온 지연 건이 없습니다.",
  },
  holidays: {
    title: "공휴일",
    intro: "기한은 한국 시간 기준 근무일로 셉니다. 주말과 여기 적힌 날은 세지 않습니다. 바꾼 내용은 그 뒤에 정해지는 기한부터 적용되며, 이미 정해진 기한은 그대로입니다.",
    year: "연도",
    show: "보기",
    listTitle: "{{year}}년 공휴일",
    none: "{{year}}년 공휴일이 없습니다.",
    date: "날짜",
    dateHint: "연-월-일, 예: 2027-05-13",
    nameKo: "한국어 이름",
    nameEn: "영어 이름",
    add: "공휴일 추가",
    addTitle: "공휴일 추가",
    added: "공휴일을 추가했습니다.",
    removed: "공휴일을 삭제했습니다.",
    remove: "삭제",
    removeLabel: "{{name}}({{date}}) 삭제",
    weekday: "요일",
    errors: {
      date: "2000년부터 2100년 사이의 날짜를 연-월-일로 입력하세요.",
      exists: "이미 공휴일로 등록된 날짜입니다.",
      name: "이름은 100자 이내로 입력하세요.",
    },
  },
};
export default messages;
