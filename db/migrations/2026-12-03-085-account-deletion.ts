import type { Kysely } from "kysely";

// Leaving Madang (issue 17, "Privacy rights"; decision 036): an account is anonymised, not
// dropped, so that its ideas, posts and supports keep counting. `deleted_at` says when the
// person left; the row then holds no personal data (app/domain/privacy/delete.server.ts).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").addColumn("deleted_at", "timestamptz").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("deleted_at").execute();
}
