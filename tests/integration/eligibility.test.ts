// Eligibility per call for ideas and verified supports (issue 17): a call says which level is
// needed to propose and to support, optionally a region and a minimum age; every support
// records the supporter's level at that moment; a call may count only verified supports toward
// its threshold; the verified count stays exact when many support at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submitIdea } from "../../app/domain/ideas/ideas.server";
import { supportIdea, withdrawSupport } from "../../app/domain/ideas/supports.server";
import { citizenActor, createCampaign, createIdea, createUser, verifyIdentity } from "../../db/factories";
import { openTestDatabase, type TestDatabase } from "./db";

let t: TestDatabase;
let seoul = 0;
let busan = 0;
let economy = 0;
beforeAll(async () => {
  t = await openTestDatabase();
  seoul = (await t.db.selectFrom("regions").select("id").where("code", "=", "seoul").executeTakeFirstOrThrow()).id;
  busan = (await t.db.selectFrom("regions").select("id").where("code", "=", "busan").executeTakeFirstOrThrow()).id;
  economy = (await t.db.selectFrom("categories").select("id").where("slug", "=", "economy").executeTakeFirstOrThrow()).id;
});
afterAll(() => t?.close());

const emailOnly = async () => (await createUser(t.db)).id;
async function verified(spec: Parameters<typeof verifyIdentity>[2] = {}) {
  const id = (await createUser(t.db)).id;
  await verifyIdentity(t.db, id, spec);
  return id;
}
const counts = (ideaId: number) =>
  t.db.selectFrom("ideas").select(["support_count", "verified_support_count", "status"]).where("id", "=", ideaId).executeTakeFirstOrThrow();
const levelOfSupport = async (ideaId: number, userId: number) =>
  (await t.db.selectFrom("supports").select("verification_level").where("idea_id", "=", ideaId).where("user_id", "=", userId).executeTakeFirstOrThrow()).verification_level;
const propose = (authorId: number, campaignId: number) =>
  submitIdea(t.db, citizenActor(authorId), {
    title: "A bench on every bus stop",
    body: "Older people wait standing for a long time at bus stops in winter and summer.",
    categoryId: String(economy),
    regionId: "",
    campaignId: String(campaignId),
  });

describe("each support records the supporter's level at that moment", () => {
  it("e-mail, identity and in-person supporters are counted apart, and a withdrawal moves the verified count back", async () => {
    const ideaId = await createIdea(t.db, { author: { id: await emailOnly() } });
    const a = await emailOnly();
    const b = await verified();
    const c = await verified({ method: "in_person" });
    const expiredOne = await verified({ validDays: -1 });
    for (const u of [a, b, c, expiredOne]) expect((await supportIdea(t.db, citizenActor(u), ideaId)).ok).toBe(true);
    expect(await levelOfSupport(ideaId, a)).toBe(1);
    expect(await levelOfSupport(ideaId, b)).toBe(2);
    expect(await levelOfSupport(ideaId, c)).toBe(3);
    expect(await levelOfSupport(ideaId, expiredOne)).toBe(1);
    expect(await counts(ideaId)).toMatchObject({ support_count: 5, verified_support_count: 2 });
    expect((await withdrawSupport(t.db, citizenActor(b), ideaId)).ok).toBe(true);
    expect(await counts(ideaId)).toMatchObject({ support_count: 4, verified_support_count: 1 });
    // Verifying later does not change a support already given.
    await verifyIdentity(t.db, a);
    expect(await levelOfSupport(ideaId, a)).toBe(1);
  });
});

describe("eligibility per call", () => {
  it("a call that needs identity verification to support refuses an e-mail-only supporter, with the reason", async () => {
    const call = await createCampaign(t.db, { supportLevel: 2, threshold: 100 });
    const ideaId = await createIdea(t.db, { author: { id: await emailOnly() }, campaignId: call.id });
    const refused = await supportIdea(t.db, citizenActor(await emailOnly()), ideaId);
    expect(refused).toMatchObject({ ok: false, status: 403, errors: { _form: [{ key: "verification.eligibility.level2" }] } });
    expect((await supportIdea(t.db, citizenActor(await verified()), ideaId)).ok).toBe(true);
    expect((await supportIdea(t.db, citizenActor(await verified({ method: "in_person" })), ideaId)).ok).toBe(true);
    expect(await counts(ideaId)).toMatchObject({ support_count: 3, verified_support_count: 2 });
  });

  it("a call that needs in-person verification refuses an online-verified person", async () => {
    const call = await createCampaign(t.db, { supportLevel: 3 });
    const ideaId = await createIdea(t.db, { author: { id: await emailOnly() }, campaignId: call.id });
    expect(await supportIdea(t.db, citizenActor(await verified()), ideaId)).toMatchObject({ ok: false, errors: { _form: [{ key: "verification.eligibility.level3" }] } });
  });

  it("a call that needs identity verification to propose refuses an e-mail-only author next to the call", async () => {
    const call = await createCampaign(t.db, { proposeLevel: 2 });
    expect(await propose(await emailOnly(), call.id)).toMatchObject({ ok: false, status: 403, errors: { campaignId: [{ key: "verification.eligibility.level2" }] } });
    const ok = await propose(await verified(), call.id);
    expect(ok.ok).toBe(true);
  });

  it("a region's call takes only its verified residents, and an age limit only those old enough by their verified birth year", async () => {
    const year = new Date().getUTCFullYear();
    const call = await createCampaign(t.db, { eligibleRegionId: busan, minAge: 19 });
    const ideaId = await createIdea(t.db, { author: { id: await verified({ provinceId: busan, birthYear: 1980 }) }, campaignId: call.id });
    expect(await supportIdea(t.db, citizenActor(await emailOnly()), ideaId)).toMatchObject({ ok: false, errors: { _form: [{ key: "verification.eligibility.level2" }] } });
    expect(await supportIdea(t.db, citizenActor(await verified({ provinceId: seoul, birthYear: 1980 })), ideaId)).toMatchObject({
      ok: false,
      errors: { _form: [{ key: "verification.eligibility.region" }] },
    });
    expect(await supportIdea(t.db, citizenActor(await verified({ provinceId: busan, birthYear: year - 15 })), ideaId)).toMatchObject({
      ok: false,
      errors: { _form: [{ key: "verification.eligibility.age", values: { age: 19 } }] },
    });
    // Without a birth year nobody can tell the age: refused.
    expect((await supportIdea(t.db, citizenActor(await verified({ provinceId: busan })), ideaId)).ok).toBe(false);
    expect((await supportIdea(t.db, citizenActor(await verified({ provinceId: busan, birthYear: year - 25 })), ideaId)).ok).toBe(true);
  });

  it("a call with no rules takes every e-mail-verified citizen, as before", async () => {
    const call = await createCampaign(t.db, {});
    const ideaId = await createIdea(t.db, { author: { id: await emailOnly() }, campaignId: call.id });
    expect((await supportIdea(t.db, citizenActor(await emailOnly()), ideaId)).ok).toBe(true);
  });
});

describe("a call that counts only verified supports toward its threshold", () => {
  it("is not fast-tracked by e-mail-only supports, and is by enough verified ones", async () => {
    const call = await createCampaign(t.db, { verifiedThreshold: true, threshold: 3 });
    const ideaId = await createIdea(t.db, { author: { id: await emailOnly() }, campaignId: call.id });
    for (let i = 0; i < 4; i++) expect((await supportIdea(t.db, citizenActor(await emailOnly()), ideaId)).ok).toBe(true);
    expect(await counts(ideaId)).toMatchObject({ support_count: 5, verified_support_count: 0, status: "open" });
    await supportIdea(t.db, citizenActor(await verified()), ideaId);
    await supportIdea(t.db, citizenActor(await verified()), ideaId);
    expect((await counts(ideaId)).status).toBe("open");
    const third = await supportIdea(t.db, citizenActor(await verified()), ideaId);
    expect(third).toMatchObject({ ok: true, reachedThreshold: true });
    expect(await counts(ideaId)).toMatchObject({ support_count: 8, verified_support_count: 3, status: "fast_tracked" });
  });
});

describe("verified counts stay exact when many support at once", () => {
  for (const kind of ["without a call (the one-statement path)", "in a call with rules (the transactional path)"]) {
    it(kind, async () => {
      const call = kind.startsWith("in") ? await createCampaign(t.db, { supportLevel: 1, minAge: 18, threshold: 10_000 }) : null;
      const born = new Date().getUTCFullYear() - 40;
      const ideaId = await createIdea(t.db, { author: { id: await verified({ birthYear: born }) }, campaignId: call?.id ?? null });
      const people: { id: number; verified: boolean }[] = [];
      for (let i = 0; i < 24; i++) {
        const isVerified = i % 3 !== 0;
        people.push({ id: isVerified ? await verified({ birthYear: born }) : await emailOnly(), verified: isVerified });
      }
      // Each person twice (a double click), all at once.
      const results = await Promise.all([...people, ...people].map((p) => supportIdea(t.db, citizenActor(p.id), ideaId)));
      const expectedVerified = people.filter((p) => p.verified).length + 1; // and the author
      if (call) {
        // In a call with an age rule, the e-mail-only people are refused, every time.
        expect(results.filter((r) => !r.ok)).toHaveLength(2 * people.filter((p) => !p.verified).length);
        expect(await counts(ideaId)).toMatchObject({ support_count: expectedVerified, verified_support_count: expectedVerified });
      } else {
        expect(results.every((r) => r.ok)).toBe(true);
        expect(await counts(ideaId)).toMatchObject({ support_count: people.length + 1, verified_support_count: expectedVerified });
      }
      const rows = await t.db
        .selectFrom("supports")
        .select((eb) => [eb.fn.countAll<string>().as("all"), eb.fn.count<string>("user_id").filterWhere("verification_level", ">=", 2).as("verified")])
        .where("idea_id", "=", ideaId)
        .executeTakeFirstOrThrow();
      const now = await counts(ideaId);
      expect(Number(rows.all)).toBe(now.support_count);
      expect(Number(rows.verified)).toBe(now.verified_support_count);
    });
  }
});
