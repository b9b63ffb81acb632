// Verifiable totals (issue 17, decision 051) against a real database: the job publishes each
// past day's root once; a supporter's receipt from /me checks out against /api/v1/support-roots;
// the page /verify-receipt says no to a tampered receipt; a receipt names no other supporter.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/domain/accounts/permissions";
import { grantsOf } from "../../app/domain/accounts/roles.server";
import { invalidateSupports } from "../../app/domain/moderation/integrity.server";
import { mergeIdea } from "../../app/domain/moderation/ideas.server";
import { checkReceipt, readReceipt, supportLeaf, type Receipt } from "../../app/domain/receipts/receipt.server";
import { runDueJobs } from "../../app/jobs/scheduler.server";
import { supportRoots } from "../../app/jobs/jobs.server";
import { loader as rootsJson } from "../../app/routes/api.v1.support-roots";
import { loader as rootsCsv } from "../../app/routes/api.v1.support-roots[.]csv";
import { loader as rootsDay } from "../../app/routes/api.v1.support-roots_.$day";
import { merkleRoot } from "../../app/domain/receipts/merkle.server";
import { loader as apiIndex } from "../../app/routes/api.v1._index";
import { loader as receiptRoute } from "../../app/routes/ideas.$id.receipt";
import { loader as mePage } from "../../app/routes/me._index";
import { loader as myDataFile } from "../../app/routes/me.data[.]json";
import { action as verifyAction } from "../../app/routes/verify-receipt";
import { citizenActor, createIdea, createUser, support } from "../../db/factories";
import { openTestDatabase, type TestDatabase } from "./db";
import { call, contextFor, type RouteFunction } from "./harness";
import { startTestApp } from "../fixtures/app";
import { koreaDate, startOfKoreaDay } from "../../app/utils/korea-time";

const HOUR = 3_600_000;
let t: TestDatabase;
// Noon today in Korea, whatever the hour the test runs: the day before is always publishable.
const today = koreaDate(new Date());
const now = new Date(startOfKoreaDay(today).getTime() + 12 * HOUR);
/** Two days before today and the day before today, in Korea. */
const twoDaysAgo = koreaDate(new Date(startOfKoreaDay(today).getTime() - 36 * HOUR));
const yesterday = koreaDate(new Date(startOfKoreaDay(today).getTime() - 12 * HOUR));
const at = (day: string, hours: number) => new Date(startOfKoreaDay(day).getTime() + hours * HOUR);

let author: Actor;
let moderator: Actor;
const supporters: { id: number; email: string }[] = [];
let ideaId: number;
let otherIdeaId: number;

async function actorOf(user: { id: number; email: string }): Promise<Actor> {
  return { ...citizenActor(user.id), email: user.email, grants: await grantsOf(t.db, user.id) };
}

type Root = { day: string; root: string; leaf_count: number; supports: number; invalidations: number; reinstatements: number; published_at: string };

async function roots(query = ""): Promise<Root[]> {
  const answer = await call(rootsJson as RouteFunction, { path: `/api/v1/support-roots${query}`, context: contextFor(t.services, null) });
  expect(answer.status).toBe(200);
  return (answer.data as { data: Root[] }).data;
}

async function receiptOf(user: { id: number; email: string }, idea: number) {
  return call(receiptRoute as RouteFunction, { path: `/ideas/${idea}/receipt`, params: { id: String(idea) }, context: contextFor(t.services, await actorOf(user)) });
}

async function verify(text: string) {
  return call(verifyAction as RouteFunction, { path: "/verify-receipt", form: { receipt: text }, context: contextFor(t.services, null) });
}

beforeAll(async () => {
  t = await openTestDatabase();
  const authorUser = await createUser(t.db, { createdAt: new Date(now.getTime() - 30 * 24 * HOUR) });
  author = await actorOf(authorUser);
  moderator = await actorOf(await createUser(t.db, { roles: [{ role: "moderator" }] }));
  ideaId = await createIdea(t.db, { author, title: "Shade trees on every school route", createdAt: at(twoDaysAgo, 1) });
  otherIdeaId = await createIdea(t.db, { author, title: "Benches at bus stops", createdAt: at(twoDaysAgo, 1) });
  for (let i = 0; i < 6; i++) supporters.push(await createUser(t.db, { email: `supporter${i}@example.org`, createdAt: new Date(now.getTime() - 30 * 24 * HOUR) }));
  // Two days ago: the two ideas with their authors' own supports, and three supports. Yesterday: two more, one other idea, and an invalidation. Today: one.
  for (let i = 0; i < 3; i++) await support(t.db, supporters[i].id, ideaId, at(twoDaysAgo, 2 + i));
  await support(t.db, supporters[3].id, ideaId, at(yesterday, 1));
  await support(t.db, supporters[4].id, ideaId, at(yesterday, 23.9));
  await support(t.db, supporters[0].id, otherIdeaId, at(yesterday, 5));
  const invalidated = await invalidateSupports(t.db, moderator, { ideaId: String(ideaId), accounts: String(supporters[4].id), reason: "One person behind several accounts." }, at(yesterday, 23.95));
  expect(invalidated.ok).toBe(true);
  await support(t.db, supporters[5].id, ideaId, new Date(now.getTime() - 1000));
}, 120_000);
afterAll(() => t?.close());

describe("the daily roots", () => {
  it("before the job runs, no root is published and receipts wait for it", async () => {
    expect(await roots()).toEqual([]);
    const early = await receiptOf(supporters[0], ideaId);
    expect(early.status).toBe(404);
    expect(early.text).toContain(twoDaysAgo);
  });

  it("the job publishes every past day once, up to yesterday, and running it again changes nothing", async () => {
    expect(await runDueJobs(t.db, [supportRoots], now)).toEqual(["support-roots"]);
    const first = await roots();
    expect(first.map((r) => r.day)).toEqual([yesterday, twoDaysAgo]);
    // The author's own support comes with each idea.
    expect(first.find((r) => r.day === twoDaysAgo)).toMatchObject({ supports: 5, invalidations: 0, reinstatements: 0, leaf_count: 5 });
    // Yesterday: two supports of the idea (one of them invalidated since: still given that day), one of the other, one invalidation.
    expect(first.find((r) => r.day === yesterday)).toMatchObject({ supports: 3, invalidations: 1, leaf_count: 4 });
    for (const r of first) expect(r.root).toMatch(/^[0-9a-f]{64}$/);
    expect(first[0].root).not.toBe(first[1].root);

    // Again, a period later and an hour later: nothing new, nothing rewritten.
    const later = new Date(now.getTime() + HOUR);
    await runDueJobs(t.db, [supportRoots], later);
    expect(await roots()).toEqual(first);
    // Even a support written late into a published day does not change its root.
    await support(t.db, supporters[5].id, otherIdeaId, at(yesterday, 12));
    await runDueJobs(t.db, [supportRoots], new Date(later.getTime() + HOUR));
    expect(await roots()).toEqual(first);
  });

  it("the database refuses to rewrite or remove a published root", async () => {
    await expect(sql`UPDATE support_roots SET root = ${"0".repeat(64)} WHERE day = ${yesterday}`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM support_roots WHERE day = ${yesterday}`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM support_root_leaves`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM support_root_nodes`.execute(t.db)).rejects.toThrow(/append-only/);
  });

  it("is listed in the API's index, with a CSV twin, and refuses a day that is not a date", async () => {
    const index = await call(apiIndex as RouteFunction, { path: "/api/v1", context: contextFor(t.services, null) });
    expect((index.data as { endpoints: Record<string, string> }).endpoints).toMatchObject({
      support_roots: expect.stringMatching(/\/api\/v1\/support-roots$/),
      support_roots_csv: expect.stringMatching(/\/api\/v1\/support-roots\.csv$/),
    });
    const csv = await call(rootsCsv as RouteFunction, { path: "/api/v1/support-roots.csv", context: contextFor(t.services, null) });
    expect(csv.status).toBe(200);
    const lines = csv.text.replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    expect(lines[0]).toBe("day,root,leaf_count,supports,invalidations,reinstatements,published_at");
    expect(lines).toHaveLength(3);
    expect(lines[1].startsWith(`${yesterday},`)).toBe(true);
    expect((await roots(`?from=${yesterday}&to=${yesterday}`)).map((r) => r.day)).toEqual([yesterday]);
    const bad = await call(rootsJson as RouteFunction, { path: "/api/v1/support-roots?from=yesterday", context: contextFor(t.services, null) });
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({ error: { parameter: "from" } });
  });
});

describe("a published day in full", () => {
  const dayOf = (day: string) => call(rootsDay as RouteFunction, { path: `/api/v1/support-roots/${day}`, params: { day }, context: contextFor(t.services, null) });

  it("lets anyone rebuild the root from its leaves, and read the day's invalidations with their reasons", async () => {
    const answer = await dayOf(yesterday);
    expect(answer.status).toBe(200);
    const day = answer.data as { root: string; leaf_count: number; leaves: string[]; invalidations: { idea: number; supports: number; reason: string; leaf: string }[] };
    expect(day.leaves).toHaveLength(day.leaf_count);
    expect(merkleRoot(day.leaves)).toBe(day.root);
    expect(day.root).toBe((await roots()).find((r) => r.day === yesterday)!.root);
    expect(day.invalidations).toEqual([expect.objectContaining({ idea: ideaId, supports: 1, reason: "One person behind several accounts." })]);
    expect(day.leaves).toContain(day.invalidations[0].leaf);
    // No account, e-mail address or salt: a support is only a hash.
    const salts = await t.db.selectFrom("supports").select("receipt_salt").execute();
    for (const s of salts) if (s.receipt_salt) expect(answer.text).not.toContain(s.receipt_salt);
    for (const s of supporters) expect(answer.text).not.toContain(s.email);
  });

  it("answers 404 for a day not published, or not a day", async () => {
    for (const day of [today, "2026-02-31", "yesterday", "0"]) expect((await dayOf(day)).status, day).toBe(404);
  });
});

describe("a supporter's receipt", () => {
  let receipt: Receipt;
  let text: string;

  it("is offered on /me once the day is published, and not yet for today's support", async () => {
    const me = await call(mePage as RouteFunction, { path: "/me", context: contextFor(t.services, await actorOf(supporters[5])) });
    const list = (me.data as { receipts: { ideaId: number; day: string; published: boolean }[] }).receipts;
    expect(list).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ideaId, day: today, published: false }),
        expect.objectContaining({ ideaId: otherIdeaId, day: yesterday, published: true }),
      ]),
    );
    const pending = await receiptOf(supporters[5], ideaId);
    expect(pending.status).toBe(404);
    expect(pending.text).toContain(today);
  });

  it("downloads from /me and checks out against the root in /api/v1/support-roots", async () => {
    const answer = await receiptOf(supporters[3], ideaId);
    expect(answer.status).toBe(200);
    text = answer.text;
    const read = readReceipt(text);
    expect(read.ok).toBe(true);
    receipt = (read as { receipt: Receipt }).receipt;
    expect(receipt).toMatchObject({ day: yesterday, support: { idea: ideaId, supporter: supporters[3].id }, leaf_count: 4 });
    const published = (await roots()).find((r) => r.day === yesterday)!.root;
    expect(checkReceipt(receipt, published)).toMatchObject({ ok: true });
  });

  it("the page says yes to it, and no to a tampered one", async () => {
    const yes = await verify(text);
    expect(yes.status).toBe(200);
    expect(yes.data).toMatchObject({ verdict: { matches: true, day: yesterday, ideaId, title: "Shade trees on every school route" } });

    const otherIdea = JSON.stringify({ ...receipt, support: { ...receipt.support, idea: otherIdeaId } });
    expect((await verify(otherIdea)).data).toMatchObject({ verdict: { matches: false, problem: "leaf" } });
    const someoneElse = JSON.stringify({ ...receipt, support: { ...receipt.support, supporter: supporters[0].id } });
    expect((await verify(someoneElse)).data).toMatchObject({ verdict: { matches: false, problem: "leaf" } });
    const flipped = receipt.proof.map((s, i) => (i === 0 ? { ...s, hash: s.hash.replace(/^./, (c) => (c === "a" ? "b" : "a")) } : s));
    expect((await verify(JSON.stringify({ ...receipt, proof: flipped }))).data).toMatchObject({ verdict: { matches: false, problem: "proof" } });
    // A forged tree: a root made from this leaf alone is not the published one.
    expect((await verify(JSON.stringify({ ...receipt, proof: [], root: receipt.leaf }))).data).toMatchObject({ verdict: { matches: false, problem: "root" } });
    expect((await verify(JSON.stringify({ ...receipt, day: twoDaysAgo }))).data).toMatchObject({ verdict: { matches: false, problem: "day" } });
  });

  it("the page refuses what is not a receipt with a message next to the field, keeping the text", async () => {
    for (const bad of ["", "   ", "{ not json", JSON.stringify({ hello: "world" }), "x".repeat(30_000)]) {
      const answer = await verify(bad);
      expect(answer.status, JSON.stringify(bad.slice(0, 20))).toBe(400);
      expect(answer.data).toMatchObject({ errors: { receipt: [expect.objectContaining({ key: expect.stringMatching(/^receipts\.errors\./) })] } });
    }
    expect((await verify("{ not json")).data).toMatchObject({ values: { receipt: "{ not json" } });
  });

  it("reveals nothing about the other supporters", async () => {
    const others = supporters.filter((s) => s.id !== supporters[3].id);
    const salts = await t.db.selectFrom("supports").select(["receipt_salt", "user_id"]).where("user_id", "!=", supporters[3].id).execute();
    for (const other of others) {
      expect(text).not.toContain(other.email);
      expect(text).not.toMatch(new RegExp(`"supporter": ${other.id}\\b`));
    }
    for (const s of salts) if (s.receipt_salt) expect(text).not.toContain(s.receipt_salt);
    // The open data holds no account, salt or idea: only days, roots and counts.
    const json = JSON.stringify(await roots());
    for (const s of salts) if (s.receipt_salt) expect(json).not.toContain(s.receipt_salt);
    expect(Object.keys((await roots())[0]).sort()).toEqual(["day", "invalidations", "leaf_count", "published_at", "reinstatements", "root", "supports"]);
  });

  it("is for the supporter only: another person has none for that idea, a visitor is sent to sign in", async () => {
    const stranger = await createUser(t.db);
    expect((await receiptOf(stranger, ideaId)).status).toBe(404);
    const visitor = await call(receiptRoute as RouteFunction, { path: `/ideas/${ideaId}/receipt`, params: { id: String(ideaId) }, context: contextFor(t.services, null) });
    expect(visitor.status).toBe(302);
  });

  it("`npm run verify-receipt` says yes against the site's published root, and no to a tampered receipt", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "receipt-"));
    const good = path.join(dir, "good.json");
    const bad = path.join(dir, "bad.json");
    fs.writeFileSync(good, text);
    fs.writeFileSync(bad, JSON.stringify({ ...receipt, support: { ...receipt.support, idea: otherIdeaId } }));
    const run = (...args: string[]) =>
      promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/verify-receipt.ts", ...args], { env: { ...process.env, LANG: "en_US.UTF-8" } }).then(
        ({ stdout }) => ({ code: 0, stdout }),
        (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
      );
    const app = await startTestApp(t.url);
    try {
      expect(await run(good, "--site", app.url)).toMatchObject({ code: 0, stdout: expect.stringContaining("Yes: this receipt matches") });
      expect(await run(bad, "--site", app.url)).toMatchObject({ code: 1, stdout: expect.stringContaining("No: this receipt does not match") });
    } finally {
      await app.stop();
    }
    const published = (await roots()).find((r) => r.day === yesterday)!.root;
    expect((await run(good, "--root", published)).code).toBe(0);
    expect((await run(good, "--root", "0".repeat(64))).code).toBe(1);
    fs.rmSync(dir, { recursive: true });
  }, 120_000);

  it("checks out for a day published before its tree's inner nodes were kept, whose first receipt keeps them", async () => {
    // A day as a site published it before decision 104: its root and leaves, no inner nodes.
    await sql`ALTER TABLE support_root_nodes DISABLE TRIGGER support_root_nodes_no_change`.execute(t.db);
    await sql`DELETE FROM support_root_nodes WHERE day = ${yesterday}`.execute(t.db);
    await sql`ALTER TABLE support_root_nodes ENABLE TRIGGER support_root_nodes_no_change`.execute(t.db);
    const answer = await receiptOf(supporters[3], ideaId);
    expect(answer.status).toBe(200);
    const published = (await roots()).find((r) => r.day === yesterday)!.root;
    expect(checkReceipt((readReceipt(answer.text) as { receipt: Receipt }).receipt, published)).toMatchObject({ ok: true });
    expect(await t.db.selectFrom("support_root_nodes").select("day").where("day", "=", yesterday).executeTakeFirst()).toBeDefined();
    expect((await receiptOf(supporters[3], ideaId)).text).toBe(answer.text);
  });

  it("still checks out after the idea is merged into another", async () => {
    const merged = await mergeIdea(t.db, moderator, ideaId, { targetId: String(otherIdeaId), reason: "The same proposal, written twice." });
    expect(merged.ok, JSON.stringify(merged)).toBe(true);
    const answer = await receiptOf(supporters[3], otherIdeaId);
    expect(answer.status).toBe(200);
    expect((await verify(answer.text)).data).toMatchObject({ verdict: { matches: true, ideaId } });
  });
});

describe("receipts in the personal data export (/me/data)", () => {
  type Exported = { supports: { ideaId: number; receipt: Receipt | null; receiptPendingDay: string | null; receiptData: { idea: number; supporter: number; salt: string | null; supported_at: string } }[] };
  async function exportOf(user: { id: number; email: string }): Promise<Exported> {
    const answer = await call(myDataFile as RouteFunction, { path: "/me/data.json", context: contextFor(t.services, await actorOf(user)) });
    expect(answer.status).toBe(200);
    return JSON.parse(answer.text) as Exported;
  }

  it("holds what rebuilds a receipt before the day is published, and the whole receipt after, which checks out", async () => {
    const person = await createUser(t.db, { createdAt: new Date(now.getTime() - 30 * 24 * HOUR) });
    const idea = await createIdea(t.db, { author, title: "Drinking fountains in every park", createdAt: at(today, 1) });
    await support(t.db, person.id, idea, at(today, 2));
    // Today is not published yet: no receipt, the day it will be in, and what rebuilds it then.
    const before = (await exportOf(person)).supports;
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ ideaId: idea, receipt: null, receiptPendingDay: today, receiptData: { idea, supporter: person.id } });
    const { salt, supported_at } = before[0].receiptData;
    expect(salt).toMatch(/^[0-9a-f]{64}$/);
    expect(supported_at).toBe(at(today, 2).toISOString().replace(/Z$/, "000Z"));

    await runDueJobs(t.db, [supportRoots], new Date(now.getTime() + 24 * HOUR));
    const after = (await exportOf(person)).supports;
    const receipt = after[0].receipt!;
    expect(after[0].receiptPendingDay).toBeNull();
    // The same receipt the idea's receipt link gives; it checks out against the published root…
    expect(receipt).toEqual(JSON.parse((await receiptOf(person, idea)).text));
    const published = (await roots()).find((r) => r.day === today)!.root;
    expect(checkReceipt(receipt, published)).toMatchObject({ ok: true });
    expect((await verify(JSON.stringify(receipt))).data).toMatchObject({ verdict: { matches: true } });
    // …and its leaf is the one the data exported before publication rebuilds.
    expect(receipt.leaf).toBe(supportLeaf(idea, salt!, person.id, supported_at));
  });
});
