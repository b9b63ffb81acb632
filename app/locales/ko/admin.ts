import type { Messages } from "../en";

// 한국어 메시지: admin.
const messages: Pick<Messages, "admin" | "roles"> = {
  admin: {
    title: "관리",
    users: "사용자와 역할",
    search: "이메일이나 이름으로 찾기",
    searchSubmit: "찾기",
    email: "이메일",
    name: "이름",
    roles: "역할",
    joined: "가입일",
    verified: "인증됨",
    unverified: "미인증",
    noUsers: "맞는 사용자가 없습니다.",
    previous: "이전",
    next: "다음",
    userTitle: "{{name}} 님의 역할",
    currentRoles: "현재 역할",
    noRoles: "직원 역할 없음: 일반 시민.",
    revoke: "회수",
    grant: "역할 부여",
    role: "역할",
    chooseRole: "역할을 고르세요",
    roleRequired: "부여할 역할을 고르세요.",
    committee: "분과위원회",
    agency: "기관",
    grantSubmit: "부여",
    granted: "역할을 부여했습니다.",
    revoked: "역할을 회수했습니다.",
    scopeHint: "위원회 역할은 위원회를, 담당관 역할은 기관을 골라야 합니다.",
    auditTitle: "이 계정에 대한 최근 관리 기록",
    noAudit: "기록이 없습니다.",
    by: "처리: {{name}}",
  },
  roles: {
    admin: "관리자",
    moderator: "운영자",
    committee_member: "분과위원",
    committee_chair: "분과위원장",
    agency_officer: "기관 담당관",
    agency_supervisor: "기관 감독 부서(기획조정실)",
    identity_verifier: "본인 확인 담당(대면 신분증 확인)",
  },
};

export default messages;
