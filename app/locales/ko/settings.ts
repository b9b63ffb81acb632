import type { Messages } from "../en";

// 한국어 메시지: 사이트 설정(/admin/settings).
const messages: Pick<Messages, "settings"> = {
  settings: {
    title: "사이트 설정",
    intro: "배포 없이 여기서 사이트의 운영 방식을 바꿉니다. 바꿀 때마다 누가, 이전 값과 새 값, 언제, 왜 바꿨는지가 감사 기록에 남습니다.",
    contents: "분류",
    groups: {
      support: "공감",
      deadlines: "기한",
      participation: "참여 한도",
      moderation: "운영(모더레이션)",
      integrity: "공감의 신뢰성(급증 감시)",
      openData: "공공데이터",
      privacy: "개인정보(보관 기간)",
    },
    unitName: {
      days: "일",
      businessDays: "영업일",
      hours: "시간",
      minutes: "분",
      count: "개수",
      percent: "퍼센트",
      text: "글",
    },
    amount: {
      days_one: "{{count, number}}일",
      days_other: "{{count, number}}일",
      businessDays_one: "{{count, number}}영업일",
      businessDays_other: "{{count, number}}영업일",
      hours_one: "{{count, number}}시간",
      hours_other: "{{count, number}}시간",
      minutes_one: "{{count, number}}분",
      minutes_other: "{{count, number}}분",
      count_one: "{{count, number}}",
      count_other: "{{count, number}}",
      percent_one: "{{count, number}}%",
      percent_other: "{{count, number}}%",
    },
    range: "허용 범위: {{min, number}}~{{max, number}} ({{unit}})",
    textRange: "{{max, number}}자 이하의 글",
    defaultValue: "기본값: {{value}}",
    currentValue: "현재: {{value}}",
    applies: {
      new: "바꾼 뒤에 시작하는 단계에만 적용됩니다. 이미 진행 중인 것은 시작할 때의 값을 유지합니다.",
      now: "다음 행동부터 바로 적용됩니다.",
    },
    value: "새 값",
    reason: "바꾸는 이유(선택)",
    reasonHint: "변경과 함께 감사 기록에 남습니다.",
    save: "{{label}} 저장",
    saveShort: "저장",
    saved: "{{label}}: {{from}}에서 {{to}}(으)로 바꿨습니다.",
    unchanged: "{{label}}은(는) 이미 {{value}}입니다. 바뀐 것이 없습니다.",
    lastChanged: "마지막 변경: {{date}}, {{name}}, 이전 값 {{from}}.",
    lastChangedWhy: "이유: {{reason}}",
    auditLink: "감사 기록에서 모든 변경 보기",
    keys: {
      default_support_threshold: {
        label: "패스트트랙에 필요한 공감 수",
        help: "새 제안이 공감 기간 안에 위원회로 가려면 받아야 하는 공감 수입니다. 공모마다 따로 정할 수 있습니다. 이미 열려 있는 제안은 시작할 때의 수를 유지합니다.",
      },
      default_support_window_days: {
        label: "공감 기간",
        help: "새 제안이 공감을 모으는 기간입니다. 공모마다 따로 정할 수 있습니다. 이미 열려 있는 제안은 마감일을 유지합니다.",
      },
      committee_deadline_days: {
        label: "위원회 기한",
        help: "제안이 패스트트랙에 오른 뒤 위원회가 권고를 기록해야 하는 기간입니다. 이미 위원회에 있는 제안은 기한을 유지합니다.",
      },
      agency_deadline_days: {
        label: "기관 답변 기한",
        help: "기관이 넘겨받은 제안에 답해야 하는 기간입니다. 이미 넘겨진 제안은 기한을 유지합니다.",
      },
      escalation_business_days: {
        label: "상급 부서 보고 시점",
        help: "기관 답변이 이 근무일 수만큼 늦으면 기관의 감독 부서로 넘어가고, 제안의 진행 기록에 공개됩니다.",
      },
      extension_max_business_days: {
        label: "최대 연장 기간",
        help: "한 번의 연장으로 늘릴 수 있는 최대 근무일 수입니다. 단계마다 한 번, 공개 사유와 함께 연장합니다.",
      },
      transfer_reply_business_days: {
        label: "이관 응답 기한",
        help: "이관을 제안받은 기관이 수락하거나 거절해야 하는 근무일 수입니다. 답이 없으면 이관 요청은 소멸하고 제안은 원래 기관에 남습니다.",
      },
      follow_through_min_raters: {
        label: "답변 평가: 필요한 평가 인원",
        help: "답변이 제안을 다루었는지 평가한 시민(제안자와 지지자)이 이 수 이상이어야 기관에 후속 답변 의무가 생길 수 있습니다.",
      },
      follow_through_no_percent: {
        label: "답변 평가: '아니요' 비율",
        help: "평가한 사람 가운데 이 비율 이상이 '아니요'라고 하면 기관은 근무일 10일 안에 후속 답변을 한 번 해야 합니다.",
      },
      claim_code_days: {
        label: "제안 연결 코드 유효 기간",
        help: "직원이 대신 접수한 제안을 본인 계정에 연결하도록 종이로 건네는 일회용 코드가 유효한 일수입니다. 바꾼 뒤 발급하는 코드부터 적용됩니다.",
      },
      ideas_per_day: {
        label: "1인당 하루 제안 수",
        help: "한 계정이 24시간 동안 낼 수 있는 제안 수입니다.",
      },
      edit_max_other_supporters: {
        label: "이 공감자 수부터 수정 불가",
        help: "다른 공감자가 이 수보다 적을 때만 작성자가 제안을 고칠 수 있습니다. 누구의 공감도 뜻이 바뀌지 않게 하려는 것입니다. 0이면 다른 사람이 공감한 뒤에는 고칠 수 없습니다.",
      },
      comments_per_10_minutes: {
        label: "1인당 10분 동안 댓글 수",
        help: "한 계정이 10분 동안 제안에 달 수 있는 댓글 수입니다.",
      },
      flag_hide_threshold: {
        label: "가리기까지의 신고 수",
        help: "서로 다른 사람 몇 명이 신고하면 제안이나 댓글을 운영자가 볼 때까지 가릴지 정합니다.",
      },
      screening_min_account_minutes: {
        label: "검토를 거치는 새 계정",
        help: "이보다 새로 만든 계정의 제안은 게시 전에 운영자 검토를 거칩니다.",
      },
      flag_new_account_hours: {
        label: "새 계정의 신고는 가볍게",
        help: "이보다 새로 만든 계정이면서 본인 확인을 하지 않은 계정의 신고는 숨김 기준에 신고 1/4건으로 셉니다.",
      },
      flag_protected_supports: {
        label: "공감이 많은 제안은 계속 보이게",
        help: "공감이 이 수 이상인 제안은 신고만으로 숨겨지지 않습니다. 운영자에게 알리고 운영자가 결정합니다.",
      },
      flag_burst_new_accounts: {
        label: "신고 급증 알림",
        help: "급증 감시 시간 안에 한 제안에 새 계정의 신고가 이만큼 모이면 운영자에게 알립니다.",
      },
      screening_max_links: {
        label: "검토 없이 허용되는 링크 수",
        help: "이보다 링크가 많은 제안은 게시 전에 운영자 검토를 거칩니다.",
      },
      burst_window_minutes: {
        label: "급증 감시: 기간",
        help: "급증 감시가 한 제안의 공감을 세는 기간입니다. 운영자에게 알릴 뿐 공감을 막지 않습니다.",
      },
      burst_new_account_hours: {
        label: "급증 감시: 새 계정 기준",
        help: "이보다 새로 만든 계정은 급증 감시에서 새 계정으로 셉니다.",
      },
      burst_new_accounts: {
        label: "급증 감시: 새 계정의 공감 수",
        help: "기간 안에 새 계정의 공감이 이만큼이면 알림을 냅니다.",
      },
      burst_ip_prefix_supports: {
        label: "급증 감시: 한 네트워크의 공감 수",
        help: "기간 안에 한 네트워크(주소 앞부분)의 공감이 이만큼이면 알림을 냅니다.",
      },
      retention_support_network_days: {
        label: "보관: 공감의 네트워크",
        help: "공감이 들어온 네트워크를 보관하는 날수(급증 감시와 네트워크별 무효 처리에 씀). 지나면 보관 작업이 지웁니다.",
      },
      retention_email_body_days: {
        label: "보관: 이메일 본문",
        help: "보낸(또는 포기한) 이메일 본문을 보관하는 날수. 받는 사람, 제목, 시각은 남습니다.",
      },
      retention_alert_network_days: {
        label: "보관: 처리된 알림의 네트워크",
        help: "처리된 급증 알림이 네트워크를 보관하는 날수.",
      },
      retention_security_address_days: {
        label: "보관: 보안 기록의 주소",
        help: "보안 기록(로그인, 거부된 요청)이 들어온 네트워크 주소를 보관하는 날수. 지나면 보관 작업이 지웁니다.",
      },
      retention_security_event_days: {
        label: "보관: 보안 기록",
        help: "보안 기록 자체를 보관하는 날수(주소 보관 기간이 지나면 주소 없이). 지나면 보관 작업이 삭제합니다.",
      },
      identity_verification_days: {
        label: "본인 확인 유효 기간",
        help: "본인 확인(온라인 또는 대면)이 유효한 날수. 지나면 다시 확인해야 합니다.",
      },
      open_data_licence: {
        label: "공공데이터 이용 허락",
        help: "모든 내려받기, 피드, 공공데이터 안내 페이지에 밝히는 이용 허락 조건(예: “공공누리 제1유형 / CC BY 4.0”).",
      },
    },
    errors: {
      number: "{{min, number}}부터 {{max, number}}까지의 수를 입력하세요.",
      whole: "{{min, number}}부터 {{max, number}}까지의 정수(소수점 없이)를 입력하세요.",
      range: "{{min, number}}부터 {{max, number}}까지의 정수를 입력하세요.",
      changedMeanwhile: "그사이 다른 사람이 이 설정을 바꿨습니다. 지금 값은 {{value}}입니다. 확인하고 다시 저장하세요.",
    },
  },
};
export default messages;
