// Who reaches an idea's paper and in-person supports from the idea's page (issue 18, decision
// 063): the desk's staff for every idea, and an event's organiser for the ideas born at an event
// they organise. Read from the idea page's loader as every kind of actor; the expected kinds are
// written here from the decision, not read from the permission function.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileAssistedIdea } from "../../app/domain/assisted/assisted.server";
import { loader as ideaPage } from "../../app/routes/ideas.$id._index";
import { ACTOR_KINDS, actor, ids, setUpWorld, type Kind } from "./actions";
import { openTestDatabase, type TestDatabase } from "./db";
import { call, contextFor } from "./harness";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
  await setUpWorld(t);
}, 120_000);
afterAll(() => t?.close());

/** An event that took place yesterday, organised by the economy committee or (null) the operator. */
async function eventBy(committeeId: number | null) {
  const start = new Date(Date.now() - 86_400_000);
  const row = await t.db
    .insertInto("civic_events")
    .values({ committee_id: committeeId, kind: "booth", title_ko: "현장 부스", starts_at: start, ends_at: new Date(start.getTime() + 3_600_000), place: "광화문", capacity: null, updated_at: new Date() })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An idea filed at the desk for a person, at the event given or at none. */
async function filed(eventId: number | null) {
  const result = await fileAssistedIdea(t.db, actor("moderator"), {
    title: `Filed for a person ${Math.random().toString(36).slice(2, 8)}`,
    body: "A proposal with enough words to pass the minimum length of thirty characters.",
    categoryId: String(ids.category),
    regionId: "",
    campaignId: "",
    channel: eventId === null ? "paper" : "event",
    consentRef: "BOOTH-LINK-1",
    eventId: eventId === null ? "" : String(eventId),
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.ideaId;
}

async function reachers(ideaId: number): Promise<Kind[]> {
  const kinds: Kind[] = [];
  for (const kind of ACTOR_KINDS) {
    const page = await call(ideaPage, { path: `/ideas/${ideaId}`, params: { id: String(ideaId) }, context: contextFor(t.services, actor(kind)) });
    expect(page.status, kind).toBe(200);
    if ((page.data as { provenance: { paperDesk: boolean } }).provenance.paperDesk) kinds.push(kind);
  }
  return kinds;
}

describe("the idea page's link to its paper supports at the desk", () => {
  it("is for the desk's staff, and for the organiser of the event the idea was born at", async () => {
    const atEconomy = await filed(await eventBy(ids.economy));
    const atOperator = await filed(await eventBy(null));
    const atNone = await filed(null);
    expect({ economy: await reachers(atEconomy), operator: await reachers(atOperator), none: await reachers(atNone) }).toEqual({
      economy: ["moderator", "admin", "event organiser (economy)"],
      operator: ["moderator", "admin", "event organiser (operator)"],
      none: ["moderator", "admin"],
    });
  });
});
