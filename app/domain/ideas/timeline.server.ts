// The public timeline of an idea: one row per status change or notable moment.
import type { Transaction } from "kysely";
import type { Database, IdeaStatus } from "../../../db/schema";
import type { TimelineKind } from "./timeline-kinds";

export interface TimelineEvent {
  ideaId: number;
  actorId: number | null;
  /** One of the kinds of timeline-kinds.ts: each is labelled on the page and exported (decision 041). */
  kind: TimelineKind;
  from?: IdeaStatus | null;
  to?: IdeaStatus | null;
  note?: string | null;
  at?: Date;
}

export async function appendEvent(trx: Transaction<Database>, event: TimelineEvent): Promise<void> {
  await trx
    .insertInto("idea_events")
    .values({
      idea_id: event.ideaId,
      actor_id: event.actorId,
      kind: event.kind,
      from_status: event.from ?? null,
      to_status: event.to ?? null,
      note: event.note ?? null,
      ...(event.at ? { created_at: event.at } : {}),
    })
    .execute();
}
