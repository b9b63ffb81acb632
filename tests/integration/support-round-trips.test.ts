// A support's round trips to the database (issue 19): the common case, an open idea not yet at
// its threshold, is one statement, the burst watch's counts included; the watch reads more only
// when a burst is there to report (docs/scaling.md section 4).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLimiters } from "../../app/auth/rate-limit.server";
import { supportLimits } from "../../app/domain/moderation/integrity.server";
import { createIdea } from "../../db/factories";
import { supportIdea } from "../../app/domain/ideas/supports.server";
import { getSettings } from "../../app/domain/settings.server";
import { statementCounter } from "../fixtures/statements";
import { person } from "../fixtures/roster";
import { openTestDatabase, type TestDatabase } from "./db";

let t: TestDatabase;
let counter: ReturnType<typeof statementCounter>;
let counted: ReturnType<typeof statementCounter>["db"];

beforeAll(async () => {
  t = await openTestDatabase();
  counter = statementCounter(t.url);
  counted = counter.db;
}, 60_000);
afterAll(async () => {
  await counter?.close();
  await t?.close();
});

const statementsFor = async (run: () => Promise<unknown>) => (await counter.statementsOf(run)).length;

describe("a support's round trips", () => {
  it("is one statement for an open idea below its threshold, with or without a network, from a new account or not", async () => {
    const ideaId = await createIdea(t.db, { author: await person(t.db) });
    await getSettings(counted); // the process's settings, read once every few seconds
    const old = await person(t.db, { createdAt: new Date(Date.now() - 30 * 86_400_000) });
    const fresh = await person(t.db, { createdAt: new Date() });
    const before = await t.db.selectFrom("ideas").select("support_count").where("id", "=", ideaId).executeTakeFirstOrThrow();
    expect(await statementsFor(() => supportIdea(counted, old, ideaId, new Date(), "203.0.113.9"))).toBe(1);
    expect(await statementsFor(() => supportIdea(counted, fresh, ideaId, new Date(), null))).toBe(1);
    // Supporting again changes nothing, in one statement too.
    expect(await statementsFor(() => supportIdea(counted, old, ideaId, new Date(), "203.0.113.9"))).toBe(1);
    const idea = await t.db.selectFrom("ideas").select("support_count").where("id", "=", ideaId).executeTakeFirstOrThrow();
    expect(idea.support_count).toBe(before.support_count + 2);
  });

  it("is still one statement with its rate limits: their points are spent in it (decision 080)", async () => {
    const ideaId = await createIdea(t.db, { author: await person(t.db) });
    await getSettings(counted);
    // The limiters' own pool, watched: a statement of their own would show here.
    const limiterPool = new pg.Pool({ connectionString: t.url, max: 1 });
    const sentByLimiters: unknown[] = [];
    const query = limiterPool.query.bind(limiterPool) as (...args: unknown[]) => unknown;
    (limiterPool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args) => {
      sentByLimiters.push(args[0]);
      return query(...args);
    };
    try {
      const limiters = createLimiters(limiterPool);
      const who = await person(t.db, { createdAt: new Date(Date.now() - 30 * 86_400_000) });
      const address = "198.51.100.7";
      const before = await t.db.selectFrom("ideas").select("support_count").where("id", "=", ideaId).executeTakeFirstOrThrow();
      const sent = await counter.statementsOf(() => supportIdea(counted, who, ideaId, new Date(), address, supportLimits(limiters, who.id, address)));
      expect(sent, sent.join("\n----\n")).toHaveLength(1);
      expect(sentByLimiters).toEqual([]);
      // Both points were spent, once each.
      const spent = await t.db.selectFrom("rate_limits").select(["key", "points"]).where("key", "in", [limiters.supportAccount.getKey(String(who.id)), limiters.supportIp.getKey(address)]).orderBy("key").execute();
      expect(spent.map((row) => Number(row.points))).toEqual([1, 1]);
      const idea = await t.db.selectFrom("ideas").select("support_count").where("id", "=", ideaId).executeTakeFirstOrThrow();
      expect(idea.support_count).toBe(before.support_count + 1);
    } finally {
      await limiterPool.end();
    }
  });
});
