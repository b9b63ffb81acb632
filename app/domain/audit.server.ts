// The staff audit log: one row per staff action, in the same transaction as the action.
// The table refuses updates and deletes (see the foundation migration).
import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";

export interface AuditEntry {
  actorId: number | null;
  action: string;
  targetType: string;
  targetId: string | number;
  details?: Record<string, unknown>;
}

export async function recordAudit(trx: Transaction<Database>, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto("audit_log")
    .values({
      actor_id: entry.actorId,
      action: entry.action,
      target_type: entry.targetType,
      target_id: String(entry.targetId),
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}
