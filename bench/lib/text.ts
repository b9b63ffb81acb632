// Idea and post texts for the benchmark, in Korean and English, composed from word lists. The
// words 대중교통, 탄소 and transit come with an idea's topic only (title and first sentence):
// about 5%, 7% and 5% of the ideas, the share a popular subject might have on a national
// platform. (A first version also had them in the shared paragraphs: 27%, 40% and 13% of the
// ideas matched, and ranking that many rows saturated the database: see docs/scaling.md.)
//
// An idea's body is a sentence of its own followed by paragraphs drawn from a pool. Rendering
// 50,000 bodies through marked + sanitize-html one by one takes about a minute, so each pooled
// paragraph is rendered once with the app's own functions and a body's HTML and plain text are
// the concatenation of its blocks'. `checkComposition` proves on samples that this gives exactly
// what renderMarkdown / markdownToText give for the whole body.
import { markdownToText, renderMarkdown } from "../../app/utils/markdown.server";

type Rand = () => number;
const pick = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)];

export const KO_TOPICS = [
  "대중교통", "대중교통 요금", "탄소중립", "탄소 배출", "공공 자전거", "어린이 보호구역", "청년 주거", "공공 도서관",
  "노인 돌봄", "미세먼지", "재활용", "전기차 충전소", "지역 화폐", "소상공인 지원", "응급실", "감염병 대응",
  "출산 지원", "학교 급식", "공원 녹지", "심야 버스", "재난 문자", "저상 버스", "탄소 포인트", "마을 버스",
  "임대 주택", "일자리 센터", "방과후 돌봄", "장애인 이동권", "보행자 안전", "공공 와이파이",
] as const;
const KO_ACTIONS = [
  "확대", "개선", "도입", "지원 강화", "요금 인하", "안전 대책 마련", "예산 확보", "정보 공개", "시범 사업", "제도 개선",
  "운영 시간 연장", "접근성 향상",
] as const;
const KO_FOR = [
  "모든 시민을 위한", "청년을 위한", "어르신을 위한", "아이들이 안전한", "지역 주민과 함께하는", "기후 위기 시대의",
  "출퇴근 시민을 위한", "농어촌 주민을 위한", "",
] as const;
const KO_BENEFITS = [
  "시민의 삶이 나아질 것입니다", "생활 환경이 크게 좋아질 것입니다", "이용하는 사람이 늘어날 것입니다",
  "지역 경제에 도움이 됩니다", "사고를 예방할 수 있습니다", "예산을 아낄 수 있습니다", "누구나 쉽게 이용할 수 있습니다",
] as const;
const KO_PARAGRAPHS = [
  "현재 제도는 이용자의 불편을 충분히 반영하지 못하고 있습니다. 특히 출퇴근 시간의 혼잡과 긴 배차 간격이 큰 문제입니다.",
  "해외 도시들은 이미 비슷한 정책으로 좋은 성과를 거두었습니다. 우리 지역에도 시범 사업부터 시작해 보면 좋겠습니다.",
  "제도를 바꾸려면 이용하는 사람이 쉽게 느껴야 합니다. 요금과 절차, 안내 모두 함께 고쳐야 합니다.",
  "예산은 기존 사업을 조정하고 국비 지원을 받아 마련할 수 있습니다. 주민 설명회를 열어 의견을 모으는 것도 필요합니다.",
  "어르신과 장애인, 아이를 키우는 부모 모두 편하게 이용할 수 있어야 합니다. 접근성을 처음부터 설계에 넣어 주십시오.",
  "데이터를 공개하면 시민과 연구자가 함께 더 나은 방안을 찾을 수 있습니다. 분기마다 결과를 발표해 주세요.",
  "작은 변화라도 꾸준히 이어지면 동네가 달라집니다. 많은 분들의 공감을 부탁드립니다.",
  "- 첫째, 이용 현황을 조사합니다.\n- 둘째, 주민 의견을 듣습니다.\n- 셋째, 시범 운영 후 확대합니다.",
  "**핵심은 안전입니다.** 사고가 잦은 곳부터 우선 개선해 주십시오.",
  "변화는 지금 시작해야 합니다. 국가 목표를 지역 단위에서도 실천할 수 있는 방법입니다.",
] as const;

export const EN_TOPICS = [
  "public transit", "transit passes", "transit fares", "carbon emissions", "bike lanes", "school meals", "public libraries",
  "elder care", "air quality", "recycling", "EV charging", "night buses", "youth housing", "emergency rooms",
  "disaster alerts", "city parks", "low-floor buses", "school safety zones", "carbon budgets", "community centres",
] as const;
const EN_ACTIONS = [
  "Expand", "Improve", "Make free", "Fund", "Open up", "Publish data on", "Pilot", "Extend hours of", "Make accessible", "Cut the cost of",
] as const;
const EN_FOR = ["for students", "for seniors", "for everyone", "for commuters", "for families", "for rural towns", ""] as const;
const EN_BENEFITS = [
  "it would make daily life easier", "it would cut pollution", "more people would use it",
  "it would help local businesses", "it would prevent accidents", "it would save public money",
] as const;
const EN_PARAGRAPHS = [
  "The current system does not reflect what people actually need. Crowded rush hours and long waits are the biggest problems.",
  "Other cities already did this and it worked. We could start with a pilot in one district and learn from it.",
  "Change means making the better choice the easy one. Prices, rules and information all need to work together.",
  "The money can come from reallocating existing programmes and national grants. Hold public meetings to hear residents first.",
  "Seniors, disabled people and parents with small children must all be able to use it. Build accessibility in from the start.",
  "Publishing the data would let citizens and researchers find better answers together. Please report the results every quarter.",
  "- Survey how it is used today.\n- Ask residents what they need.\n- Pilot it, then expand.",
  "**Safety comes first.** Start with the places where accidents happen most often.",
] as const;

export const REGION_KO = ["서울", "부산", "대구", "인천", "광주", "대전", "울산", "세종", "경기", "강원", "충북", "충남", "전북", "전남", "경북", "경남", "제주"];
export const REGION_EN = ["Seoul", "Busan", "Daegu", "Incheon", "Gwangju", "Daejeon", "Ulsan", "Sejong", "Gyeonggi", "Gangwon", "Chungbuk", "Chungnam", "Jeonbuk", "Jeonnam", "Gyeongbuk", "Gyeongnam", "Jeju"];

interface Block {
  md: string;
  html: string;
  text: string;
}

function block(md: string): Block {
  return { md, html: renderMarkdown(md), text: markdownToText(md) };
}

const koBlocks = KO_PARAGRAPHS.map(block);
const enBlocks = EN_PARAGRAPHS.map(block);

/** A sentence of plain words: no Markdown syntax, nothing to escape (checked by `plainBlock`). */
function plainBlock(sentence: string): Block {
  if (!/^[\p{L}\p{N} ,.-]+$/u.test(sentence) || /^\d/.test(sentence)) return block(sentence);
  return { md: sentence, html: `<p>${sentence}</p>\n`, text: sentence };
}

export interface IdeaText {
  title: string;
  body: string;
  body_html: string;
  excerpt: string;
}

function excerptOf(text: string): string {
  return text.length > 220 ? `${text.slice(0, 217).trimEnd()}…` : text;
}

function compose(blocks: Block[]): Omit<IdeaText, "title"> {
  const body = blocks.map((b) => b.md).join("\n\n");
  const text = blocks
    .map((b) => b.text)
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
  return { body, body_html: blocks.map((b) => b.html).join(""), excerpt: excerptOf(text) };
}

export function ideaText(r: Rand, n: number, regionIndex: number | null, english: boolean): IdeaText {
  if (english) {
    const topic = pick(r, EN_TOPICS);
    const where = regionIndex === null ? "nationwide" : `in ${REGION_EN[regionIndex]}`;
    const title = `${pick(r, EN_ACTIONS)} ${topic} ${pick(r, EN_FOR)} ${where}`.replace(/\s+/g, " ").trim();
    const lead = plainBlock(`Proposal ${n}. If we ${pick(r, EN_ACTIONS).toLowerCase()} ${topic} ${where}, ${pick(r, EN_BENEFITS)}.`.replace(/\s+/g, " "));
    const extra = [pick(r, enBlocks), pick(r, enBlocks)].filter((b, i, all) => all.indexOf(b) === i);
    return { title, ...compose([lead, ...extra]) };
  }
  const topic = pick(r, KO_TOPICS);
  const place = regionIndex === null ? "전국" : REGION_KO[regionIndex];
  const title = `${pick(r, KO_FOR)} ${place} ${topic} ${pick(r, KO_ACTIONS)}`.replace(/\s+/g, " ").trim();
  const lead = plainBlock(`제안 번호 ${n}. ${place}의 ${topic} 문제를 ${pick(r, KO_ACTIONS)}하면 ${pick(r, KO_BENEFITS)}.`);
  const extra = [pick(r, koBlocks), pick(r, koBlocks), pick(r, koBlocks)].filter((b, i, all) => all.indexOf(b) === i);
  return { title, ...compose([lead, ...extra]) };
}

/** The text of the most-supported idea, written out. */
export function hotIdeaText(): IdeaText {
  const title = "대중교통 요금을 낮추고 심야 버스를 늘려 탄소 배출을 줄입시다";
  const blocks = [
    plainBlock("출퇴근 시민과 청년, 어르신 모두가 부담 없이 대중교통을 탈 수 있도록 요금을 낮추고 심야 버스를 늘려 주십시오."),
    koBlocks[2],
    koBlocks[7],
    block("Lower transit fares and more night buses would cut carbon emissions across the country."),
  ];
  return { title, ...compose(blocks) };
}

const KO_COMMENTS = [
  "좋은 제안입니다. 적극 공감합니다.",
  "저희 동네에도 꼭 필요합니다. 매일 출퇴근길에 불편을 겪고 있어요.",
  "예산이 얼마나 드는지 먼저 따져 봐야 하지 않을까요?",
  "대중교통 요금이 내려가면 자가용을 두고 다니겠습니다.",
  "탄소 배출을 줄이려면 이런 정책이 더 많아야 합니다.",
  "반대합니다. 다른 지역과 형평성 문제가 생길 수 있습니다.",
  "시범 사업부터 해 보고 결과를 공개하면 좋겠습니다.",
  "**어르신들께** 특히 도움이 될 것 같습니다.",
  "- 노선 조정\n- 배차 간격 단축\n- 환승 할인 확대",
  "관련 자료를 찾아보니 해외 사례가 꽤 있네요. [참고 자료](https://example.org/transit)를 확인해 보세요.",
  "위원회에서 꼭 검토해 주시기 바랍니다.",
  "의견에 동의하지만 현실적인 재원 대책이 필요합니다.",
];
const EN_COMMENTS = [
  "Great idea, fully support this.",
  "We need this in my neighbourhood too. My commute is a daily struggle.",
  "Shouldn't we look at the cost first?",
  "If transit fares came down I would leave the car at home.",
  "Against: this could be unfair to other regions.",
  "A pilot with published results would convince people.",
  "**Seniors** would benefit the most from this.",
  "Cutting carbon emissions needs many more proposals like this one.",
];

/** A pool of post bodies with their HTML, each rendered by the app's own function. */
export function postPool(r: Rand, size: number): { body: string; body_html: string }[] {
  const pool: { body: string; body_html: string }[] = [];
  for (let i = 0; i < size; i++) {
    const english = r() < 0.25;
    const list = english ? EN_COMMENTS : KO_COMMENTS;
    const first = pick(r, list);
    const second = r() < 0.5 ? pick(r, list) : null;
    const body = second && second !== first ? `${first}\n\n${second} (${i})` : `${first} (${i})`;
    pool.push({ body, body_html: renderMarkdown(body) });
  }
  return pool;
}

/** Proves the composition on samples: the same HTML and excerpt as the app computes for the whole body. */
export function checkComposition(samples: IdeaText[]): void {
  for (const s of samples) {
    const html = renderMarkdown(s.body);
    const text = markdownToText(s.body);
    const excerpt = text.length > 220 ? `${text.slice(0, 217).trimEnd()}…` : text;
    if (html !== s.body_html || excerpt !== s.excerpt) {
      throw new Error(
        `composed text differs from the app's rendering for:\n${s.body}\n--- composed html\n${s.body_html}\n--- app html\n${html}\n--- composed excerpt\n${s.excerpt}\n--- app excerpt\n${excerpt}`,
      );
    }
  }
}

export const RATIONALES_KO = [
  "분과위원회는 공개 숙의를 거쳐 이 제안을 담당 기관에 전달하기로 했습니다. 시민의 공감이 크고 실행 가능성이 높다고 판단했습니다.",
  "재원과 형평성 문제를 검토한 결과, 현재 형태로는 권고하지 않기로 했습니다. 보완된 제안을 환영합니다.",
];
export const ANSWERS_KO = [
  "제안해 주신 내용을 검토하여 내년도 예산에 반영하기로 하였습니다. 진행 상황은 이 페이지에 계속 알려 드리겠습니다.",
  "일부 내용을 받아들여 시범 사업으로 추진합니다. 나머지는 추가 연구가 필요합니다.",
  "관계 기관과 협의가 필요하여 추가 검토를 진행하겠습니다.",
  "검토 결과 현행 제도와 충돌하여 수용하기 어렵습니다. 양해 부탁드립니다.",
];
