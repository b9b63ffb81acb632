import { sql, type Kysely } from "kysely";

// Ideas born at an event (issue 18, decision 040). Assisted entry (2026-12-04-110) kept the event
// of an idea, a paper batch and an in-person support as a plain number because the events table
// was another change's; now both are in, the numbers become foreign keys to civic_events.
//
// - A number that names no event was typed by hand into the old free field and says nothing a
//   reader can check: it is cleared (the audit row of the filing still has it).
// - The columns stay `integer` (civic_events.id is `bigint`; PostgreSQL compares the two in one
//   operator family, so the key is valid): widening would rewrite the ideas table under an
//   exclusive lock for no reader's benefit, and event numbers will not pass 2^31.
// - An event with ideas or batches cannot be deleted (events are cancelled, never deleted).
// - The event page lists the ideas born there: a partial index on the few ideas that have one.
const TABLES = ["ideas", "paper_batches", "in_person_supports"] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) {
    await sql`UPDATE ${sql.table(table)} t SET event_id = NULL
      WHERE t.event_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM civic_events e WHERE e.id = t.event_id)`.execute(db);
    await sql`ALTER TABLE ${sql.table(table)} ADD CONSTRAINT ${sql.id(`${table}_event_fk`)}
      FOREIGN KEY (event_id) REFERENCES civic_events (id)`.execute(db);
    await sql`CREATE INDEX ${sql.id(`${table}_event`)} ON ${sql.table(table)} (event_id) WHERE event_id IS NOT NULL`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) {
    await sql`DROP INDEX IF EXISTS ${sql.id(`${table}_event`)}`.execute(db);
    await sql`ALTER TABLE ${sql.table(table)} DROP CONSTRAINT IF EXISTS ${sql.id(`${table}_event_fk`)}`.execute(db);
  }
}
