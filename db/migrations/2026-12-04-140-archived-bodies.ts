import { sql, type Kysely } from "kysely";

// Bodies and taxonomy that admins archive instead of deleting (decision 043): ideas keep pointing
// to an archived committee, agency, category or region; choosers leave it out. An agency may name
// the office that supervises it (a ministry over a local government's office, for instance).
const TABLES = ["committees", "agencies", "categories", "regions"] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) {
    await sql`ALTER TABLE ${sql.table(table)} ADD COLUMN IF NOT EXISTS archived_at timestamptz`.execute(db);
  }
  await sql`ALTER TABLE agencies ADD COLUMN IF NOT EXISTS supervising_agency_id integer REFERENCES agencies (id)`.execute(db);
  await sql`ALTER TABLE agencies ADD CONSTRAINT agencies_not_own_supervisor CHECK (supervising_agency_id IS NULL OR supervising_agency_id <> id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE agencies DROP CONSTRAINT IF EXISTS agencies_not_own_supervisor`.execute(db);
  await sql`ALTER TABLE agencies DROP COLUMN IF EXISTS supervising_agency_id`.execute(db);
  for (const table of TABLES) {
    await sql`ALTER TABLE ${sql.table(table)} DROP COLUMN IF EXISTS archived_at`.execute(db);
  }
}
