// 한국어 메시지: 관리자의 보안 기록(/admin/security-log).
import type { Messages } from "../en";

const ko: Pick<Messages, "securityLog"> = {
  securityLog: {
    title: "보안 기록",
    intro: "실패하거나 제한되거나 성공한 로그인과, 거부된 요청(로그인하지 않음, 권한 없음, 너무 많은 요청)을 최신순으로 보여 줍니다. 주소는 설정한 기간이 지나면 지우고, 기록은 더 긴 기간이 지나면 삭제합니다.",
    retention: "주소는 {{addressDays, number}}일, 기록은 {{eventDays, number}}일 보관합니다(사이트 설정).",
    filters: "보안 기록 거르기",
    kind: "종류",
    anyKind: "모든 종류",
    network: "네트워크",
    networkHint: "주소(203.0.113.7) 또는 접두사 길이를 붙인 네트워크(203.0.113.0/24, 2001:db8::/48).",
    apply: "거르기",
    clear: "모두 보기",
    none: "해당하는 기록이 없습니다.",
    when: "시각",
    what: "내용",
    from: "주소",
    who: "계정",
    details: "자세히",
    knownDevice: "이 계정으로 로그인한 적이 있는 브라우저에서",
    cleared: "지워짐",
    digest: "입력한 주소의 지문: {{digest}}",
    dropped_one: "기록하지 못한 항목 {{count, number}}건(버퍼가 가득 참)",
    dropped_other: "기록하지 못한 항목 {{count, number}}건(버퍼가 가득 참)",
    paging: "보안 기록 페이지",
    newest: "최신",
    older: "이전 기록",
    kinds: {
      "login.failed": "로그인 실패",
      "login.limited": "로그인 제한",
      "login.codeFailed": "로그인 코드 틀림",
      "login.succeeded": "로그인",
      "request.refused": "요청 거부",
      "log.dropped": "기록하지 못한 항목",
    },
    errors: {
      network: "203.0.113.7 같은 주소나 203.0.113.0/24 같은 네트워크를 입력하세요.",
    },
  },
};

export default ko;
