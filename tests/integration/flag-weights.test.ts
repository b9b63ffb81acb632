// Flags weighed by account age and verification level, a burst watch on flags, and popular
// ideas kept visible until a moderator decides (issue 21 item 10, decision 050). The class:
// a handful of throwaway accounts must not be able to hide what many people support.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "../../app/domain/accounts/permissions";
import { decideItem, flagContent } from "../../app/domain/moderation/flags.server";
import { supportIdea } from "../../app/domain/ideas/supports.server";
import { createIdea, verifyIdentity } from "../../db/factories";
import { person } from "../fixtures/roster";
import { openTestDatabase, type TestDatabase } from "./db";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t?.close());

async function setting(key: string, value: number) {
  await t.db.insertInto("settings").values({ key, value: JSON.stringify(value) }).onConflict((oc) => oc.column("key").doUpdateSet({ value: JSON.stringify(value) })).execute();
}
beforeEach(async () => {
  // The defaults, said here so that the test does not depend on them changing.
  await setting("flag_hide_threshold", 3);
  await setting("flag_new_account_hours", 72);
  await setting("flag_burst_new_accounts", 3);
  await setting("flag_protected_supports", 100);
});

const minutesOld = (minutes = 3): Promise<Actor> => person(t.db, { createdAt: new Date(Date.now() - minutes * 60_000) });
const established = (): Promise<Actor> => person(t.db, { createdAt: new Date(Date.now() - 30 * 86_400_000) });
const flag = (a: Actor, ideaId: number, reason = "spam") => flagContent(t.db, a, { targetType: "idea", targetId: String(ideaId), reason });
const hidden = async (ideaId: number) => (await t.db.selectFrom("ideas").select("hidden_at").where("id", "=", ideaId).executeTakeFirstOrThrow()).hidden_at !== null;
const alerts = (ideaId: number) => t.db.selectFrom("moderation_alerts").selectAll().where("idea_id", "=", ideaId).where("kind", "=", "flag_burst").where("resolved_at", "is", null).execute();

async function ideaWithSupporters(n: number) {
  const ideaId = await createIdea(t.db, { author: await person(t.db) });
  for (let i = 1; i < n; i++) expect((await supportIdea(t.db, await person(t.db), ideaId)).ok).toBe(true);
  return ideaId;
}

describe("throwaway accounts cannot hide an idea", () => {
  it("three accounts minutes old flag a popular idea at once: it stays visible, and the moderators are alerted", async () => {
    await setting("flag_protected_supports", 20);
    const ideaId = await ideaWithSupporters(20);
    const three = [await minutesOld(), await minutesOld(), await minutesOld()];
    const results = await Promise.all(three.map((a) => flag(a, ideaId)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await hidden(ideaId)).toBe(false);
    const [alert] = await alerts(ideaId);
    expect(alert).toBeDefined();
    expect(alert!.support_count).toBe(3);
  });

  it("three accounts minutes old cannot hide even an idea without supporters: each weighs a quarter", async () => {
    const ideaId = await ideaWithSupporters(1);
    for (let i = 0; i < 3; i++) expect((await flag(await minutesOld(), ideaId)).ok).toBe(true);
    expect(await hidden(ideaId)).toBe(false);
  });

  it("a popular idea flagged by established accounts also stays visible until a moderator decides, who can then hide it", async () => {
    await setting("flag_protected_supports", 5);
    const ideaId = await ideaWithSupporters(5);
    for (let i = 0; i < 4; i++) expect((await flag(await established(), ideaId)).ok).toBe(true);
    expect(await hidden(ideaId)).toBe(false);
    expect(await alerts(ideaId)).toHaveLength(1);
    const mod = await person(t.db, { roles: [{ role: "moderator" }] });
    expect((await decideItem(t.db, mod, { targetType: "idea", targetId: String(ideaId), decision: "hide", reason: "spam" })).ok).toBe(true);
    expect(await hidden(ideaId)).toBe(true);
  });
});

describe("established and verified accounts still hide spam quickly", () => {
  it("three established accounts hide a spam idea at the third flag", async () => {
    const ideaId = await ideaWithSupporters(1);
    expect(await flag(await established(), ideaId)).toMatchObject({ ok: true, hidden: false });
    expect(await flag(await established(), ideaId)).toMatchObject({ ok: true, hidden: false });
    expect(await flag(await established(), ideaId)).toMatchObject({ ok: true, hidden: true });
    expect(await hidden(ideaId)).toBe(true);
    expect(await alerts(ideaId)).toHaveLength(0);
  });

  it("a new account whose owner verified their identity weighs in full", async () => {
    const ideaId = await ideaWithSupporters(1);
    const verifiedNew = [await minutesOld(), await minutesOld(), await minutesOld()];
    for (const a of verifiedNew) await verifyIdentity(t.db, a.id);
    for (const a of verifiedNew) expect((await flag(a, ideaId)).ok).toBe(true);
    expect(await hidden(ideaId)).toBe(true);
  });

  it("quarters add up: two established accounts and four new ones reach three flags", async () => {
    const ideaId = await ideaWithSupporters(1);
    await flag(await established(), ideaId);
    await flag(await established(), ideaId);
    for (let i = 0; i < 3; i++) await flag(await minutesOld(), ideaId);
    expect(await hidden(ideaId)).toBe(false);
    expect(await flag(await minutesOld(), ideaId)).toMatchObject({ ok: true, hidden: true });
  });
});
