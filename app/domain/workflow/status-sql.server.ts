// The status table's lists in SQL (statuses.ts stays free of Kysely: pages in the browser read it).
import { sql, type RawBuilder } from "kysely";
import type { IdeaStatus } from "../../../db/schema";

/**
 * A status list written into SQL as literals (`'fast_tracked', 'in_deliberation'`), not as a
 * parameter: PostgreSQL uses a partial index (`… WHERE status IN (…)`) only when it can see the
 * query's list implies the index's. The values are this table's own keys, never input.
 */
export function statusList(statuses: readonly IdeaStatus[]): RawBuilder<unknown> {
  return sql.join(statuses.map((s) => sql.lit(s)));
}
