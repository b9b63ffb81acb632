// Reference data every deployment needs. Loaded by `npm run db:seed` (and at start-up);
// keyed by slug or code so that loading it again changes nothing.
export const REGIONS = [
  [1, "seoul", "서울특별시", "Seoul"],
  [2, "busan", "부산광역시", "Busan"],
  [3, "daegu", "대구광역시", "Daegu"],
  [4, "incheon", "인천광역시", "Incheon"],
  [5, "gwangju", "광주광역시", "Gwangju"],
  [6, "daejeon", "대전광역시", "Daejeon"],
  [7, "ulsan", "울산광역시", "Ulsan"],
  [8, "sejong", "세종특별자치시", "Sejong"],
  [9, "gyeonggi", "경기도", "Gyeonggi"],
  [10, "gangwon", "강원특별자치도", "Gangwon"],
  [11, "chungbuk", "충청북도", "North Chungcheong"],
  [12, "chungnam", "충청남도", "South Chungcheong"],
  [13, "jeonbuk", "전북특별자치도", "Jeonbuk"],
  [14, "jeonnam", "전라남도", "South Jeolla"],
  [15, "gyeongbuk", "경상북도", "North Gyeongsang"],
  [16, "gyeongnam", "경상남도", "South Gyeongsang"],
  [17, "jeju", "제주특별자치도", "Jeju"],
] as const;

// The four sub-committees of the Committee for Recovery of Normal Life.
export const COMMITTEES = [
  {
    slug: "economy",
    name_ko: "경제·민생 분과",
    name_en: "Economy and Public Livelihood",
    description_ko: "일자리, 물가, 소상공인, 주거 등 민생 경제에 관한 제안을 숙의합니다.",
    description_en: "Deliberates on ideas about jobs, prices, small businesses, housing and the economy of daily life.",
  },
  {
    slug: "society-culture",
    name_ko: "사회·문화 분과",
    name_en: "Society and Culture",
    description_ko: "복지, 교육, 문화, 공동체에 관한 제안을 숙의합니다.",
    description_en: "Deliberates on ideas about welfare, education, culture and community life.",
  },
  {
    slug: "local-safety",
    name_ko: "자치·안전 분과",
    name_en: "Local Safety",
    description_ko: "지역 자치, 교통, 환경, 재난 안전에 관한 제안을 숙의합니다.",
    description_en: "Deliberates on ideas about local government, transport, the environment and safety.",
  },
  {
    slug: "quarantine-healthcare",
    name_ko: "방역·의료 분과",
    name_en: "Quarantine and Healthcare",
    description_ko: "감염병 대응, 보건, 의료 체계에 관한 제안을 숙의합니다.",
    description_en: "Deliberates on ideas about infectious disease, public health and the healthcare system.",
  },
] as const;

export const CATEGORIES = [
  { slug: "economy", name_ko: "경제·일자리", name_en: "Economy and jobs", committee: "economy" },
  { slug: "housing", name_ko: "주거·부동산", name_en: "Housing", committee: "economy" },
  { slug: "digital", name_ko: "행정·디지털", name_en: "Government and digital", committee: "economy" },
  { slug: "welfare", name_ko: "복지", name_en: "Welfare", committee: "society-culture" },
  { slug: "education", name_ko: "교육", name_en: "Education", committee: "society-culture" },
  { slug: "culture", name_ko: "문화·관광", name_en: "Culture and tourism", committee: "society-culture" },
  { slug: "transport", name_ko: "교통", name_en: "Transport", committee: "local-safety" },
  { slug: "environment", name_ko: "환경·기후", name_en: "Environment and climate", committee: "local-safety" },
  { slug: "safety", name_ko: "안전·재난", name_en: "Safety and disasters", committee: "local-safety" },
  { slug: "health", name_ko: "보건·의료", name_en: "Health and medical care", committee: "quarantine-healthcare" },
] as const;

export const AGENCIES = [
  { slug: "moef", kind: "ministry", name_ko: "기획재정부", name_en: "Ministry of Economy and Finance", region: null },
  { slug: "mohw", kind: "ministry", name_ko: "보건복지부", name_en: "Ministry of Health and Welfare", region: null },
  { slug: "moe", kind: "ministry", name_ko: "교육부", name_en: "Ministry of Education", region: null },
  { slug: "molit", kind: "ministry", name_ko: "국토교통부", name_en: "Ministry of Land, Infrastructure and Transport", region: null },
  { slug: "me", kind: "ministry", name_ko: "환경부", name_en: "Ministry of Environment", region: null },
  { slug: "mois", kind: "ministry", name_ko: "행정안전부", name_en: "Ministry of the Interior and Safety", region: null },
  { slug: "kdca", kind: "ministry", name_ko: "질병관리청", name_en: "Korea Disease Control and Prevention Agency", region: null },
  { slug: "seoul", kind: "local", name_ko: "서울특별시", name_en: "Seoul Metropolitan Government", region: 1 },
  { slug: "busan", kind: "local", name_ko: "부산광역시", name_en: "Busan Metropolitan City", region: 2 },
  { slug: "jeju", kind: "local", name_ko: "제주특별자치도", name_en: "Jeju Special Self-Governing Province", region: 17 },
] as const;

/** Default values of the settings staff can change (table `settings`): from the registry. */
export { DEFAULT_SETTINGS } from "../app/domain/settings";
