import { sql, type Kysely } from "kysely";

// The business-day clock (issue 15; decision 030): public holidays, the reminders sent before a
// step's deadline and the escalations after it (each once), and the agency's supervising
// office as a scoped role.
//
// Existing due dates keep their meaning: committee_due_at and agency_due_at are instants and
// stay as they were computed (calendar days). Only steps that start from now on are counted in
// business days. The two deadline settings now count business days: a stored value of n
// calendar days becomes round(n × 5 / 7) business days (14 → 10, 30 → 21), so a deadline
// set tomorrow is about as long as one set today.
//
// The holidays of 2026 and 2027: the reference data of this repository holds no official list,
// so these are the public holidays of the Republic of Korea as published for those years
// (Regulations on Holidays of Government Offices and the Act on Public Holidays, with
// substitute holidays: Seollal and Chuseok when they fall on a Sunday or another holiday;
// Children's Day, Buddha's Birthday, Christmas and the four national days when they fall on
// a Saturday or Sunday), and 3 June 2026, the local elections' polling day. Admins keep the
// table at /admin/holidays (a temporary holiday the government declares is added there).
export const HOLIDAYS_2026_2027: [string, string, string][] = [
  ["2026-01-01", "신정", "New Year's Day"],
  ["2026-02-16", "설날 연휴", "Seollal holiday"],
  ["2026-02-17", "설날", "Seollal (Lunar New Year)"],
  ["2026-02-18", "설날 연휴", "Seollal holiday"],
  ["2026-03-01", "삼일절", "Independence Movement Day"],
  ["2026-03-02", "대체공휴일(삼일절)", "Substitute holiday (Independence Movement Day)"],
  ["2026-05-05", "어린이날", "Children's Day"],
  ["2026-05-24", "부처님오신날", "Buddha's Birthday"],
  ["2026-05-25", "대체공휴일(부처님오신날)", "Substitute holiday (Buddha's Birthday)"],
  ["2026-06-03", "전국동시지방선거일", "Local elections day"],
  ["2026-06-06", "현충일", "Memorial Day"],
  ["2026-08-15", "광복절", "Liberation Day"],
  ["2026-08-17", "대체공휴일(광복절)", "Substitute holiday (Liberation Day)"],
  ["2026-09-24", "추석 연휴", "Chuseok holiday"],
  ["2026-09-25", "추석", "Chuseok"],
  ["2026-09-26", "추석 연휴", "Chuseok holiday"],
  ["2026-10-03", "개천절", "National Foundation Day"],
  ["2026-10-05", "대체공휴일(개천절)", "Substitute holiday (National Foundation Day)"],
  ["2026-10-09", "한글날", "Hangul Day"],
  ["2026-12-25", "성탄절", "Christmas Day"],
  ["2027-01-01", "신정", "New Year's Day"],
  ["2027-02-06", "설날 연휴", "Seollal holiday"],
  ["2027-02-07", "설날", "Seollal (Lunar New Year)"],
  ["2027-02-08", "설날 연휴", "Seollal holiday"],
  ["2027-02-09", "대체공휴일(설날)", "Substitute holiday (Seollal)"],
  ["2027-03-01", "삼일절", "Independence Movement Day"],
  ["2027-05-05", "어린이날", "Children's Day"],
  ["2027-05-13", "부처님오신날", "Buddha's Birthday"],
  ["2027-06-06", "현충일", "Memorial Day"],
  ["2027-08-15", "광복절", "Liberation Day"],
  ["2027-08-16", "대체공휴일(광복절)", "Substitute holiday (Liberation Day)"],
  ["2027-09-14", "추석 연휴", "Chuseok holiday"],
  ["2027-09-15", "추석", "Chuseok"],
  ["2027-09-16", "추석 연휴", "Chuseok holiday"],
  ["2027-10-03", "개천절", "National Foundation Day"],
  ["2027-10-04", "대체공휴일(개천절)", "Substitute holiday (National Foundation Day)"],
  ["2027-10-09", "한글날", "Hangul Day"],
  ["2027-10-11", "대체공휴일(한글날)", "Substitute holiday (Hangul Day)"],
  ["2027-12-25", "성탄절", "Christmas Day"],
  ["2027-12-27", "대체공휴일(성탄절)", "Substitute holiday (Christmas Day)"],
];

/** The definition of a check constraint of role_grants, found by a word it contains. */
export async function roleConstraint(db: Kysely<any>, like: string): Promise<{ name: string; def: string } | undefined> {
  const rows = await sql<{ name: string; def: string }>`
    SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
    WHERE conrelid = 'role_grants'::regclass AND contype = 'c' AND conname LIKE ${like}`.execute(db);
  return rows.rows[0];
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("holidays")
    .addColumn("date", "date", (c) => c.primaryKey())
    .addColumn("name_ko", "text", (c) => c.notNull().check(sql`length(name_ko) between 1 and 100`))
    .addColumn("name_en", "text", (c) => c.notNull().check(sql`length(name_en) between 1 and 100`))
    .addColumn("created_by", "bigint", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db
    .insertInto("holidays")
    .values(HOLIDAYS_2026_2027.map(([date, name_ko, name_en]) => ({ date, name_ko, name_en })))
    .execute();

  // One row per reminder or escalation sent for a step's due date: the unique key makes each
  // happen once, however often and by however many processes the job runs. A new due date
  // (an extension) has its own reminders.
  await db.schema
    .createTable("deadline_reminders")
    .addColumn("idea_id", "bigint", (c) => c.notNull().references("ideas.id").onDelete("cascade"))
    .addColumn("step", "text", (c) => c.notNull().check(sql`step in ('committee', 'agency', 'follow_up')`))
    .addColumn("due_at", "timestamptz", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('before_3', 'before_1', 'escalated')`))
    .addColumn("sent_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("deadline_reminders_once", ["idea_id", "step", "due_at", "kind"])
    .execute();

  // agency_supervisor: an agency's supervising office (planning and coordination), scoped to
  // the agency like an officer. The role list is amended where it stands (other migrations
  // may have added roles of their own).
  const roles = await roleConstraint(db, "%role_check%");
  if (roles && !roles.def.includes("agency_supervisor")) {
    await sql`ALTER TABLE role_grants DROP CONSTRAINT ${sql.id(roles.name)}`.execute(db);
    const def = roles.def.replace("'agency_officer'::text", "'agency_officer'::text, 'agency_supervisor'::text");
    await sql`ALTER TABLE role_grants ADD CONSTRAINT ${sql.id(roles.name)} ${sql.raw(def)}`.execute(db);
  }
  const scope = await roleConstraint(db, "role_grants_scope");
  if (scope && !scope.def.includes("agency_supervisor")) {
    await sql`ALTER TABLE role_grants DROP CONSTRAINT role_grants_scope`.execute(db);
    await sql`ALTER TABLE role_grants ADD CONSTRAINT role_grants_scope CHECK (
      ((role = 'agency_supervisor') AND (agency_id IS NOT NULL) AND (committee_id IS NULL))
      OR (${sql.raw(scope.def.replace(/^CHECK\s*/, ""))}))`.execute(db);
  }

  // The deadline settings now count business days (see above).
  await sql`UPDATE settings SET value = to_jsonb(greatest(1, round((value #>> '{}')::numeric * 5 / 7))::int), updated_at = now()
    WHERE key IN ('committee_deadline_days', 'agency_deadline_days') AND jsonb_typeof(value) = 'number'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`UPDATE settings SET value = to_jsonb(round((value #>> '{}')::numeric * 7 / 5)::int)
    WHERE key IN ('committee_deadline_days', 'agency_deadline_days') AND jsonb_typeof(value) = 'number'`.execute(db);
  await db.deleteFrom("role_grants").where("role", "=", "agency_supervisor").execute();
  await db.schema.dropTable("deadline_reminders").ifExists().execute();
  await db.schema.dropTable("holidays").ifExists().execute();
}
