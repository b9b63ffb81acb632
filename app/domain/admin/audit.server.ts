// The admins' view of the audit log (/admin/audit): every staff action, newest first, filtered by
// who acted, by kind (the action's first word) and by date (Korea time), a page at a time. The
// cursor is the id of the last row shown; the page after it is the rows before that row in
// (created_at, id) order, which the indexes of migration 2026-12-03-070 give in order.
import { sql, type Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../../db/schema";
import { zodErrors, type FieldErrors } from "../../utils/result";
import { endOfKoreaDay, isIsoDate, startOfKoreaDay } from "../../utils/korea-time";
import { parseId } from "../../utils/ids";

export const AUDIT_PAGE = 50;

const AuditFilterSchema = z
  .object({
    actor: z.string().trim().max(320, "errors.tooLong").default(""),
    kind: z
      .string()
      .trim()
      .max(60, "errors.tooLong")
      .refine((s) => s === "" || /^[a-z_]+$/.test(s), "auditLog.errors.kind")
      .default(""),
    from: z.string().trim().refine((s) => s === "" || isIsoDate(s), "auditLog.errors.date").default(""),
    to: z.string().trim().refine((s) => s === "" || isIsoDate(s), "auditLog.errors.date").default(""),
  })
  .refine((f) => f.from === "" || f.to === "" || f.from <= f.to, { message: "auditLog.errors.dateOrder", path: ["to"] });

export type AuditFilter = z.infer<typeof AuditFilterSchema>;

/** The kinds the page offers (others may be typed: the action's first word). */
export const AUDIT_KINDS = ["settings", "pages", "bodies", "moderation", "workflow", "campaign", "role", "thread", "ideas", "committee", "agency"] as const;

export interface AuditEntryRow {
  id: number;
  action: string;
  target_type: string;
  target_id: string;
  details: Record<string, unknown>;
  created_at: string;
  actor_id: number | null;
  actor_name: string | null;
}

export type AuditPage =
  | { ok: true; filter: AuditFilter; entries: AuditEntryRow[]; next: number | null; actorUnknown: boolean }
  | { ok: false; filter: Record<string, string>; errors: FieldErrors };

/**
 * Whom the actor filter names: "system" (actions nobody took by hand: automatic hides, expiries),
 * an account number ("#12" or "12"), or an e-mail address. Undefined when it names no one.
 */
async function actorOf(db: Kysely<Database>, actor: string): Promise<number | null | undefined> {
  if (actor.toLowerCase() === "system") return null;
  const id = parseId(actor.replace(/^#/, ""));
  if (id !== null) {
    const row = await db.selectFrom("users").select("id").where("id", "=", id).executeTakeFirst();
    return row ? row.id : undefined;
  }
  const row = await db.selectFrom("users").select("id").where("email", "=", actor.toLowerCase()).executeTakeFirst();
  return row ? row.id : undefined;
}

/** The query of one page: the filter already read, the actor already found (null: "system"). */
export function auditLogQuery(
  db: Kysely<Database>,
  filter: AuditFilter,
  actorId: number | null | "anyone",
  before: number | null,
  limit = AUDIT_PAGE,
) {
  let query = db
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_id")
    .select([
      "audit_log.id",
      "audit_log.action",
      "audit_log.target_type",
      "audit_log.target_id",
      "audit_log.details",
      "audit_log.created_at",
      "audit_log.actor_id",
      "users.display_name as actor_name",
    ])
    .orderBy("audit_log.created_at", "desc")
    .orderBy("audit_log.id", "desc")
    .limit(limit + 1);
  if (actorId !== "anyone") query = actorId === null ? query.where("audit_log.actor_id", "is", null) : query.where("audit_log.actor_id", "=", actorId);
  if (filter.kind !== "") query = query.where(sql`split_part(audit_log.action, '.', 1)`, "=", filter.kind);
  if (filter.from !== "") query = query.where("audit_log.created_at", ">=", startOfKoreaDay(filter.from));
  if (filter.to !== "") query = query.where("audit_log.created_at", "<", endOfKoreaDay(filter.to));
  if (before !== null) {
    query = query.where(
      sql<boolean>`(audit_log.created_at, audit_log.id) < (SELECT c.created_at, c.id FROM audit_log c WHERE c.id = ${before})`,
    );
  }
  return query;
}

export async function auditLogPage(db: Kysely<Database>, raw: Record<string, string>, before: number | null, limit = AUDIT_PAGE): Promise<AuditPage> {
  const parsed = AuditFilterSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, filter: raw, errors: zodErrors(parsed.error) };
  const filter = parsed.data;
  let actorId: number | null | "anyone" = "anyone";
  if (filter.actor !== "") {
    const found = await actorOf(db, filter.actor);
    if (found === undefined) return { ok: true, filter, entries: [], next: null, actorUnknown: true };
    actorId = found;
  }
  const rows = await auditLogQuery(db, filter, actorId, before, limit).execute();
  const page = rows.slice(0, limit);
  return {
    ok: true,
    filter,
    entries: page.map((r) => ({
      ...r,
      details: r.details as Record<string, unknown>,
      created_at: new Date(r.created_at).toISOString(),
    })),
    next: rows.length > limit ? page[page.length - 1].id : null,
    actorUnknown: false,
  };
}

