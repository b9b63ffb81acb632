// Registering for an event (decision 037). Every registration and cancellation of one event
// locks the event's row first, so they run one after another: exactly `capacity` people hold a
// place however many ask at once, and the rest wait in the order they asked (queued_at, then
// id). When a place frees up (a cancellation, a larger capacity), the head of the waiting list
// takes it and is told. A reminder goes to everyone registered a day before the event.
import { sql, type Kysely } from "kysely";
import type { Database, RegistrationState } from "../../../db/schema";
import { fail, FORM, msg } from "../../utils/result";
import { z } from "zod";
import type { Actor } from "../accounts/permissions";
import { notify } from "../notifications/notify.server";
import { execute, useCase, type CustomRefusal, type Trx } from "../use-case.server";
import { eventStaffRefusal, registrationRefusal } from "./permissions";
import { AttendanceSchema } from "./schemas";

/** The event's row, locked: registrations, edits and minutes of one event queue behind each other. */
export function lockEvent(trx: Trx, eventId: number | undefined) {
  if (eventId === undefined) return Promise.resolve(undefined);
  return trx.selectFrom("civic_events").selectAll().where("id", "=", eventId).forUpdate().executeTakeFirst();
}

interface EventRow {
  id: number;
  title_ko: string;
  starts_at: Date | string;
  capacity: number | null;
  cancelled_at: Date | string | null;
}

/** Moves the head of the waiting list into the free places (call with the event row locked). */
export async function fillPlaces(trx: Trx, event: EventRow, now: Date): Promise<number[]> {
  let free: number | null = null;
  if (event.capacity !== null) {
    const row = await trx
      .selectFrom("event_registrations")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("event_id", "=", event.id)
      .where("state", "=", "registered")
      .executeTakeFirstOrThrow();
    free = event.capacity - Number(row.n);
    if (free <= 0) return [];
  }
  let head = trx
    .selectFrom("event_registrations")
    .select("id")
    .where("event_id", "=", event.id)
    .where("state", "=", "waiting")
    .orderBy("queued_at")
    .orderBy("id");
  if (free !== null) head = head.limit(free);
  const promoted = await trx
    .updateTable("event_registrations")
    .set({ state: "registered", promoted_at: now })
    .where("id", "in", head)
    .returning("user_id")
    .execute();
  const userIds = promoted.map((p) => p.user_id);
  await notify(trx, userIds, "event_promoted", null, { eventId: event.id, title: event.title_ko, due: new Date(event.starts_at).toISOString() }, "email_on_own_ideas", now);
  return userIds;
}

const closed = (event: EventRow, now: Date): CustomRefusal | null => {
  if (event.cancelled_at) return { message: msg("events.errors.cancelled"), status: 409 };
  if (new Date(event.starts_at) <= now) return { message: msg("events.errors.started"), status: 409 };
  return null;
};

const Register = useCase({
  name: "events.register",
  schema: z.object({}),
  load: (trx, _input, eventId) => lockEvent(trx, eventId),
  permit: (actor, event, { now }) => registrationRefusal(actor, now) ?? closed(event, now),
  run: async ({ trx, actor, subject: event, now }) => {
    const mine = await trx
      .selectFrom("event_registrations")
      .select(["id", "state"])
      .where("event_id", "=", event.id)
      .where("user_id", "=", actor.id)
      .executeTakeFirst();
    // Asking again changes nothing: the place or the turn already held is kept.
    if (mine && mine.state !== "cancelled") return { state: mine.state };
    let state: RegistrationState = "registered";
    if (event.capacity !== null) {
      const row = await trx
        .selectFrom("event_registrations")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("event_id", "=", event.id)
        .where("state", "=", "registered")
        .executeTakeFirstOrThrow();
      if (Number(row.n) >= event.capacity) state = "waiting";
    }
    // Someone who cancelled and asks again joins at the end, like anyone asking now.
    await trx
      .insertInto("event_registrations")
      .values({ event_id: event.id, user_id: actor.id, state, queued_at: now })
      .onConflict((oc) =>
        oc.columns(["event_id", "user_id"]).doUpdateSet({ state, queued_at: now, cancelled_at: null, promoted_at: null, attended: null, reminded_at: null }),
      )
      .execute();
    return { state };
  },
});

export function registerForEvent(db: Kysely<Database>, actor: Actor | null, eventId: number, now?: Date) {
  return execute(db, Register, actor, { target: eventId, now });
}

const CancelRegistration = useCase({
  name: "events.unregister",
  schema: z.object({}),
  load: (trx, _input, eventId) => lockEvent(trx, eventId),
  // Anyone signed in may withdraw (a suspended person too: it only frees a place).
  permit: (_actor, event, { now }) => closed(event, now),
  run: async ({ trx, actor, subject: event, now }) => {
    const left = await trx
      .updateTable("event_registrations")
      .set({ state: "cancelled", cancelled_at: now })
      .where("event_id", "=", event.id)
      .where("user_id", "=", actor.id)
      .where("state", "in", ["registered", "waiting"])
      .returning("state")
      .executeTakeFirst();
    if (!left) return { state: "cancelled" as const, promoted: 0 };
    const promoted = await fillPlaces(trx, event, now);
    return { state: "cancelled" as const, promoted: promoted.length };
  },
});

export function cancelRegistration(db: Kysely<Database>, actor: Actor | null, eventId: number, now?: Date) {
  return execute(db, CancelRegistration, actor, { target: eventId, now });
}

const MarkAttendance = useCase({
  name: "events.attendance",
  schema: AttendanceSchema,
  load: (trx, _input, eventId) => lockEvent(trx, eventId),
  permit: (actor, event, { now }) =>
    eventStaffRefusal(actor, event, now) ?? (new Date(event.starts_at) > now ? { message: msg("events.errors.notStarted"), status: 409 } : null),
  run: async ({ trx, input, subject: event }) => {
    const row = await trx
      .updateTable("event_registrations")
      .set({ attended: input.attended })
      .where("id", "=", input.registrationId)
      .where("event_id", "=", event.id)
      .where("state", "=", "registered")
      .returning("id")
      .executeTakeFirst();
    if (!row) return fail(FORM, msg("errors.notFound"), 404);
    return { registrationId: row.id };
  },
  audit: ({ subject, input }) => ({ targetType: "event", targetId: subject.id, details: { registrationId: input.registrationId, attended: input.attended } }),
});

export function markAttendance(db: Kysely<Database>, actor: Actor | null, eventId: number, input: Record<string, unknown>, now?: Date) {
  return execute(db, MarkAttendance, actor, { target: eventId, input, now });
}

/**
 * A day before: everyone registered for an event that starts within 24 hours, once. The UPDATE
 * claims the rows it reminds, so two processes running the job never remind anyone twice.
 */
export async function sendEventReminders(db: Kysely<Database>, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable("event_registrations as r")
      .from("civic_events as e")
      .set({ reminded_at: now })
      .whereRef("e.id", "=", "r.event_id")
      .where("r.state", "=", "registered")
      .where("r.reminded_at", "is", null)
      .where("e.cancelled_at", "is", null)
      .where("e.starts_at", ">", now)
      .where("e.starts_at", "<=", sql<Date>`${now}::timestamptz + interval '24 hours'`)
      .returning(["r.user_id", "e.id as event_id", "e.title_ko", "e.starts_at"])
      .execute();
    const byEvent = new Map<number, typeof claimed>();
    for (const row of claimed) byEvent.set(row.event_id, [...(byEvent.get(row.event_id) ?? []), row]);
    for (const [eventId, rows] of byEvent) {
      const payload = { eventId, title: rows[0].title_ko, due: new Date(rows[0].starts_at).toISOString() };
      await notify(trx, rows.map((r) => r.user_id), "event_reminder", null, payload, "email_on_own_ideas", now);
    }
    return claimed.length;
  });
}

/**
 * A person who leaves Madang gives up their places and turns in events that have not started
 * (app/domain/privacy/delete.server.ts): each such event is locked (in id order, as every
 * registration locks it), the person's row cancelled, and the line moves up.
 */
export async function withdrawFromEvents(trx: Trx, userId: number, now: Date): Promise<void> {
  const held = await trx
    .selectFrom("event_registrations as g")
    .innerJoin("civic_events as e", "e.id", "g.event_id")
    .select("e.id")
    .where("g.user_id", "=", userId)
    .where("g.state", "in", ["registered", "waiting"])
    .where("e.starts_at", ">", now)
    .orderBy("e.id")
    .execute();
  for (const { id } of held) {
    const event = await lockEvent(trx, id);
    if (!event) continue;
    await trx
      .updateTable("event_registrations")
      .set({ state: "cancelled", cancelled_at: now })
      .where("event_id", "=", id)
      .where("user_id", "=", userId)
      .where("state", "in", ["registered", "waiting"])
      .execute();
    await fillPlaces(trx, event, now);
  }
}
