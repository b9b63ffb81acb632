// The pages every deployment starts with (decision 033): the operating rules, the privacy notice
// and the terms of use, in Korean and English. The seed writes each one only if the page does not
// exist yet, so seeding again never undoes an admin's edit. The operator is expected to adapt
// them (/admin/pages); every edit is a new public version.
export interface SeedPage {
  slug: string;
  title_ko: string;
  title_en: string;
  body_ko: string;
  body_en: string;
}

export const SEED_PAGES: SeedPage[] = [
  {
    slug: "operating-rules",
    title_ko: "운영 원칙",
    title_en: "Operating rules",
    body_ko: `마당은 누구나 정책을 제안하고, 공감하고, 공개적으로 토론하는 곳입니다. 이 원칙은 무엇이 허용되는지, 운영자가 어떻게 판단하는지 설명합니다.

## 허용되는 것
- 공공 정책에 대한 제안, 의견, 반대 의견. 날카로운 비판도 환영합니다.
- 자신의 경험. 다만 다른 사람을 알아볼 수 있는 정보는 빼 주세요.

## 허용되지 않는 것 {#not-allowed}
- **광고·도배(spam)**: 상업 광고, 같은 글의 반복 게시. {#spam}
- **욕설·괴롭힘(abuse)**: 사람이나 집단을 향한 모욕, 위협, 혐오 표현. {#abuse}
- **개인정보(personal data)**: 주민등록번호, 전화번호, 주소 등 누군가를 알아볼 수 있는 정보. {#personal_data}
- **주제와 무관한 글(off topic)**: 공공 정책과 관계없는 글. {#off_topic}
- **중복(duplicate)**: 이미 있는 제안과 같은 제안. 운영자가 기존 제안으로 합치며 공감은 옮겨집니다. {#duplicate}
- **불법 정보(illegal)**: 법으로 게시가 금지된 내용. {#illegal}

## 운영 방식 {#moderation}
- 여러 사람이 신고한 글은 운영자가 볼 때까지 자동으로 가려집니다. 몇 명이 신고하면 가려지는지는 사이트 설정에 공개되어 있습니다.
- 운영자는 글을 숨기거나, 제안을 반려하거나, 합칠 때 반드시 이유를 기록합니다. 모든 조치는 감사 기록에 남습니다.
- 반려된 제안은 [투명성 페이지](/transparency)에 날짜와 이유와 함께 공개됩니다. 개인정보나 불법 정보가 이유인 경우 제목은 공개하지 않습니다.
- 작성자는 반려나 숨김에 대해 14일 안에 한 번 이의를 제기할 수 있고, 처음 판단하지 않은 다른 운영자가 결정합니다.
`,
    body_en: `Madang is where anyone proposes policy, supports others' ideas and deliberates in the open. These rules say what is allowed and how moderators decide.

## Allowed
- Proposals, opinions and objections about public policy. Sharp criticism is welcome.
- Your own experience, without anything that identifies someone else.

## Not allowed {#not-allowed}
- **Spam**: commercial advertising, the same text posted again and again. {#spam}
- **Abuse**: insults, threats or hatred aimed at a person or a group. {#abuse}
- **Personal data**: resident registration numbers, phone numbers, addresses, anything that identifies someone. {#personal_data}
- **Off topic**: posts that are not about public policy. {#off_topic}
- **Duplicate**: the same proposal as an existing one. A moderator merges it into the existing idea and its supports move there. {#duplicate}
- **Illegal content**: content the law forbids publishing. {#illegal}

## How moderation works {#moderation}
- An item reported by several people is hidden automatically until a moderator looks at it. How many reports hide an item is public in the site settings.
- A moderator who hides a post, rejects or merges an idea always records a reason. Every action is kept in the audit log.
- Rejected ideas are listed on the [transparency page](/transparency) with their date and reason. When the reason is personal data or illegal content, the title is not shown.
- The author may appeal a rejection or a hidden post once, within 14 days; a moderator other than the one who decided first answers it.
`,
  },
  {
    slug: "privacy",
    title_ko: "개인정보 처리방침",
    title_en: "Privacy notice",
    body_ko: `## 수집하는 정보
- 가입할 때: 이메일 주소, 표시 이름, 비밀번호(복원할 수 없는 형태로만 저장).
- 선택: 사는 지역. 지역별 공감 통계에만 쓰이며 이름과 함께 공개되지 않습니다.
- 공감할 때: 누가 어떤 제안에 공감했는지는 공개하지 않습니다. 조직적인 공감 급증을 살피기 위해 네트워크 주소의 앞부분만 저장합니다.

## 이용 목적
제안과 공감, 토론, 진행 상황 알림, 부정 공감 방지를 위해서만 씁니다. 광고에 쓰거나 제3자에게 팔지 않습니다.

## 공공데이터
공개 데이터에는 개인정보가 들어가지 않습니다.

## 문의
개인정보에 관한 문의와 열람·정정·삭제 요청은 운영 기관의 개인정보 보호책임자에게 보내 주세요.
`,
    body_en: `## What we collect
- When you join: your e-mail address, display name and password (stored only in a form that cannot be reversed).
- Optional: your home region, used only for the regional chart of support, never shown with your name.
- When you support: who supports what is never published. To watch for organised bursts of support, only the first part of your network address is stored.

## Why
Only to run proposals, support, deliberation, news of progress, and to keep support honest. Never for advertising, never sold to anyone.

## Open data
The open data carries no personal data.

## Contact
Send questions and requests to see, correct or delete your data to the operator's data protection officer.
`,
  },
  {
    slug: "terms",
    title_ko: "이용약관",
    title_en: "Terms of use",
    body_ko: `## 계정
한 사람은 계정 하나만 씁니다. 공감은 한 사람의 뜻이어야 하므로 여러 계정이나 자동화된 공감은 무효가 될 수 있습니다.

## 게시한 글
제안과 글의 권리는 작성자에게 있습니다. 게시하면 누구나 공공데이터로 읽고 다시 쓸 수 있도록 허락하는 것으로 봅니다.

## 운영
글은 [운영 원칙](/pages/operating-rules)에 따라 운영됩니다. 이 약관이 바뀌면 이 페이지의 변경 내역에 공개합니다.
`,
    body_en: `## Accounts
One person, one account. A support must be one person's choice: supports from several accounts or from automation may be invalidated.

## What you post
You keep the rights to what you write. By posting it you allow anyone to read and reuse it as open data.

## Moderation
Posts are moderated under the [operating rules](/pages/operating-rules). When these terms change, the change is public in this page's history.
`,
  },
];
