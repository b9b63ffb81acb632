import { sql, type Kysely } from "kysely";

// The committee's and the agency's public pages list one page at a time (decision 071): the ideas
// in a committee's care and under an agency's review (earliest deadline first), the agency's
// answers and the committee's recommendations (newest first), each with its total.
// - Recommendations had no index by committee: every view read the whole table and sorted the
//   committee's rows (madang_bench: the economy committee's 2,690 of 8,985).
// - The three queue indexes on ideas end with the id, the order's tie-break, so that a page's ids
//   come from an index-only scan that stops after the page (a deep page skips index entries, not
//   joined rows: the last page of 1,354 ideas 0.8 ms instead of 80), and the counts stay
//   index-only scans. Same names and predicates as before (tests/integration/workflow.test.ts
//   holds the predicates to the status table).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS recommendations_committee ON recommendations (committee_id, created_at DESC, id DESC)`.execute(db);
  await sql`DROP INDEX IF EXISTS ideas_committee`.execute(db);
  await sql`CREATE INDEX ideas_committee ON ideas (committee_id, committee_due_at, id) WHERE status IN ('fast_tracked', 'in_deliberation')`.execute(db);
  await sql`DROP INDEX IF EXISTS ideas_agency`.execute(db);
  await sql`CREATE INDEX ideas_agency ON ideas (agency_id, agency_due_at, id) WHERE status = 'under_review'`.execute(db);
  await sql`DROP INDEX IF EXISTS ideas_agency_all`.execute(db);
  await sql`CREATE INDEX ideas_agency_all ON ideas (agency_id, answered_at DESC, id DESC) WHERE agency_id IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS recommendations_committee`.execute(db);
  await sql`DROP INDEX IF EXISTS ideas_committee`.execute(db);
  await sql`CREATE INDEX ideas_committee ON ideas (committee_id, committee_due_at) WHERE status IN ('fast_tracked', 'in_deliberation')`.execute(db);
  await sql`DROP INDEX IF EXISTS ideas_agency`.execute(db);
  await sql`CREATE INDEX ideas_agency ON ideas (agency_id, agency_due_at) WHERE status = 'under_review'`.execute(db);
  await sql`DROP INDEX IF EXISTS ideas_agency_all`.execute(db);
  await sql`CREATE INDEX ideas_agency_all ON ideas (agency_id, answered_at DESC) WHERE agency_id IS NOT NULL`.execute(db);
}
