import { sql, type Kysely } from "kysely";

// Issues 14 and 15, remaining parts (decision 055):
// 1. The agency's answer replies to each open question of the frozen deliberation digest: one
//    row per (answer version, question), so every version keeps its own replies; the draft
//    keeps its replies beside its text.
// 2. A step's extension is once per step AND holder: the agency that holds the answer (a
//    receiving agency after an accepted transfer holds a step of its own) or the follow-up owed
//    (each follow-up answer is a step of its own).
// 3. A transfer's reply period is a step of the reminder machinery (step 'transfer_reply').
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("answer_question_replies")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("idea_id", "bigint", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    // The question's place in the digest's list (0-based) and its words as the agency read them.
    .addColumn("question_index", "smallint", (c) => c.notNull().check(sql`question_index between 0 and 49`))
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("reply", "text", (c) => c.notNull().check(sql`length(reply) between 1 and 5000`))
    .addForeignKeyConstraint("answer_question_replies_version", ["idea_id", "version"], "answer_revisions", ["idea_id", "version"], (fk) => fk.onDelete("cascade"))
    .addUniqueConstraint("answer_question_replies_once", ["idea_id", "version", "question_index"])
    .execute();

  await db.schema.alterTable("answer_drafts").addColumn("replies", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`)).execute();

  // Who held the step an extension was asked for.
  await db.schema.alterTable("step_extensions").addColumn("agency_id", "integer", (c) => c.references("agencies.id")).execute();
  await db.schema.alterTable("step_extensions").addColumn("follow_up_id", "bigint", (c) => c.references("follow_ups.id").onDelete("cascade")).execute();
  // An agency's extension given before this migration belongs to the agency that held the idea
  // then: the proposing agency of the first transfer accepted after it, else the idea's agency.
  await sql`UPDATE step_extensions e SET agency_id = coalesce(
      (SELECT t.from_agency_id FROM idea_transfers t WHERE t.idea_id = e.idea_id AND t.state = 'accepted' AND t.decided_at > e.created_at ORDER BY t.decided_at LIMIT 1),
      (SELECT i.agency_id FROM ideas i WHERE i.id = e.idea_id))
    WHERE e.step = 'agency'`.execute(db);
  await sql`UPDATE step_extensions e SET
      follow_up_id = (SELECT f.id FROM follow_ups f WHERE f.idea_id = e.idea_id ORDER BY f.id LIMIT 1),
      agency_id = (SELECT i.agency_id FROM ideas i WHERE i.id = e.idea_id)
    WHERE e.step = 'follow_up'`.execute(db);
  await sql`DELETE FROM step_extensions WHERE step = 'follow_up' AND follow_up_id IS NULL`.execute(db);
  await sql`ALTER TABLE step_extensions DROP CONSTRAINT step_extensions_once`.execute(db);
  // Once per step and holder: the committee's step once; the agency's once per agency that
  // holds it; each follow-up once.
  await sql`ALTER TABLE step_extensions ADD CONSTRAINT step_extensions_once UNIQUE NULLS NOT DISTINCT (idea_id, step, agency_id, follow_up_id)`.execute(db);
  await sql`ALTER TABLE step_extensions ADD CONSTRAINT step_extensions_holder CHECK (
      (step = 'committee' AND agency_id IS NULL AND follow_up_id IS NULL)
      OR (step = 'agency' AND agency_id IS NOT NULL AND follow_up_id IS NULL)
      OR (step = 'follow_up' AND follow_up_id IS NOT NULL))`.execute(db);

  await sql`ALTER TABLE deadline_reminders DROP CONSTRAINT IF EXISTS deadline_reminders_step_check`.execute(db);
  await sql`ALTER TABLE deadline_reminders ADD CONSTRAINT deadline_reminders_step_check CHECK (step in ('committee', 'agency', 'follow_up', 'transfer_reply'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM deadline_reminders WHERE step = 'transfer_reply'`.execute(db);
  await sql`ALTER TABLE deadline_reminders DROP CONSTRAINT IF EXISTS deadline_reminders_step_check`.execute(db);
  await sql`ALTER TABLE deadline_reminders ADD CONSTRAINT deadline_reminders_step_check CHECK (step in ('committee', 'agency', 'follow_up'))`.execute(db);
  await sql`ALTER TABLE step_extensions DROP CONSTRAINT step_extensions_holder`.execute(db);
  await sql`ALTER TABLE step_extensions DROP CONSTRAINT step_extensions_once`.execute(db);
  // Back to once per step: the earliest extension of each step stays.
  await sql`DELETE FROM step_extensions e WHERE EXISTS (SELECT 1 FROM step_extensions o WHERE o.idea_id = e.idea_id AND o.step = e.step AND o.id < e.id)`.execute(db);
  await sql`ALTER TABLE step_extensions ADD CONSTRAINT step_extensions_once UNIQUE (idea_id, step)`.execute(db);
  await db.schema.alterTable("step_extensions").dropColumn("follow_up_id").execute();
  await db.schema.alterTable("step_extensions").dropColumn("agency_id").execute();
  await db.schema.alterTable("answer_drafts").dropColumn("replies").execute();
  await db.schema.dropTable("answer_question_replies").ifExists().execute();
}
