// Read queries of the agencies' features: the supervising office's queue.
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { Actor } from "../accounts/permissions";
import { queueCards } from "../workflow/queries.server";
import { escalatedIdeaIds } from "./reminders.server";

/** The agencies an actor supervises, and the ideas escalated to them still awaiting an answer. */
export async function supervisorQueue(db: Kysely<Database>, actor: Actor) {
  const agencyIds = actor.grants.filter((g) => g.role === "agency_supervisor" && g.agencyId !== null).map((g) => g.agencyId!);
  const ids = await escalatedIdeaIds(db, agencyIds);
  const rows = ids.length ? await queueCards(db).select("ideas.hidden_at").where("ideas.id", "in", ids).orderBy("ideas.agency_due_at").limit(500).execute() : [];
  // An idea a moderator hid keeps its place, without its title (as in the officers' queue).
  const escalated = rows.map(({ hidden_at, ...row }) => ({ ...row, hidden: hidden_at !== null, title: hidden_at !== null ? "" : row.title }));
  return { supervised: agencyIds, escalated };
}
