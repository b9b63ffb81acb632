// Events (issue 18, decision 037): an organiser (a committee's, an agency's or the operator's
// `event_organiser`, or an admin) creates, edits and cancels them. Every change is one
// transaction with an audit row; a cancelled event stays public with its reason.
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { fail, msg } from "../../utils/result";
import type { Actor } from "../accounts/permissions";
import { notify } from "../notifications/notify.server";
import { execute, useCase, type Trx } from "../use-case.server";
import { eventStaffRefusal } from "./permissions";
import { fillPlaces, lockEvent } from "./registrations.server";
import { CancelEventSchema, EventSchema, type EventInput } from "./schemas";

function columns(input: EventInput) {
  return {
    committee_id: input.organiser.committeeId,
    agency_id: input.organiser.agencyId,
    kind: input.kind,
    title_ko: input.titleKo,
    title_en: input.titleEn,
    description_ko: input.descriptionKo,
    description_en: input.descriptionEn,
    starts_at: input.startsAt,
    ends_at: input.endsAt,
    region_id: input.regionId,
    place: input.place,
    address: input.address,
    online_url: input.onlineUrl,
    step_free: input.stepFree,
    sign_language: input.signLanguage,
    captioning: input.captioning,
    interpretation: input.interpretation,
    access_notes: input.accessNotes,
    capacity: input.capacity,
  };
}

/** The committee, agency and region named must exist (a 400 next to the field, never a 500). */
async function referencesRefusal(trx: Trx, input: EventInput) {
  const { committeeId, agencyId } = input.organiser;
  if (committeeId !== null && !(await trx.selectFrom("committees").select("id").where("id", "=", committeeId).executeTakeFirst()))
    return fail("organiser", msg("errors.invalidChoice"));
  if (agencyId !== null && !(await trx.selectFrom("agencies").select("id").where("id", "=", agencyId).executeTakeFirst()))
    return fail("organiser", msg("errors.invalidChoice"));
  if (input.regionId !== null && !(await trx.selectFrom("regions").select("id").where("id", "=", input.regionId).executeTakeFirst()))
    return fail("regionId", msg("errors.invalidChoice"));
  return null;
}

const asOrganiser = (input: EventInput) => ({ committee_id: input.organiser.committeeId, agency_id: input.organiser.agencyId });

const CreateEvent = useCase({
  name: "events.create",
  schema: EventSchema,
  // The organiser chosen in the form must be one the actor acts for.
  permit: (actor, _none: undefined, { now, input }) => eventStaffRefusal(actor, asOrganiser(input), now),
  run: async ({ trx, actor, input, now }) => {
    const refused = await referencesRefusal(trx, input);
    if (refused) return refused;
    const row = await trx
      .insertInto("civic_events")
      .values({ ...columns(input), created_by: actor.id, created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { eventId: row.id };
  },
  audit: (_context, { eventId }) => ({ targetType: "event", targetId: eventId }),
});

export function createEvent(db: Kysely<Database>, actor: Actor | null, input: Record<string, unknown>, now?: Date) {
  return execute(db, CreateEvent, actor, { input, now });
}

const EditEvent = useCase({
  name: "events.edit",
  schema: EventSchema,
  load: (trx, _input, eventId) => lockEvent(trx, eventId),
  permit: (actor, event, { now, input }) => {
    if (event.cancelled_at) return { message: msg("events.errors.cancelled"), status: 409 };
    // Moving an event to another organiser needs the right to organise for both.
    return eventStaffRefusal(actor, event, now) ?? eventStaffRefusal(actor, asOrganiser(input), now);
  },
  run: async ({ trx, input, subject: event, now }) => {
    const refused = await referencesRefusal(trx, input);
    if (refused) return refused;
    await trx.updateTable("civic_events").set({ ...columns(input), updated_at: now }).where("id", "=", event.id).execute();
    // A larger capacity (or none) lets the head of the waiting list in; a smaller one turns no
    // one away who already had a place.
    const promoted = await fillPlaces(trx, { ...event, capacity: input.capacity }, now);
    return { eventId: event.id, promoted: promoted.length };
  },
  audit: ({ subject }) => ({ targetType: "event", targetId: subject.id }),
});

export function editEvent(db: Kysely<Database>, actor: Actor | null, eventId: number, input: Record<string, unknown>, now?: Date) {
  return execute(db, EditEvent, actor, { target: eventId, input, now });
}

const CancelEvent = useCase({
  name: "events.cancel",
  schema: CancelEventSchema,
  load: (trx, _input, eventId) => lockEvent(trx, eventId),
  permit: (actor, event, { now }) =>
    eventStaffRefusal(actor, event, now) ?? (event.cancelled_at ? { message: msg("events.errors.cancelled"), status: 409 } : null),
  run: async ({ trx, input, subject: event, now }) => {
    await trx.updateTable("civic_events").set({ cancelled_at: now, cancel_reason: input.reason, updated_at: now }).where("id", "=", event.id).execute();
    const people = await trx
      .selectFrom("event_registrations")
      .select("user_id")
      .where("event_id", "=", event.id)
      .where("state", "in", ["registered", "waiting"])
      .execute();
    await notify(
      trx,
      people.map((p) => p.user_id),
      "event_cancelled",
      null,
      { eventId: event.id, title: event.title_ko, due: new Date(event.starts_at).toISOString(), reason: input.reason },
      "email_on_own_ideas",
      now,
    );
    return { eventId: event.id };
  },
  audit: ({ subject, input }) => ({ targetType: "event", targetId: subject.id, details: { reason: input.reason } }),
});

export function cancelEvent(db: Kysely<Database>, actor: Actor | null, eventId: number, input: Record<string, unknown>, now?: Date) {
  return execute(db, CancelEvent, actor, { target: eventId, input, now });
}
