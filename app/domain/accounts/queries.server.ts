// Read queries for account pages.
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { isId } from "../../utils/ids";

export const USERS_PER_PAGE = 50;

/** Users for the admin list, newest first, keyset-paginated by id. */
export async function listUsers(db: Kysely<Database>, options: { q?: string; before?: number }) {
  let query = db
    .selectFrom("users")
    .select((eb) => [
      "users.id",
      "users.email",
      "users.display_name",
      "users.email_verified_at",
      "users.created_at",
      eb
        .selectFrom("role_grants")
        .select(sql<string[]>`array_agg(role order by role)`.as("roles"))
        .whereRef("role_grants.user_id", "=", "users.id")
        .as("roles"),
    ])
    .orderBy("users.id", "desc")
    .limit(USERS_PER_PAGE + 1);
  // Control characters (a NUL byte cannot even be sent to PostgreSQL) match no one.
  const q = options.q?.replace(/[\u0000-\u001f\u007f]/g, "");
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb("email", "ilike", pattern), eb("display_name", "ilike", pattern)]));
  }
  if (isId(options.before)) query = query.where("users.id", "<", options.before);
  const rows = await query.execute();
  return {
    users: rows.slice(0, USERS_PER_PAGE).map((r) => ({ ...r, roles: r.roles ?? [] })),
    nextBefore: rows.length > USERS_PER_PAGE ? rows[USERS_PER_PAGE - 1].id : null,
  };
}

export async function userForAdmin(db: Kysely<Database>, userId: number) {
  const user = await db
    .selectFrom("users")
    .leftJoin("two_factor", "two_factor.user_id", "users.id")
    .select(["users.id", "users.email", "users.display_name", "users.email_verified_at", "users.created_at", "users.suspended_until", "two_factor.enrolled_at as two_factor_since"])
    .where("users.id", "=", userId)
    .executeTakeFirst();
  if (!user) return null;
  const [grants, audit] = await Promise.all([
    db
      .selectFrom("role_grants")
      .leftJoin("committees", "committees.id", "role_grants.committee_id")
      .leftJoin("agencies", "agencies.id", "role_grants.agency_id")
      .select([
        "role_grants.id",
        "role_grants.role",
        "role_grants.created_at",
        "committees.name_ko as committee_ko",
        "committees.name_en as committee_en",
        "agencies.name_ko as agency_ko",
        "agencies.name_en as agency_en",
      ])
      .where("role_grants.user_id", "=", userId)
      .orderBy("role_grants.id")
      .execute(),
    db
      .selectFrom("audit_log")
      .leftJoin("users as actor", "actor.id", "audit_log.actor_id")
      .select([
        "audit_log.id",
        "audit_log.action",
        "audit_log.details",
        "audit_log.created_at",
        "actor.display_name as actor_name",
      ])
      .where("audit_log.target_type", "=", "user")
      .where("audit_log.target_id", "=", String(userId))
      .orderBy("audit_log.id", "desc")
      .limit(20)
      .execute(),
  ]);
  return { user, grants, audit };
}

export async function committeesAndAgencies(db: Kysely<Database>) {
  const [committees, agencies] = await Promise.all([
    db.selectFrom("committees").select(["id", "slug", "name_ko", "name_en"]).where("archived_at", "is", null).orderBy("id").execute(),
    db.selectFrom("agencies").select(["id", "slug", "name_ko", "name_en"]).where("archived_at", "is", null).orderBy("id").execute(),
  ]);
  return { committees, agencies };
}
