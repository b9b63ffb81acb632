// Ideas born at an event (issue 18, decision 040): staff filing an idea, a paper batch or an
// in-person support from an event choose it among the events that have started lately; the event
// must exist, have started and not be cancelled, and only what came in at an event may name one;
// the event page lists the public ideas born there and the idea page links back to the event.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/domain/accounts/permissions";
import { fileAssistedIdea } from "../../app/domain/assisted/assisted.server";
import { correctPaperBatch, recordInPersonSupport, recordPaperBatch } from "../../app/domain/assisted/paper.server";
import { eventChoices } from "../../app/domain/events/born-here.server";
import { cancelEvent, createEvent } from "../../app/domain/events/events.server";
import { loader as eventPage } from "../../app/routes/events.$id._index";
import { loader as ideaPage } from "../../app/routes/ideas.$id._index";
import { loader as deskPage } from "../../app/routes/desk._index";
import { loader as ideasExport } from "../../app/routes/api.v1.ideas";
import { migrations } from "../../db/migrations";
import { openTestDatabase, type TestDatabase } from "./db";
import { actorFor, call, contextFor } from "./harness";

let t: TestDatabase;
let desk: Actor;
let organiser: Actor;
let economy = 0;
const DAY = 86_400_000;
const HASH = "b".repeat(64);

beforeAll(async () => {
  t = await openTestDatabase();
  economy = (await t.db.selectFrom("categories").select("id").where("slug", "=", "economy").executeTakeFirstOrThrow()).id;
  desk = await actorFor(t.db, { roles: [{ role: "moderator" }] });
  organiser = await actorFor(t.db, { roles: [{ role: "admin" }] });
}, 180_000);
afterAll(() => t?.close());

/** A `datetime-local` value in Korea time, `days` from now (negative: in the past). */
function seoul(days: number, hm: string) {
  return `${new Date(Date.now() + days * DAY + 9 * 3_600_000).toISOString().slice(0, 10)}T${hm}`;
}

/** An event of the operator starting `days` from now (created well before, as organisers do). */
async function event(days: number, title: string) {
  const created = await createEvent(
    t.db,
    organiser,
    { organiser: "operator", kind: "booth", titleKo: `${title} (ko)`, titleEn: title, startsAt: seoul(days, "10:00"), endsAt: seoul(days, "18:00"), place: "Gwanghwamun Square" },
    new Date(Date.now() + Math.min(days, 0) * DAY - 30 * DAY),
  );
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  return created.eventId;
}

function ideaForm(extra: Record<string, string> = {}) {
  return {
    title: `Shade over the market crossing ${Math.random().toString(36).slice(2, 7)}`,
    body: "People wait for the light in full sun by the market; an awning or trees would make the crossing bearable in summer.",
    categoryId: String(economy),
    regionId: "",
    campaignId: "",
    channel: "event",
    consentRef: "BOOTH-2026-0101",
    eventId: "",
    ...extra,
  };
}

const batchForm = (extra: Record<string, string> = {}) => ({ channel: "event", eventId: "", signaturesClaimed: "20", signaturesVerified: "18", scanSha256: HASH, decision: "accepted", note: "", ...extra });

async function filed(extra: Record<string, string>) {
  const result = await fileAssistedIdea(t.db, desk, ideaForm(extra));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.ideaId;
}

describe("naming the event an idea was born at", () => {
  it("links the idea, the batch and the in-person support to the event", async () => {
    const booth = await event(-2, "Booth two days ago");
    const ideaId = await filed({ eventId: String(booth) });
    const idea = await t.db.selectFrom("ideas").select(["event_id", "channel"]).where("id", "=", ideaId).executeTakeFirstOrThrow();
    expect(idea).toEqual({ event_id: booth, channel: "event" });

    const batch = await recordPaperBatch(t.db, desk, ideaId, batchForm({ eventId: String(booth) }));
    expect(batch.ok).toBe(true);
    const person = await recordInPersonSupport(t.db, desk, ideaId, { name: "Lee Sunja", birthDate: "1944-02-02", phone: "010-2222-3333", channel: "event", eventId: String(booth), consentRef: "BOOTH-2026-0102" });
    expect(person.ok).toBe(true);
    const batches = await t.db.selectFrom("paper_batches").select("event_id").where("idea_id", "=", ideaId).execute();
    const people = await t.db.selectFrom("in_person_supports").select("event_id").where("idea_id", "=", ideaId).execute();
    expect([...batches, ...people].map((r) => r.event_id)).toEqual([booth, booth]);
  });

  it("refuses an unknown, a cancelled or a future event, and an event with another channel, next to the field, writing nothing", async () => {
    const future = await event(5, "Booth next week");
    const cancelled = await event(-1, "Booth called off");
    const past = await event(-3, "Booth three days ago");
    // Cancelled while under way (the organiser's cancel needs a reason).
    const cancel = await cancelEvent(t.db, organiser, cancelled, { reason: "Storm warning: the square was closed." }, new Date(Date.now() - DAY + 3_600_000));
    expect(cancel.ok).toBe(true);
    const before = await t.db.selectFrom("ideas").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const cases: [Record<string, string>, string][] = [
      [{ eventId: "987654321" }, "events.bornHere.errors.unknown"],
      [{ eventId: String(cancelled) }, "events.bornHere.errors.cancelled"],
      [{ eventId: String(future) }, "events.bornHere.errors.notStarted"],
      [{ eventId: String(past), channel: "phone" }, "events.bornHere.errors.channel"],
      [{ eventId: String(past), channel: "paper" }, "events.bornHere.errors.channel"],
      [{ eventId: "seven" }, "errors.invalidChoice"],
    ];
    for (const [extra, key] of cases) {
      const result = await fileAssistedIdea(t.db, desk, ideaForm(extra));
      expect(result.ok, JSON.stringify(extra)).toBe(false);
      if (!result.ok) {
        expect(result.status).toBe(400);
        expect(result.errors.eventId?.[0]?.key, JSON.stringify(extra)).toBe(key);
      }
    }
    const after = await t.db.selectFrom("ideas").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));

    // The same rule for batches and in-person supports.
    const ideaId = await filed({});
    const batch = await recordPaperBatch(t.db, desk, ideaId, batchForm({ eventId: String(future) }));
    expect(!batch.ok && batch.errors.eventId?.[0]?.key).toBe("events.bornHere.errors.notStarted");
    const paperOnly = await recordPaperBatch(t.db, desk, ideaId, batchForm({ channel: "paper", eventId: String(past) }));
    expect(!paperOnly.ok && paperOnly.errors.eventId?.[0]?.key).toBe("events.bornHere.errors.channel");
    const person = await recordInPersonSupport(t.db, desk, ideaId, { name: "Choi Mina", birthDate: "1950-01-01", phone: "010-4444-5555", channel: "event", eventId: String(cancelled), consentRef: "BOOTH-9" });
    expect(!person.ok && person.errors.eventId?.[0]?.key).toBe("events.bornHere.errors.cancelled");
    expect(await t.db.selectFrom("paper_batches").select("id").where("idea_id", "=", ideaId).execute()).toEqual([]);
  });

  it("keeps an old event valid for late paper and corrections, though the picker shows only the last 90 days", async () => {
    const old = await event(-120, "Forum four months ago");
    const recent = await event(-10, "Town hall ten days ago");
    const today = await event(0, "Booth today");
    const soon = await event(3, "Booth in three days");
    const cancelled = await event(-4, "Forum cancelled");
    expect((await cancelEvent(t.db, organiser, cancelled, { reason: "The hall was flooded the night before." }, new Date(Date.now() - 5 * DAY))).ok).toBe(true);

    const now = new Date(Date.now() + 12 * 3_600_000); // today's booth (10:00–18:00 Korea time) has started by then
    const offered = (await eventChoices(t.db, "en", now)).map((e) => e.id);
    expect(offered).toContain(recent);
    expect(offered).toContain(today);
    expect(offered).not.toContain(old);
    expect(offered).not.toContain(soon);
    expect(offered).not.toContain(cancelled);
    // Latest first, in the reader's language.
    const titles = (await eventChoices(t.db, "en", now)).filter((e) => [recent, today].includes(e.id)).map((e) => e.title);
    expect(titles).toEqual(["Booth today", "Town hall ten days ago"]);
    expect((await eventChoices(t.db, "ko", now)).find((e) => e.id === recent)?.title).toBe("Town hall ten days ago (ko)");
    // A batch of the old event: the correction form still offers it.
    expect((await eventChoices(t.db, "en", now, [old])).map((e) => e.id)).toContain(old);

    const ideaId = await filed({ eventId: String(old) });
    const batch = await recordPaperBatch(t.db, desk, ideaId, batchForm({ eventId: String(old) }));
    expect(batch.ok).toBe(true);
    if (!batch.ok) return;
    const corrected = await correctPaperBatch(t.db, desk, batch.batchId, { ...batchForm({ eventId: String(old), signaturesVerified: "17" }), reason: "One signature was written twice." });
    expect(corrected.ok).toBe(true);
  });

  it("the desk's form offers the recent events", async () => {
    const recent = await event(-6, "Booth six days ago for the desk");
    const page = await call(deskPage, { path: "/desk", context: contextFor(t.services, desk) });
    expect(page.status).toBe(200);
    const events = (page.data as { events: { id: number; title: string }[] }).events;
    expect(events.find((e) => e.id === recent)?.title).toBe("Booth six days ago for the desk");
  });

  it("the database refuses an event that does not exist", async () => {
    const ideaId = await filed({});
    await expect(t.db.updateTable("ideas").set({ event_id: 2_000_000_000 }).where("id", "=", ideaId).execute()).rejects.toThrow(/foreign key/);
  });
});

describe("the pages", () => {
  it("the event lists the public ideas born there; the idea says where it was proposed, linking to the event", async () => {
    const forum = await event(-8, "Forum on market streets");
    const shown = await filed({ eventId: String(forum), title: "Shared delivery vans for the market street" });
    const hidden = await filed({ eventId: String(forum), title: "An idea a moderator hid" });
    await t.db.updateTable("ideas").set({ hidden_at: new Date(), hidden_by: "moderator", hidden_reason: "personal_data" }).where("id", "=", hidden).execute();
    const held = await filed({ eventId: String(forum), title: "An idea waiting for a moderator" });
    await t.db.updateTable("ideas").set({ status: "pending" }).where("id", "=", held).execute();
    const elsewhere = await filed({ title: "An idea from no event" });

    const visitor = contextFor(t.services, null);
    const page = await call(eventPage, { path: `/events/${forum}`, params: { id: String(forum) }, context: visitor });
    expect(page.status).toBe(200);
    const born = (page.data as { born: { id: number; title: string }[] }).born;
    expect(born.map((i) => i.title)).toEqual(["Shared delivery vans for the market street"]);

    const idea = await call(ideaPage, { path: `/ideas/${shown}`, params: { id: String(shown) }, context: visitor });
    expect(idea.status).toBe(200);
    const provenance = (idea.data as { provenance: { event: { id: number; title: string } | null } }).provenance;
    expect(provenance.event).toMatchObject({ id: forum, title: "Forum on market streets" });
    const other = await call(ideaPage, { path: `/ideas/${elsewhere}`, params: { id: String(elsewhere) }, context: visitor });
    expect((other.data as { provenance: { event: unknown } }).provenance.event).toBeNull();

    // The open data names the event too.
    const exported = await call(ideasExport, { path: `/api/v1/ideas?limit=1000`, context: visitor });
    const records = (exported.data as { data: { id: number; event_id: number | null }[] }).data;
    expect(records.find((r) => r.id === shown)?.event_id).toBe(forum);
    expect(records.find((r) => r.id === elsewhere)?.event_id).toBeNull();

    // An event with nothing born there says so.
    const empty = await event(-9, "Quiet booth");
    const quiet = await call(eventPage, { path: `/events/${empty}`, params: { id: String(empty) }, context: visitor });
    expect((quiet.data as { born: unknown[] }).born).toEqual([]);
  });
});

describe("the migration", () => {
  it("clears the numbers typed before that name no event, keeps the others, and links them", async () => {
    const migration = migrations["2026-12-05-040-ideas-born-at-events"];
    const real = await event(-15, "Forum before the link");
    const typed = await filed({});
    const right = await filed({});
    // As before the change: the desk typed a number, and the column took any.
    await migration.down!(t.db);
    await t.db.updateTable("ideas").set({ event_id: 1_999_999 }).where("id", "=", typed).execute();
    await t.db.updateTable("ideas").set({ event_id: real }).where("id", "=", right).execute();
    await migration.up(t.db);
    const rows = await t.db.selectFrom("ideas").select(["id", "event_id"]).where("id", "in", [typed, right]).orderBy("id").execute();
    expect(rows).toEqual([
      { id: typed, event_id: null },
      { id: right, event_id: real },
    ]);
    await expect(t.db.updateTable("ideas").set({ event_id: 1_999_999 }).where("id", "=", typed).execute()).rejects.toThrow(/foreign key/);
  });
});
