import { sql, type Kysely } from "kysely";

// The security log in the database (issue 17, ASVS 7.1–7.2, docs/security.md): sign-ins failed,
// limited and succeeded, and requests refused (401, 403, 429), as they already go to standard
// output. Written in batches by the app (app/utils/security-log.server.ts); `log.dropped` counts
// events a full buffer could not keep. The address is cleared by the retention job after
// `retention_security_address_days`, the row removed after `retention_security_event_days`.
// Admins read it at /admin/security-log, newest first, by kind and by network.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE security_events (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL,
    kind text NOT NULL CHECK (kind IN ('login.failed', 'login.limited', 'login.codeFailed', 'login.succeeded', 'request.refused', 'log.dropped')),
    ip inet,
    user_id integer,
    account text CHECK (account ~ '^[0-9a-f]{1,64}$'),
    details jsonb NOT NULL DEFAULT '{}'
  )`.execute(db);
  // The page reads newest first, by kind or not; the retention job finds old rows by time.
  await sql`CREATE INDEX security_events_at ON security_events (at DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX security_events_kind_at ON security_events (kind, at DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX security_events_ip ON security_events USING gist (ip inet_ops) WHERE ip IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE security_events`.execute(db);
}
