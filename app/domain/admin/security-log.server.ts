// The admins' view of the security log (/admin/security-log): sign-ins failed, limited and
// succeeded and requests refused, newest first, filtered by kind and by network (an address, or
// an address with a prefix length: 203.0.113.0/24, 2001:db8::/48), a page at a time. The cursor
// is the id of the last row shown. Rows come from app/utils/security-log.server.ts; the retention
// job clears their addresses and later removes them (docs/security.md, "Personal data").
import { isIP } from "node:net";
import { sql, type Kysely } from "kysely";
import { z } from "zod";
import type { Database, SecurityEventKind } from "../../../db/schema";
import { zodErrors, type FieldErrors } from "../../utils/result";

export const SECURITY_LOG_PAGE = 50;

export const SECURITY_EVENT_KINDS: readonly SecurityEventKind[] = ["login.failed", "login.limited", "login.codeFailed", "login.succeeded", "request.refused", "log.dropped"];

/** "203.0.113.7", "203.0.113.0/24", "2001:db8::/48": an address, with a prefix length that fits it. */
export function isNetwork(text: string): boolean {
  const [address, length, ...rest] = text.split("/");
  const family = isIP(address ?? "");
  if (family === 0 || rest.length > 0) return false;
  if (length === undefined) return true;
  return /^\d{1,3}$/.test(length) && Number(length) <= (family === 4 ? 32 : 128);
}

const SecurityFilterSchema = z.object({
  kind: z
    .string()
    .trim()
    .refine((s) => s === "" || (SECURITY_EVENT_KINDS as readonly string[]).includes(s), "errors.invalidChoice")
    .default(""),
  network: z.string().trim().max(60, "securityLog.errors.network").refine((s) => s === "" || isNetwork(s), "securityLog.errors.network").default(""),
});

export type SecurityFilter = z.infer<typeof SecurityFilterSchema>;

export interface SecurityEventRow {
  id: number;
  at: string;
  kind: SecurityEventKind;
  ip: string | null;
  userId: number | null;
  userName: string | null;
  account: string | null;
  details: Record<string, unknown>;
}

export type SecurityLogPage =
  | { ok: true; filter: SecurityFilter; events: SecurityEventRow[]; next: number | null }
  | { ok: false; filter: Record<string, string>; errors: FieldErrors };

export async function securityLogPage(db: Kysely<Database>, raw: Record<string, string>, before: number | null, limit = SECURITY_LOG_PAGE): Promise<SecurityLogPage> {
  const parsed = SecurityFilterSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, filter: raw, errors: zodErrors(parsed.error) };
  const filter = parsed.data;
  let query = db
    .selectFrom("security_events as e")
    .leftJoin("users", "users.id", "e.user_id")
    .select(["e.id", "e.at", "e.kind", sql<string | null>`host(e.ip)`.as("ip"), "e.user_id", "users.display_name", "e.account", "e.details"])
    .orderBy("e.at", "desc")
    .orderBy("e.id", "desc")
    .limit(limit + 1);
  if (filter.kind !== "") query = query.where("e.kind", "=", filter.kind as SecurityEventKind);
  // network() drops host bits, so "203.0.113.7/24" means the /24 it lies in.
  if (filter.network !== "") query = query.where(sql<boolean>`e.ip <<= network(${filter.network}::inet)`);
  if (before !== null) query = query.where(sql<boolean>`(e.at, e.id) < (SELECT c.at, c.id FROM security_events c WHERE c.id = ${before})`);
  const rows = await query.execute();
  const page = rows.slice(0, limit);
  return {
    ok: true,
    filter,
    events: page.map((r) => ({
      id: Number(r.id),
      at: new Date(r.at).toISOString(),
      kind: r.kind,
      ip: r.ip,
      userId: r.user_id,
      userName: r.display_name,
      account: r.account,
      details: r.details as Record<string, unknown>,
    })),
    next: rows.length > limit ? Number(page[page.length - 1]!.id) : null,
  };
}
