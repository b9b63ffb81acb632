import type { Messages } from "../en";

// 한국어 메시지: accounts.
const messages: Pick<Messages, "join" | "login" | "logout" | "verify" | "reset" | "mail" | "me" | "devMail"> = {
  join: {
    title: "마당 회원가입",
    intro: "계정이 있으면 아이디어를 제안하고, 공감하고, 댓글을 달 수 있습니다.",
    email: "이메일 주소",
    displayName: "표시 이름",
    displayNameHint: "제안과 댓글 옆에 보입니다. 2자에서 40자까지.",
    password: "비밀번호",
    homeRegion: "사는 지역(선택)",
    homeRegionHint: "묻는 까닭: 제안마다 공감이 어느 지역에서 왔는지 지역별로 보여 줍니다. 이름과 함께 보이는 일은 없습니다. 나중에 설정에서 바꿀 수 있습니다.",
    noHomeRegion: "밝히지 않음",
    passwordHint: "12자 이상. 흔한 비밀번호는 피하세요.",
    submit: "계정 만들기",
    haveAccount: "이미 계정이 있나요?",
    checkMailTitle: "이메일을 확인하세요",
    checkMail:
      "{{email}}(으)로 링크를 보냈습니다. 링크를 열어 주소를 인증하세요. 인증 전에는 로그인과 열람만 할 수 있습니다.",
  },
  login: {
    title: "로그인",
    email: "이메일 주소",
    password: "비밀번호",
    submit: "로그인",
    forgot: "비밀번호를 잊으셨나요?",
    noAccount: "마당이 처음인가요?",
  },
  logout: {
    title: "로그아웃",
    confirm: "마당에서 로그아웃할까요?",
    submit: "로그아웃",
  },
  verify: {
    title: "이메일 인증",
    done: "감사합니다. 이메일 주소가 인증되어 이제 참여할 수 있습니다.",
    failed: "더 이상 유효하지 않은 링크입니다. 링크는 48시간 동안 한 번만 쓸 수 있습니다.",
    banner: "제안·공감·댓글에 참여하려면 이메일 주소를 인증하세요.",
    resend: "링크 다시 보내기",
    resent: "{{email}}(으)로 새 링크를 보냈습니다.",
  },
  reset: {
    title: "비밀번호 재설정",
    requestIntro: "계정의 이메일 주소를 입력하면 새 비밀번호를 정할 수 있는 링크를 보내 드립니다.",
    email: "이메일 주소",
    requestSubmit: "링크 보내기",
    requested: "{{email}}을(를) 쓰는 계정이 있다면 비밀번호 재설정 링크를 보냈습니다. 링크는 1시간 동안 유효합니다.",
    newPassword: "새 비밀번호",
    submit: "새 비밀번호 저장",
    done: "비밀번호를 바꾸고 로그인했습니다. 다른 기기의 로그인은 모두 종료했습니다.",
    invalid: "더 이상 유효하지 않은 재설정 링크입니다. 링크는 1시간 동안 한 번만 쓸 수 있습니다.",
    requestAgain: "새 링크 요청하기",
  },
  mail: {
    greeting: "{{name}} 님, 안녕하세요.",
    signature: "— 마당",
    verify: {
      subject: "마당 이메일 주소를 인증해 주세요",
      body: "아래 링크를 열어 이메일 주소를 인증해 주세요(48시간 동안 유효):",
    },
    reset: {
      subject: "마당 비밀번호 재설정",
      body: "마당 계정의 비밀번호 재설정 요청이 있었습니다. 본인이 요청했다면 아래 링크를 여세요(1시간 동안 유효):",
      ignore: "본인이 요청하지 않았다면 이 메일을 무시하세요. 비밀번호는 바뀌지 않습니다.",
    },
  },
  me: {
    title: "내 정보",
    account: "계정",
    email: "이메일",
    roles: "역할",
  },
  devMail: {
    title: "보낸 이메일(개발용)",
    intro: "SMTP_URL이 없으면 이메일은 발신함에 남고 여기서 읽을 수 있습니다. 운영 환경에는 이 페이지가 없습니다.",
    empty: "아직 이메일이 없습니다.",
    to: "받는 사람",
    subject: "제목",
    sentAt: "만든 시각",
    open: "열기",
  },
};

export default messages;
