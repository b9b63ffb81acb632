import { sql, type Kysely } from "kysely";

// Receipts at scale (issue 19, decision 104): each published day's inner Merkle nodes beside its
// leaves, so that a supporter's proof is about twenty hashes read from them rather than the day's
// tree built again for every receipt (160,000 leaves a day on the benchmark's data: a tenth of a
// second of hashing and tens of MB a receipt, and a person's data export makes one per support).
// Derived from the leaves: written when a day is published, or at its first receipt for the days
// published before this table existed. Append-only like the roots.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("support_root_nodes")
    .addColumn("day", "date", (c) => c.primaryKey().references("support_roots.day"))
    .addColumn("nodes", "bytea", (c) => c.notNull())
    .execute();
  // Hashes do not compress; kept as they are, a slice of 32 bytes is read without the rest.
  await sql`ALTER TABLE support_root_nodes ALTER COLUMN nodes SET STORAGE EXTERNAL`.execute(db);
  await sql`ALTER TABLE support_root_leaves ALTER COLUMN leaves SET STORAGE EXTERNAL`.execute(db);
  await sql`CREATE TRIGGER support_root_nodes_no_change BEFORE UPDATE OR DELETE ON support_root_nodes
    FOR EACH ROW EXECUTE FUNCTION support_roots_append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("support_root_nodes").ifExists().execute();
  await sql`ALTER TABLE support_root_leaves ALTER COLUMN leaves SET STORAGE EXTENDED`.execute(db);
}
