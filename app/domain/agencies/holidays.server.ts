// The holidays table: what the business-day clock skips. Admins keep it (/admin/holidays);
// every change is a use case of the kernel with an audit row.
import type { Kysely } from "kysely";
import { sql } from "kysely";
import { z } from "zod";
import type { Database } from "../../../db/schema";
import { fail, msg } from "../../utils/result";
import { noControlChars, trimmed } from "../../utils/text";
import type { Actor } from "../accounts/permissions";
import { adminRefusal } from "../moderation/permissions";
import { execute, useCase, type Trx } from "../use-case.server";
import { dueAfter, type Holidays } from "./clock";
import { HOLIDAY_NAME_MAX } from "./limits";
import { isIsoDate } from "../../utils/korea-time";

type Db = Kysely<Database> | Trx;

/** Every holiday date (a small table: a few dozen rows a year). */
export async function loadHolidays(db: Db): Promise<Holidays> {
  const rows = await db.selectFrom("holidays").select(sql<string>`date::text`.as("date")).execute();
  return new Set(rows.map((r) => r.date));
}

/** The due instant of a step of `businessDays` that starts now, by the holidays stored. */
export async function dueInBusinessDays(db: Db, start: Date, businessDays: number): Promise<Date> {
  return dueAfter(start, businessDays, await loadHolidays(db));
}

export async function holidaysOfYear(db: Db, year: number) {
  return db
    .selectFrom("holidays")
    .select([sql<string>`date::text`.as("date"), "name_ko", "name_en"])
    .where(sql<boolean>`extract(year from date) = ${year}`)
    .orderBy("date")
    .execute();
}

/** The years that have holidays, and the current one. */
export async function holidayYears(db: Db, current: number): Promise<number[]> {
  const rows = await db.selectFrom("holidays").select(sql<number>`extract(year from date)::int`.as("year")).distinct().execute();
  return [...new Set([...rows.map((r) => Number(r.year)), current])].sort((a, b) => a - b);
}

const name = (key: string) =>
  z
    .string({ message: "errors.required" })
    .transform(trimmed)
    .pipe(z.string().min(1, "errors.required").max(HOLIDAY_NAME_MAX, key).refine(noControlChars, "errors.controlChars"));

const DateSchema = z
  .string({ message: "holidays.errors.date" })
  .trim()
  .refine((v) => v !== "", "errors.required")
  .refine((v) => v === "" || isIsoDate(v), "holidays.errors.date")
  .refine((v) => !isIsoDate(v) || (v >= "2000-01-01" && v <= "2100-12-31"), "holidays.errors.date");

const AddHolidaySchema = z.object({
  date: DateSchema,
  nameKo: name("holidays.errors.name"),
  nameEn: name("holidays.errors.name"),
});

const RemoveHolidaySchema = z.object({ date: DateSchema });

const AddHoliday = useCase({
  name: "holiday.add",
  schema: AddHolidaySchema,
  permit: (actor, _subject: undefined, { now }) => adminRefusal(actor, now),
  run: async ({ trx, actor, input, now }) => {
    const row = await trx
      .insertInto("holidays")
      .values({ date: input.date, name_ko: input.nameKo, name_en: input.nameEn, created_by: actor.id, created_at: now })
      .onConflict((oc) => oc.column("date").doNothing())
      .returning(sql<string>`date::text`.as("date"))
      .executeTakeFirst();
    if (!row) return fail("date", msg("holidays.errors.exists"), 409);
    return { date: row.date };
  },
  audit: ({ input }) => ({ targetType: "holiday", targetId: input.date, details: { nameKo: input.nameKo, nameEn: input.nameEn } }),
});

const RemoveHoliday = useCase({
  name: "holiday.remove",
  schema: RemoveHolidaySchema,
  permit: (actor, _subject: undefined, { now }) => adminRefusal(actor, now),
  run: async ({ trx, input }) => {
    const row = await trx.deleteFrom("holidays").where("date", "=", input.date).returning(["name_ko", "name_en"]).executeTakeFirst();
    return { removed: row ?? null };
  },
  // Removing twice is not an error (the day is a working day either way); only a removal is logged.
  audit: ({ input }, { removed }) => (removed ? { targetType: "holiday", targetId: input.date, details: { nameKo: removed.name_ko, nameEn: removed.name_en } } : null),
});

export function addHoliday(db: Kysely<Database>, actor: Actor | null, input: Record<string, unknown>, now = new Date()) {
  return execute(db, AddHoliday, actor, { input, now });
}

export function removeHoliday(db: Kysely<Database>, actor: Actor | null, input: Record<string, unknown>, now = new Date()) {
  return execute(db, RemoveHoliday, actor, { input, now });
}
