// Issue 15: "seed the holidays of 2026 and 2027 from the official calendar". The first seed
// (2026-12-03-060) was written from the published calendar before two days became public
// holidays again or anew; the gazette's list (as packaged by @hyunbinseo/holidays-kr 5.2027.1,
// compared in tests/unit/holidays.test.ts) also has Labour Day (1 May, 노동절) and Constitution
// Day (17 July, 제헌절) in both years, with 2027's substitutes (Labour Day falls on a Saturday,
// Constitution Day on a Saturday). Other names differ in wording only (신정 / 1월 1일…), which
// that test lists; the seeded wording stays (admins may have edited it).
//
// A day an admin added already keeps its row (ON CONFLICT DO NOTHING); `down` removes only the
// rows this migration seeded (no author). Due dates already set stay as they are (decision 030).
import type { Kysely } from "kysely";
import { HOLIDAYS_2026_2027 } from "./2026-12-03-060-business-day-clock";

export const GAZETTE_ADDITIONS: [string, string, string][] = [
  ["2026-05-01", "노동절", "Labour Day"],
  ["2026-07-17", "제헌절", "Constitution Day"],
  ["2027-05-01", "노동절", "Labour Day"],
  ["2027-05-03", "대체공휴일(노동절)", "Substitute holiday (Labour Day)"],
  ["2027-07-17", "제헌절", "Constitution Day"],
  ["2027-07-19", "대체공휴일(제헌절)", "Substitute holiday (Constitution Day)"],
];

/** Every holiday of 2026 and 2027 the migrations seed, in date order. */
export const SEEDED_HOLIDAYS: [string, string, string][] = [...HOLIDAYS_2026_2027, ...GAZETTE_ADDITIONS].sort((a, b) => a[0].localeCompare(b[0]));

export async function up(db: Kysely<any>): Promise<void> {
  await db
    .insertInto("holidays")
    .values(GAZETTE_ADDITIONS.map(([date, name_ko, name_en]) => ({ date, name_ko, name_en })))
    .onConflict((oc) => oc.column("date").doNothing())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db
    .deleteFrom("holidays")
    .where(
      "date",
      "in",
      GAZETTE_ADDITIONS.map(([date]) => date),
    )
    .where("created_by", "is", null)
    .execute();
}
