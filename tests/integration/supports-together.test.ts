// Supports of one idea that arrive while the last one's statement runs go together, in one
// statement (decision 098): each is answered as if it had been sent alone after the ones before
// it, with its own rate limits, its count and its burst counts, and the counts stay exact.
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLimiters, type Limiters } from "../../app/auth/rate-limit.server";
import type { Actor } from "../../app/domain/accounts/permissions";
import { supportIdea } from "../../app/domain/ideas/supports.server";
import { supportLimits } from "../../app/domain/moderation/integrity.server";
import { openAlerts } from "../../app/domain/moderation/queries.server";
import { connect, type DbHandle } from "../../db/connect";
import { createCampaign, createIdea, createUser } from "../../db/factories";
import { person } from "../fixtures/roster";
import { openTestDatabase, type TestDatabase } from "./db";

let t: TestDatabase;
let handle: DbHandle;
let limiters: Limiters;
/** The support statements this file's own pool sent. */
let statements = 0;
const onServer = Boolean(process.env.DATABASE_URL);

beforeAll(async () => {
  t = await openTestDatabase();
  handle = connect(t.url, {
    max: 4,
    named: onServer,
    log: (event) => {
      if (event.level === "query" && /^\/\* support(-spending|-batch)? \*\//.test(event.query.sql)) statements++;
    },
  });
  // The address limit at a tenth of its size (20 an hour), so that a test reaches it in one burst.
  limiters = createLimiters(handle.pool, 0.1);
});
afterAll(async () => {
  await handle?.close();
  await t?.close();
});

/** An idea far from its threshold, and how many supports it has (its author's own). */
async function quietIdea() {
  const call = await createCampaign(t.db, { threshold: 10_000 });
  const ideaId = await createIdea(t.db, { author: await createUser(t.db), campaignId: call.id });
  return { ideaId, before: await supportCount(ideaId) };
}

async function supportCount(ideaId: number) {
  return (await t.db.selectFrom("ideas").select("support_count").where("id", "=", ideaId).executeTakeFirstOrThrow()).support_count;
}

/** The counter against the support rows and every counter beside it. */
async function counters(ideaId: number) {
  const { rows } = await sql<{ counter: number; stored: string; regions: string; hours: string; weeks: string }>`
    SELECT (SELECT support_count FROM ideas WHERE id = ${ideaId}) AS counter,
      (SELECT count(*) FROM supports WHERE idea_id = ${ideaId} AND invalidated_at IS NULL) AS stored,
      (SELECT coalesce(sum(supports), 0) FROM idea_support_regions WHERE idea_id = ${ideaId}) AS regions,
      (SELECT coalesce(sum(supports), 0) FROM idea_support_hours WHERE idea_id = ${ideaId}) AS hours,
      (SELECT coalesce(sum(supports), 0) FROM idea_support_weeks WHERE idea_id = ${ideaId}) AS weeks`.execute(t.db);
  const row = rows[0];
  return { counter: row.counter, stored: Number(row.stored), regions: Number(row.regions), hours: Number(row.hours), weeks: Number(row.weeks) };
}

const people = (n: number) => Promise.all(Array.from({ length: n }, () => person(t.db, { createdAt: new Date(Date.now() - 30 * 86_400_000) })));

/** Supports given all at once, as a crowd's requests come to one process, each with its request's limits. */
function together(ideaId: number, crowd: { who: Actor; address: string }[]) {
  return Promise.all(crowd.map(({ who, address }) => supportIdea(handle.db, who, ideaId, new Date(), address, supportLimits(limiters, who.id, address))));
}

describe("supports of one idea sent together", () => {
  it("takes a crowd in a few statements, each support answered with its own count, every counter exact", async () => {
    const { ideaId, before } = await quietIdea();
    const crowd = (await people(40)).map((who, k) => ({ who, address: `198.51.${k}.7` }));
    const sent = statements;
    const answers = await together(ideaId, crowd);
    expect(answers.every((a) => a.ok)).toBe(true);
    // The first went alone; the others waited behind it and went together (up to 64 a statement).
    expect(statements - sent).toBeGreaterThanOrEqual(1);
    expect(statements - sent).toBeLessThanOrEqual(3);
    // Each saw the count after its own support: every count from before + 1 to before + 40, once.
    const counts = answers.map((a) => (a.ok ? a.supportCount : 0)).sort((a, b) => a - b);
    expect(counts).toEqual(Array.from({ length: 40 }, (_, k) => before + k + 1));
    expect(await counters(ideaId)).toEqual({ counter: before + 40, stored: before + 40, regions: before + 40, hours: before + 40, weeks: before + 40 });
  });

  it("spends each support's rate limits in turn: an address's limit refuses the ones past it, not the batch", async () => {
    const { ideaId, before } = await quietIdea();
    // Thirty people behind one address, whose limit is twenty supports an hour.
    const crowd = (await people(30)).map((who) => ({ who, address: "203.0.113.50" }));
    const answers = await together(ideaId, crowd);
    const taken = answers.filter((a) => a.ok);
    const refused = answers.filter((a) => !a.ok);
    expect(taken).toHaveLength(20);
    expect(refused).toHaveLength(10);
    for (const r of refused) expect(r).toMatchObject({ ok: false, status: 429, errors: { _form: [{ key: "moderation.errors.supportRate" }] } });
    expect(await counters(ideaId)).toMatchObject({ counter: before + 20, stored: before + 20 });
    // Every attempt spent its point, the refused ones too.
    const spent = await t.db.selectFrom("rate_limits").select("points").where("key", "=", limiters.supportIp.getKey("203.0.113.50")).executeTakeFirstOrThrow();
    expect(spent.points).toBe(30);
  });

  it("counts a citizen who clicks twice in the same batch once", async () => {
    const { ideaId, before } = await quietIdea();
    const [first, second, twice] = await people(3);
    const answers = await together(ideaId, [
      { who: first, address: "192.0.2.1" },
      { who: twice, address: "192.0.2.2" },
      { who: second, address: "192.0.2.3" },
      { who: twice, address: "192.0.2.2" },
    ]);
    expect(answers.map((a) => a.ok)).toEqual([true, true, true, true]);
    expect(answers.map((a) => (a.ok ? a.supportCount : null))).toEqual([before + 1, before + 2, before + 3, before + 3]);
    expect(await counters(ideaId)).toMatchObject({ counter: before + 3, stored: before + 3 });
  });

  it("refuses only the one who supported in person already; the others of the batch count", async () => {
    const { ideaId, before } = await quietIdea();
    const crowd = await people(6);
    const staff = await createUser(t.db);
    // The fourth person's in-person support was linked to their account (decision 058).
    await t.db
      .insertInto("in_person_supports")
      .values({ idea_id: ideaId, person_digest: randomBytes(32).toString("hex"), channel: "paper", consent_ref: "test", recorded_by: staff.id, user_id: crowd[3].id, linked_at: new Date() })
      .execute();
    const answers = await together(
      ideaId,
      crowd.map((who, k) => ({ who, address: `192.0.2.${k + 10}` })),
    );
    expect(answers.map((a) => a.ok)).toEqual([true, true, true, false, true, true]);
    expect(answers[3]).toMatchObject({ ok: false, status: 409, errors: { _form: [{ key: "ideas.errors.supportedInPerson" }] } });
    expect(await counters(ideaId)).toMatchObject({ counter: before + 5, stored: before + 5 });
  });

  it("raises the network's burst alert when the supports from one network that came together pass its threshold", async () => {
    const { ideaId } = await quietIdea();
    // Twelve older accounts, each from an address of its own in one /24: past the default
    // threshold of ten supports from one network in the window, though only the first of them
    // was stored when the others' statement counted.
    const crowd = (await people(12)).map((who, k) => ({ who, address: `192.0.2.${k + 100}` }));
    expect((await together(ideaId, crowd)).every((a) => a.ok)).toBe(true);
    const alerts = (await openAlerts(t.db)).filter((a) => a.idea_id === ideaId);
    expect(alerts.map((a) => [a.kind, a.ip_prefix, a.support_count])).toEqual([["ip_prefix", "192.0.2.0/24", 12]]);
  });
});
