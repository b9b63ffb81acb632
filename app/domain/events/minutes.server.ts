// Minutes after an event (decision 037): Markdown (sanitised like every text people write), the
// attendance, the facilitator and the ideas discussed. Every edit is a new version with who,
// when and a note, shown in the event's public history with a diff, as pages are (decision 033).
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { renderMarkdown } from "../../utils/markdown.server";
import { fail, FORM, msg } from "../../utils/result";
import type { Actor } from "../accounts/permissions";
import { contentVisibleTo } from "../ideas/visibility.server";
import { execute, useCase } from "../use-case.server";
import { eventStaffRefusal } from "./permissions";
import { lockEvent } from "./registrations.server";
import { MinutesSchema } from "./schemas";

const PublishMinutes = useCase({
  name: "events.minutes",
  schema: MinutesSchema,
  load: async (trx, _input, eventId) => {
    const event = await lockEvent(trx, eventId);
    if (!event) return undefined;
    const latest = await trx
      .selectFrom("event_minutes")
      .select(["version", "body", "attendance", "facilitator", "idea_ids"])
      .where("event_id", "=", event.id)
      .orderBy("version", "desc")
      .limit(1)
      .executeTakeFirst();
    return { event, latest };
  },
  permit: (actor, { event }, { now }) =>
    eventStaffRefusal(actor, event, now) ?? (new Date(event.starts_at) > now ? { message: msg("events.errors.notStarted"), status: 409 } : null),
  run: async ({ trx, actor, input, subject: { event, latest }, now }) => {
    const current = latest?.version ?? 0;
    if (input.baseVersion !== current) return fail(FORM, msg("pages.errors.changedMeanwhile", { version: current }), 409);
    if (input.ideas.length) {
      // Only ideas anyone may read can be linked from public minutes.
      const found = await trx.selectFrom("ideas").select("id").where("id", "in", input.ideas).where(contentVisibleTo(null)).execute();
      const missing = input.ideas.filter((id) => !found.some((f) => f.id === id));
      if (missing.length) return fail("ideas", msg("events.errors.unknownIdeas", { ids: missing.join(", ") }));
    }
    if (
      latest &&
      latest.body === input.body &&
      latest.attendance === input.attendance &&
      latest.facilitator === input.facilitator &&
      latest.idea_ids.map(Number).join(",") === input.ideas.join(",")
    ) {
      return fail(FORM, msg("pages.errors.unchanged"), 400);
    }
    const version = current + 1;
    await trx
      .insertInto("event_minutes")
      .values({
        event_id: event.id,
        version,
        body: input.body,
        body_html: renderMarkdown(input.body),
        attendance: input.attendance,
        facilitator: input.facilitator,
        idea_ids: input.ideas,
        note: input.note,
        author_id: actor.id,
        created_at: now,
      })
      .execute();
    return { eventId: event.id, version };
  },
  audit: ({ subject, input }, { version }) => ({ targetType: "event", targetId: subject.event.id, details: { minutesVersion: version, note: input.note } }),
});

export function publishMinutes(db: Kysely<Database>, actor: Actor | null, eventId: number, input: Record<string, unknown>, now?: Date) {
  return execute(db, PublishMinutes, actor, { target: eventId, input, now });
}

/** The newest minutes of an event, with the ideas discussed (the public ones), or null. */
export async function currentMinutes(db: Kysely<Database>, eventId: number) {
  const latest = await db.selectFrom("event_minutes").selectAll().where("event_id", "=", eventId).orderBy("version", "desc").limit(1).executeTakeFirst();
  if (!latest) return null;
  const ids = latest.idea_ids.map(Number);
  const ideas = ids.length
    ? await db.selectFrom("ideas").select(["id", "title"]).where("id", "in", ids).where(contentVisibleTo(null)).orderBy("id").execute()
    : [];
  return {
    version: latest.version,
    html: latest.body_html,
    body: latest.body,
    attendance: latest.attendance,
    facilitator: latest.facilitator,
    ideas,
    ideaIds: ids,
    changedAt: new Date(latest.created_at).toISOString(),
  };
}

/** Every version of an event's minutes, newest first, without bodies. */
export async function minutesHistory(db: Kysely<Database>, eventId: number) {
  const rows = await db
    .selectFrom("event_minutes")
    .leftJoin("users", "users.id", "event_minutes.author_id")
    .select(["event_minutes.version", "event_minutes.note", "event_minutes.created_at", "users.display_name as author_name"])
    .where("event_minutes.event_id", "=", eventId)
    .orderBy("event_minutes.version", "desc")
    .execute();
  return rows.map((r) => ({ ...r, created_at: new Date(r.created_at).toISOString() }));
}

/** A version of the minutes and the one before it: the texts a diff compares. */
export async function minutesPair(db: Kysely<Database>, eventId: number, version: number) {
  if (!Number.isSafeInteger(version) || version < 1) return null;
  const rows = await db.selectFrom("event_minutes").selectAll().where("event_id", "=", eventId).where("version", "in", [version - 1, version]).execute();
  const after = rows.find((r) => r.version === version);
  if (!after) return null;
  const before = rows.find((r) => r.version === version - 1) ?? null;
  return {
    version,
    note: after.note,
    changedAt: new Date(after.created_at).toISOString(),
    body: { before: before?.body ?? null, after: after.body },
    attendance: { before: before?.attendance ?? null, after: after.attendance },
    facilitator: { before: before?.facilitator ?? null, after: after.facilitator },
  };
}
