// Reading events: the public list (upcoming and past, by region and organiser, a page at a
// time), one event with its organiser and places, a person's registration, the organiser's
// roster, and the choices the organiser's form offers.
import { sql, type Kysely } from "kysely";
import type { Database, Locale, RegistrationState } from "../../../db/schema";
import { decodeCursor, encodeCursor } from "../ideas/list";
import { isAdmin, type Actor } from "../accounts/permissions";
import { keptPerKey } from "../kept.server";

export const EVENTS_PAGE = 20;

export type EventWhen = "upcoming" | "past";

export interface EventFilter {
  when: EventWhen;
  regionId: number | null;
  /** "operator", "committee:<id>" or "agency:<id>", or null for every organiser. */
  organiser: string | null;
}

const ORGANISER = /^(operator|committee:\d{1,9}|agency:\d{1,9})$/;

/** The filter from a query string; anything it cannot read is left out (the full list). */
export function parseEventFilter(params: URLSearchParams): EventFilter {
  const region = params.get("region") ?? "";
  const organiser = params.get("organiser") ?? "";
  return {
    when: params.get("when") === "past" ? "past" : "upcoming",
    regionId: /^\d{1,4}$/.test(region) ? Number(region) : null,
    organiser: ORGANISER.test(organiser) ? organiser : null,
  };
}

/** An event's title in the reader's language (English falls back to the Korean). */
export function titleIn(row: { title_ko: string; title_en: string }, locale: Locale): string {
  return locale === "en" && row.title_en ? row.title_en : row.title_ko;
}

function baseQuery(db: Kysely<Database>) {
  return db
    .selectFrom("civic_events as e")
    .leftJoin("committees as c", "c.id", "e.committee_id")
    .leftJoin("agencies as a", "a.id", "e.agency_id")
    .leftJoin("regions as r", "r.id", "e.region_id")
    .select([
      "e.id",
      "e.kind",
      "e.title_ko",
      "e.title_en",
      "e.starts_at",
      "e.ends_at",
      "e.place",
      "e.online_url",
      "e.capacity",
      "e.cancelled_at",
      "e.step_free",
      "e.sign_language",
      "e.captioning",
      "e.interpretation",
      "e.committee_id",
      "e.agency_id",
      "c.slug as committee_slug",
      "c.name_ko as committee_ko",
      "c.name_en as committee_en",
      "a.slug as agency_slug",
      "a.name_ko as agency_ko",
      "a.name_en as agency_en",
      "r.name_ko as region_ko",
      "r.name_en as region_en",
      (eb) =>
        eb
          .selectFrom("event_registrations as g")
          .select(sql<string>`count(*)`.as("n"))
          .whereRef("g.event_id", "=", "e.id")
          .where("g.state", "=", "registered")
          .as("registered"),
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>["execute"]>>[number];

function card(r: Row, locale: Locale) {
  const en = locale === "en";
  const organiser =
    r.committee_id !== null
      ? { kind: "committee" as const, name: (en ? r.committee_en : r.committee_ko) ?? "", href: `/committees/${r.committee_slug}` }
      : r.agency_id !== null
        ? { kind: "agency" as const, name: (en ? r.agency_en : r.agency_ko) ?? "", href: `/agencies/${r.agency_slug}` }
        : { kind: "operator" as const, name: "", href: null };
  return {
    id: r.id,
    kind: r.kind,
    title: titleIn(r, locale),
    startsAt: new Date(r.starts_at).toISOString(),
    endsAt: new Date(r.ends_at).toISOString(),
    place: r.place,
    online: r.online_url !== "",
    region: (en ? r.region_en : r.region_ko) ?? null,
    capacity: r.capacity,
    registered: Number(r.registered ?? 0),
    cancelled: r.cancelled_at !== null,
    access: { stepFree: r.step_free, signLanguage: r.sign_language, captioning: r.captioning, interpretation: r.interpretation },
    organiser,
  };
}

export type EventCard = ReturnType<typeof card>;

/** A page of events; a cursor the list did not write is null (the route answers 400). */
export async function listEvents(
  db: Kysely<Database>,
  filter: EventFilter,
  cursor: string | null,
  locale: Locale,
  now = new Date(),
): Promise<{ events: EventCard[]; nextCursor: string | null } | null> {
  const after = cursor === null ? null : decodeCursor(cursor, ["instant", "id"]);
  if (cursor !== null && after === null) return null;
  const upcoming = filter.when === "upcoming";
  let query = baseQuery(db)
    .where("e.ends_at", upcoming ? ">" : "<=", now)
    .orderBy("e.starts_at", upcoming ? "asc" : "desc")
    .orderBy("e.id", upcoming ? "asc" : "desc")
    .limit(EVENTS_PAGE + 1);
  if (filter.regionId !== null) query = query.where("e.region_id", "=", filter.regionId);
  if (filter.organiser === "operator") query = query.where("e.committee_id", "is", null).where("e.agency_id", "is", null);
  else if (filter.organiser) {
    const [kind, id] = filter.organiser.split(":");
    query = query.where(kind === "committee" ? "e.committee_id" : "e.agency_id", "=", Number(id));
  }
  if (after) {
    const [at, id] = after as [string, number];
    query = query.where(sql<boolean>`(e.starts_at, e.id) ${sql.raw(upcoming ? ">" : "<")} (${at}::timestamptz, ${id}::bigint)`);
  }
  const rows = await query.execute();
  const page = rows.slice(0, EVENTS_PAGE);
  const last = page[page.length - 1];
  return {
    events: page.map((r) => card(r, locale)),
    nextCursor: rows.length > EVENTS_PAGE && last ? encodeCursor([new Date(last.starts_at).toISOString(), last.id]) : null,
  };
}

/** The next events that have not ended, for the home page and an organiser's page. */
export async function nextEvents(
  db: Kysely<Database>,
  locale: Locale,
  by: { committeeId?: number; agencyId?: number } = {},
  limit = 3,
  now = new Date(),
): Promise<EventCard[]> {
  let query = baseQuery(db).where("e.ends_at", ">", now).where("e.cancelled_at", "is", null).orderBy("e.starts_at").orderBy("e.id").limit(limit);
  if (by.committeeId !== undefined) query = query.where("e.committee_id", "=", by.committeeId);
  if (by.agencyId !== undefined) query = query.where("e.agency_id", "=", by.agencyId);
  return (await query.execute()).map((r) => card(r, locale));
}

// The home page's next events, kept per language by each process for ten seconds (decision 078):
// forgotten by the events' use cases (a registration changes the seats left), so the person who
// acted sees it at once; the other processes within the ten seconds.
const HOME_EVENTS_MAX_AGE_MS = 10_000;
const keptHomeEvents = keptPerKey(HOME_EVENTS_MAX_AGE_MS, (db, language) => nextEvents(db, language === 1 ? "en" : "ko"), ["events."], 2);

/** The next events on the home page, in the reader's language. */
export function homeEvents(db: Kysely<Database>, locale: Locale): Promise<EventCard[]> {
  return keptHomeEvents.get(db, locale === "en" ? 1 : 0);
}

/** One event as its page shows it, or null. */
export async function eventById(db: Kysely<Database>, eventId: number, locale: Locale) {
  const row = await baseQuery(db)
    .select(["e.description_ko", "e.description_en", "e.address", "e.access_notes", "e.cancel_reason", "e.region_id", "e.updated_at"])
    .where("e.id", "=", eventId)
    .executeTakeFirst();
  if (!row) return null;
  const en = locale === "en";
  return {
    ...card(row, locale),
    description: en && row.description_en ? row.description_en : row.description_ko,
    address: row.address,
    onlineUrl: row.online_url,
    accessNotes: row.access_notes,
    cancelReason: row.cancel_reason,
    committeeId: row.committee_id,
    agencyId: row.agency_id,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** Everything the calendar files need, for the given events (or every event not cancelled long ago). */
export async function eventsForCalendar(db: Kysely<Database>, eventId?: number, now = new Date()) {
  let query = db.selectFrom("civic_events").selectAll().orderBy("starts_at").orderBy("id");
  if (eventId !== undefined) query = query.where("id", "=", eventId);
  // The whole calendar: the last 90 days and everything after, at most 500 events.
  else query = query.where("ends_at", ">", sql<Date>`${now}::timestamptz - interval '90 days'`).limit(500);
  return query.execute();
}

/** The person's registration for the event: its state and, when waiting, the place in the line. */
export async function registrationOf(db: Kysely<Database>, eventId: number, userId: number) {
  const mine = await db
    .selectFrom("event_registrations")
    .select(["id", "state", "queued_at"])
    .where("event_id", "=", eventId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!mine || mine.state === "cancelled") return null;
  if (mine.state === "registered") return { state: "registered" as RegistrationState, position: null };
  const ahead = await db
    .selectFrom("event_registrations")
    .select(sql<string>`count(*)`.as("n"))
    .where("event_id", "=", eventId)
    .where("state", "=", "waiting")
    .where(sql<boolean>`(queued_at, id) < (${mine.queued_at}::timestamptz, ${mine.id}::bigint)`)
    .executeTakeFirstOrThrow();
  return { state: "waiting" as RegistrationState, position: Number(ahead.n) + 1 };
}

/** The organiser's list: who holds a place (in the order they got it) and who waits (in line). */
export async function eventRoster(db: Kysely<Database>, eventId: number) {
  const rows = await db
    .selectFrom("event_registrations as g")
    .innerJoin("users as u", "u.id", "g.user_id")
    .select(["g.id", "g.state", "g.queued_at", "g.promoted_at", "g.attended", "u.display_name"])
    .where("g.event_id", "=", eventId)
    .where("g.state", "in", ["registered", "waiting"])
    .orderBy("g.queued_at")
    .orderBy("g.id")
    .execute();
  const shape = (r: (typeof rows)[number]) => ({ id: r.id, name: r.display_name, attended: r.attended, since: new Date(r.queued_at).toISOString() });
  return { registered: rows.filter((r) => r.state === "registered").map(shape), waiting: rows.filter((r) => r.state === "waiting").map(shape) };
}

/** The organisers the actor may create an event for: value ("operator", "committee:3"...) and name. */
export async function organiserChoices(db: Kysely<Database>, actor: Actor | null, locale: Locale) {
  const [committees, agencies] = await Promise.all([
    db.selectFrom("committees").select(["id", "name_ko", "name_en"]).orderBy("id").execute(),
    db.selectFrom("agencies").select(["id", "name_ko", "name_en"]).orderBy("id").execute(),
  ]);
  const all = [
    { value: "operator", committeeId: null as number | null, agencyId: null as number | null, name: null as string | null },
    ...committees.map((c) => ({ value: `committee:${c.id}`, committeeId: c.id, agencyId: null, name: locale === "en" ? c.name_en : c.name_ko })),
    ...agencies.map((a) => ({ value: `agency:${a.id}`, committeeId: null, agencyId: a.id, name: locale === "en" ? a.name_en : a.name_ko })),
  ];
  if (isAdmin(actor)) return all;
  const grants = actor?.grants.filter((g) => g.role === "event_organiser") ?? [];
  return all.filter((o) => grants.some((g) => g.committeeId === o.committeeId && g.agencyId === o.agencyId));
}

/** Every organiser with at least one event, for the list's filter. */
export async function organisersWithEvents(db: Kysely<Database>, locale: Locale) {
  const rows = await db
    .selectFrom("civic_events as e")
    .leftJoin("committees as c", "c.id", "e.committee_id")
    .leftJoin("agencies as a", "a.id", "e.agency_id")
    .select(["e.committee_id", "e.agency_id", "c.name_ko as committee_ko", "c.name_en as committee_en", "a.name_ko as agency_ko", "a.name_en as agency_en"])
    .distinct()
    .execute();
  return rows.map((r) =>
    r.committee_id !== null
      ? { value: `committee:${r.committee_id}`, name: (locale === "en" ? r.committee_en : r.committee_ko) ?? "" }
      : r.agency_id !== null
        ? { value: `agency:${r.agency_id}`, name: (locale === "en" ? r.agency_en : r.agency_ko) ?? "" }
        : { value: "operator", name: null },
  );
}

/** The edit form's values, from the stored event (times in Korea time). */
export async function eventForEdit(db: Kysely<Database>, eventId: number) {
  return db.selectFrom("civic_events").selectAll().where("id", "=", eventId).executeTakeFirst();
}

/** The regions, for the list's filter and the organiser's form. */
export async function regionChoices(db: Kysely<Database>, locale: Locale) {
  const rows = await db.selectFrom("regions").select(["id", "name_ko", "name_en"]).orderBy("id").execute();
  return rows.map((r) => ({ value: String(r.id), label: locale === "en" ? r.name_en : r.name_ko }));
}
