import { sql, type Kysely } from "kysely";

// The stance tally (app/domain/deliberation/deliberation.server.ts stanceTally) runs on every
// view of a thread and of an idea's page. Since guests post in deliberations (decision 054) it
// leaves out their posts (`guest_id IS NULL`), a column posts_tally (2026-11-24-008) does not
// hold: the index-only scan became a bitmap scan fetching one heap page per post, then a sort
// (madang_bench, the hot idea's comments, 5,500 posts: 16 ms warm, 71 ms cold; issue 19). With
// the guests' posts out of the index by its predicate the tally is an index-only scan in
// index order again (~1.5 ms for 5,500 posts by 7 people, ~3–8 ms for 5,500 people).
// Nothing else reads posts_tally.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS posts_tally`.execute(db);
  await sql`CREATE INDEX posts_tally ON posts (thread_id, author_id, id DESC) INCLUDE (stance) WHERE removed_at IS NULL AND guest_id IS NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS posts_tally`.execute(db);
  await sql`CREATE INDEX posts_tally ON posts (thread_id, author_id, id DESC) INCLUDE (stance) WHERE removed_at IS NULL`.execute(db);
}
