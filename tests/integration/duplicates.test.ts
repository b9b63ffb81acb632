// Duplicate clusters (issue 16): open ideas with close titles are grouped, the most supported is
// the target, "N people support both" is counted, and the preview's numbers are what the existing
// merge then does.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { duplicateClusters } from "../../app/domain/moderation/duplicates.server";
import { mergeIdea } from "../../app/domain/moderation/ideas.server";
import { createIdea, createUser, support } from "../../db/factories";
import { person } from "../fixtures/roster";
import { openTestDatabase, type TestDatabase } from "./db";
import { liftDailyLimits } from "./harness";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
  await liftDailyLimits(t.db);
}, 180_000);
afterAll(() => t?.close());

describe("duplicate clusters", () => {
  it("groups close titles, counts shared supporters, and previews the merge exactly", async () => {
    const author = await person(t.db);
    const big = await createIdea(t.db, { author, title: "Free public wifi in every city park" });
    const small = await createIdea(t.db, { author, title: "Free public wifi in every park of the city" });
    const other = await createIdea(t.db, { author, title: "Longer opening hours for public libraries" });
    await t.db.updateTable("ideas").set({ status: "open" }).where("id", "in", [big, small, other]).execute();
    const people = await Promise.all(Array.from({ length: 5 }, () => createUser(t.db)));
    // The author supports both (an author supports their own idea); four more support the big
    // one; two of those and one more support the small one.
    for (const p of people.slice(0, 4)) await support(t.db, p.id, big);
    for (const p of [people[0], people[1], people[4]]) await support(t.db, p.id, small);

    const clusters = await duplicateClusters(t.db);
    const cluster = clusters.find((c) => c.target.id === big)!;
    expect(cluster).toBeDefined();
    expect(cluster.members).toEqual([{ id: small, title: "Free public wifi in every park of the city", supports: 4, shared: 3, wouldMove: 1, alreadyOnTarget: 3 }]);
    expect(clusters.some((c) => c.target.id === other || c.members.some((m) => m.id === other))).toBe(false);

    const moderator = await person(t.db, { roles: [{ role: "moderator" }] });
    const merged = await mergeIdea(t.db, moderator, small, { targetId: String(big), reason: "The same proposal, worded twice." });
    expect(merged).toMatchObject({ ok: true, moved: 1, duplicates: 3 });
    expect((await duplicateClusters(t.db)).some((c) => c.target.id === big)).toBe(false);
  });

  it("also groups ideas worded differently when most of the smaller one's supporters support both", async () => {
    // In letters and digits: a run of 13 digits (Date.now()) can read as a resident registration
    // number, which holds the idea for review (one run in ten failed its first support).
    const stamp = Date.now().toString(36);
    const idea = async (title: string) => {
      const id = await createIdea(t.db, { author: await person(t.db), title: `${title} ${stamp}` });
      await t.db.updateTable("ideas").set({ status: "open" }).where("id", "=", id).execute();
      return id;
    };
    const busFares = await idea("Cheaper bus tickets for teenagers");
    const youthPass = await idea("A monthly transport pass for students");
    const parks = await idea("Shade trees along river walks");
    const people = await Promise.all(Array.from({ length: 12 }, () => createUser(t.db)));
    // Ten support the bus fares; six of them also the youth pass (6 of its 7 with its author):
    // one proposal in two wordings. The other four and one of the six support the parks idea
    // too, which has them, 12 others and its author: five shared with the bus fares, under half
    // of the smaller one's eleven, so not a duplicate.
    for (const p of people.slice(0, 10)) await support(t.db, p.id, busFares);
    for (const p of people.slice(0, 6)) await support(t.db, p.id, youthPass);
    for (const p of people.slice(5, 10)) await support(t.db, p.id, parks);
    for (let i = 0; i < 12; i++) await support(t.db, (await createUser(t.db)).id, parks);

    const clusters = await duplicateClusters(t.db);
    const cluster = clusters.find((c) => c.target.id === busFares);
    expect(cluster?.members).toEqual([{ id: youthPass, title: `A monthly transport pass for students ${stamp}`, supports: 7, shared: 6, wouldMove: 1, alreadyOnTarget: 6 }]);
    expect(clusters.some((c) => c.target.id === parks || c.members.some((m) => m.id === parks))).toBe(false);
  });

  it("calls titles close from pg_trgm's similarity of 0.45, the boundary included", async () => {
    // Alone among the open ideas, so that no other test's ideas join these groups.
    await t.db.updateTable("ideas").set({ status: "closed" }).where("status", "=", "open").execute();
    const titles = [
      "Pilot public transit for rural towns in Daejeon",
      "Pilot public transit for seniors in Busan",
      "Publish data on city parks for students in Incheon",
      "Improve city parks for students in Busan",
      "Extend hours of community centres for seniors in Busan",
      "Extend hours of transit passes for seniors in Jeju",
    ];
    const ids: number[] = [];
    for (const title of titles) ids.push(await createIdea(t.db, { author: await person(t.db), title }));
    await t.db.updateTable("ideas").set({ status: "open" }).where("id", "in", ids).execute();
    const similarity = async (a: number, b: number) =>
      (await sql<{ s: number }>`SELECT similarity(x.title, y.title) AS s FROM ideas x, ideas y WHERE x.id = ${ids[a]} AND y.id = ${ids[b]}`.execute(t.db)).rows[0].s;
    // The database's own measure: two pairs at 0.45 (a real, so a hair under), one at 0.43, and
    // the closest of the rest further apart.
    expect(await similarity(0, 1)).toBeCloseTo(0.45, 6);
    expect(await similarity(2, 3)).toBeCloseTo(0.45, 6);
    expect(await similarity(4, 5)).toBeCloseTo(0.4306, 4);
    expect(await similarity(1, 5)).toBeLessThan(0.4);

    const clusters = await duplicateClusters(t.db);
    const grouped = clusters.map((c) => [c.target.id, ...c.members.map((m) => m.id)].sort((x, y) => x - y));
    expect(grouped.sort((x, y) => x[0] - y[0])).toEqual([
      [ids[0], ids[1]],
      [ids[2], ids[3]],
    ]);
  });
});
