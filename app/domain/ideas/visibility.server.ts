// The SQL twin of `ideaContentVisibleTo` (permissions.ts): the one rule for which ideas' titles
// and excerpts a person may read, as a condition every query listing ideas for a person adds.
// tests/integration/visibility.test.ts checks that both agree on every kind of idea and reader.
import { sql, type RawBuilder, type SqlBool } from "kysely";
import { isModerator, type Actor } from "../accounts/permissions";
import { PRIVATE_STATUSES } from "./permissions";

/**
 * The condition on the `ideas` table (or the alias given) that keeps the ideas whose content
 * `actor` may see: public and not hidden, or their own; moderators see every idea.
 */
export function contentVisibleTo(actor: Actor | null, table = "ideas"): RawBuilder<SqlBool> {
  if (isModerator(actor)) return sql<SqlBool>`true`;
  const col = (name: string) => sql.ref(`${table}.${name}`);
  const statuses = sql.join(PRIVATE_STATUSES.map((s) => sql.lit(s)));
  const shown = sql<SqlBool>`(${col("status")} NOT IN (${statuses}) AND ${col("hidden_at")} IS NULL)`;
  return actor ? sql<SqlBool>`(${shown} OR ${col("author_id")} = ${actor.id})` : shown;
}
