// The public timeline of an idea: one row per status change or notable moment.
import type { Transaction } from "kysely";
import type { Database, IdeaStatus } from "../../../db/schema";

export interface TimelineEvent {
  ideaId: number;
  actorId: number | null;
  kind: string;
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
