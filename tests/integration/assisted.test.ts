// Assisted entry and paper supports (issue 18): staff file ideas for people through the same
// submission rules; claim codes are single-use and expire; paper batches count apart from
// online supports, toward the threshold only where the call says so; corrections and voids
// keep their reason and history; only desk staff (moderators, admins) may do any of it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/domain/accounts/permissions";
import { grantsOf } from "../../app/domain/accounts/roles.server";
import { claimIdea, fileAssistedIdea, reissueClaimCode } from "../../app/domain/assisted/assisted.server";
import { correctPaperBatch, recordInPersonSupport, recordPaperBatch, voidInPersonSupport, voidPaperBatch } from "../../app/domain/assisted/paper.server";
import { paperRecord } from "../../app/domain/assisted/queries.server";
import { citizenActor, createCampaign, createIdea, createUser, support, type RoleSpec } from "../../db/factories";
import * as claimRoute from "../../app/routes/claim";
import { openTestDatabase, type TestDatabase } from "./db";
import { call, contextFor } from "./harness";

let t: TestDatabase;
let economy = 0;
beforeAll(async () => {
  t = await openTestDatabase();
  economy = (await t.db.selectFrom("categories").select("id").where("slug", "=", "economy").executeTakeFirstOrThrow()).id;
});
afterAll(() => t?.close());

const DAY = 86_400_000;
const HASH = "a".repeat(64);

async function person(roles: RoleSpec[] = [], verified = true): Promise<Actor> {
  const user = await createUser(t.db, { roles, verified });
  return { ...citizenActor(user.id), emailVerified: verified, grants: await grantsOf(t.db, user.id) };
}

function ideaForm(extra: Record<string, string> = {}) {
  return {
    title: `Benches at the bus stop ${Math.random().toString(36).slice(2, 7)}`,
    body: "Older people wait standing at the stop by the market; a bench and a shelter would help them.",
    categoryId: String(economy),
    regionId: "",
    campaignId: "",
    channel: "event",
    consentRef: "DESK-2026-0001",
    eventId: "",
    ...extra,
  };
}

async function idea(id: number) {
  return t.db.selectFrom("ideas").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

describe("filing an idea for a person", () => {
  it("records the channel, the staff member and the consent reference, adds no support, and gives a code", async () => {
    const desk = await person([{ role: "moderator" }]);
    const filed = await fileAssistedIdea(t.db, desk, ideaForm({ channel: "phone" }));
    expect(filed.ok).toBe(true);
    if (!filed.ok) return;
    expect(filed.code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    const row = await idea(filed.ideaId);
    expect(row).toMatchObject({ channel: "phone", entered_by: desk.id, author_id: desk.id, consent_ref: "DESK-2026-0001", event_id: null, status: "open", support_count: 0 });
    // The code itself is nowhere in the database: only its hash.
    const codes = await t.db.selectFrom("idea_claim_codes").selectAll().where("idea_id", "=", filed.ideaId).execute();
    expect(codes).toHaveLength(1);
    expect(JSON.stringify(codes)).not.toContain(filed.code.replace(/-/g, ""));
    const audit = await t.db.selectFrom("audit_log").select("action").where("target_type", "=", "idea").where("target_id", "=", String(filed.ideaId)).execute();
    expect(audit.map((a) => a.action)).toContain("assisted.fileIdea");
  });

  it("goes through the same screening: a link-stuffed idea is held for a moderator", async () => {
    const desk = await person([{ role: "admin" }]);
    const links = Array.from({ length: 6 }, (_, i) => `https://spam${i}.example.com`).join(" ");
    const filed = await fileAssistedIdea(t.db, desk, ideaForm({ body: `Please look at these pages for the details: ${links}` }));
    expect(filed.ok).toBe(true);
    if (filed.ok) expect((await idea(filed.ideaId)).status).toBe("pending");
  });

  it("refuses bad input next to the field and writes nothing", async () => {
    const desk = await person([{ role: "moderator" }]);
    const before = await t.db.selectFrom("ideas").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const filed = await fileAssistedIdea(t.db, desk, ideaForm({ channel: "web", consentRef: "" }));
    expect(filed.ok).toBe(false);
    if (!filed.ok) {
      expect(filed.status).toBe(400);
      expect(Object.keys(filed.errors).sort()).toEqual(["channel", "consentRef"]);
    }
    const after = await t.db.selectFrom("ideas").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("is refused to citizens, committee members and visitors", async () => {
    for (const actor of [await person(), await person([{ role: "committee_member", committee: "economy" }])]) {
      const result = await fileAssistedIdea(t.db, actor, ideaForm());
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.status).toBe(403);
    }
    const visitor = await fileAssistedIdea(t.db, null, ideaForm());
    expect(!visitor.ok && visitor.status).toBe(401);
  });
});

describe("claim codes", () => {
  it("link the idea to the person who claims it, once", async () => {
    const desk = await person([{ role: "moderator" }]);
    const filed = await fileAssistedIdea(t.db, desk, ideaForm());
    if (!filed.ok) throw new Error("filing failed");
    const citizen = await person();
    // Typed by hand: lower case, spaces instead of dashes.
    const claimed = await claimIdea(t.db, citizen, { code: filed.code.toLowerCase().replace(/-/g, " ") });
    expect(claimed).toMatchObject({ ok: true, ideaId: filed.ideaId });
    const row = await idea(filed.ideaId);
    expect(row.author_id).toBe(citizen.id);
    expect(row.entered_by).toBe(desk.id);
    expect(row.claimed_at).not.toBeNull();
    const again = await claimIdea(t.db, await person(), { code: filed.code });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.errors.code[0].key).toBe("assisted.errors.claimUsed");
    expect((await idea(filed.ideaId)).author_id).toBe(citizen.id);
  });

  it("expire after the configured days", async () => {
    const desk = await person([{ role: "moderator" }]);
    const now = new Date();
    const filed = await fileAssistedIdea(t.db, desk, ideaForm(), now);
    if (!filed.ok) throw new Error("filing failed");
    // The default is 90 days.
    const late = await claimIdea(t.db, await person(), { code: filed.code }, new Date(now.getTime() + 91 * DAY));
    expect(!late.ok && late.errors.code[0].key).toBe("assisted.errors.claimExpired");
    const inTime = await claimIdea(t.db, await person(), { code: filed.code }, new Date(now.getTime() + 89 * DAY));
    expect(inTime.ok).toBe(true);
  });

  it("a new code replaces a lost one; a wrong code is refused; a claim needs a verified account", async () => {
    const desk = await person([{ role: "moderator" }]);
    const filed = await fileAssistedIdea(t.db, desk, ideaForm());
    if (!filed.ok) throw new Error("filing failed");
    const second = await reissueClaimCode(t.db, desk, filed.ideaId);
    if (!second.ok) throw new Error("reissue failed");
    const old = await claimIdea(t.db, await person(), { code: filed.code });
    expect(old.ok).toBe(false);
    const wrong = await claimIdea(t.db, await person(), { code: "2222-3333-4444" });
    expect(!wrong.ok && wrong.errors.code[0].key).toBe("assisted.errors.claimInvalid");
    const unverified = await claimIdea(t.db, await person([], false), { code: second.code });
    expect(!unverified.ok && unverified.status).toBe(403);
    const citizen = await person();
    expect((await claimIdea(t.db, citizen, { code: second.code })).ok).toBe(true);
    // Claimed: no new code can be given for it.
    const late = await reissueClaimCode(t.db, desk, filed.ideaId);
    expect(!late.ok && late.status).toBe(409);
    // Nor for an idea submitted online.
    const online = await createIdea(t.db, { author: await createUser(t.db) });
    expect((await reissueClaimCode(t.db, desk, online)).ok).toBe(false);
  });
});

describe("guessing claim codes", () => {
  it("is limited to 10 tries an hour per account, from any address; the right code is refused past it too", async () => {
    const desk = await person([{ role: "moderator" }]);
    const filed = await fileAssistedIdea(t.db, desk, ideaForm());
    if (!filed.ok) throw new Error("filing failed");
    const guesser = await person();
    const attempt = (code: string, n: number) =>
      call(claimRoute.action, { path: "/claim", form: { code }, context: contextFor(t.services, guesser, `10.9.${n}.1`) });
    for (let n = 0; n < 10; n++) {
      const answer = await attempt(`2222-3333-${String(n).padStart(4, "5")}`, n);
      expect(answer.status).toBe(400);
    }
    const limited = await attempt(filed.code, 11);
    expect(limited.status).toBe(429);
    expect((await idea(filed.ideaId)).author_id).toBe(desk.id);
    // Someone else, with the code: claimed.
    const owner = await person();
    const claimed = await call(claimRoute.action, { path: "/claim", form: { code: filed.code }, context: contextFor(t.services, owner, "10.9.99.1") });
    expect(claimed.status).toBe(302);
    expect(claimed.location).toBe(`/ideas/${filed.ideaId}?claimed=1`);
  });
});

function batch(extra: Record<string, string> = {}) {
  return { channel: "paper", eventId: "", signaturesClaimed: "40", signaturesVerified: "30", scanSha256: HASH, decision: "accepted", note: "", ...extra };
}

describe("paper batches", () => {
  it("count apart from online supports and, where the call does not count them, not toward the threshold", async () => {
    const desk = await person([{ role: "moderator" }]);
    const campaign = await createCampaign(t.db, { threshold: 5, paperSupports: "not_counted" });
    const ideaId = await createIdea(t.db, { author: await createUser(t.db), campaignId: campaign.id });
    const recorded = await recordPaperBatch(t.db, desk, ideaId, batch());
    expect(recorded.ok).toBe(true);
    const row = await idea(ideaId);
    expect(row).toMatchObject({ support_count: 1, paper_support_count: 30, paper_counted: 0, status: "open" });
    // Three more online supports (five in all would fast-track): still open at 4 online.
    for (let i = 0; i < 3; i++) await support(t.db, (await createUser(t.db)).id, ideaId);
    expect((await idea(ideaId)).status).toBe("open");
  });

  it("where the call counts them, reach the threshold and fast-track the idea; online counts stay exact", async () => {
    const desk = await person([{ role: "moderator" }]);
    const campaign = await createCampaign(t.db, { threshold: 10, paperSupports: "counted" });
    const ideaId = await createIdea(t.db, { author: await createUser(t.db), campaignId: campaign.id });
    await support(t.db, (await createUser(t.db)).id, ideaId);
    // 2 online + 6 paper = 8: below 10.
    expect((await recordPaperBatch(t.db, desk, ideaId, batch({ signaturesClaimed: "6", signaturesVerified: "6" }))).ok).toBe(true);
    expect(await idea(ideaId)).toMatchObject({ status: "open", support_count: 2, paper_counted: 6 });
    // A rejected batch counts nothing.
    await recordPaperBatch(t.db, desk, ideaId, batch({ signaturesClaimed: "50", signaturesVerified: "0", decision: "rejected" }));
    expect((await idea(ideaId)).paper_support_count).toBe(6);
    // The online support that makes 9 takes the fast path; the next one reaches 10 with paper.
    await support(t.db, (await createUser(t.db)).id, ideaId);
    expect((await idea(ideaId)).status).toBe("open");
    const reaching = await support(t.db, (await createUser(t.db)).id, ideaId);
    expect(reaching).toMatchObject({ supportCount: 4, reachedThreshold: true });
    expect(await idea(ideaId)).toMatchObject({ status: "fast_tracked", support_count: 4, paper_support_count: 6 });
  });

  it("a batch alone can reach the threshold where it counts", async () => {
    const desk = await person([{ role: "admin" }]);
    const campaign = await createCampaign(t.db, { threshold: 20, paperSupports: "counted" });
    const ideaId = await createIdea(t.db, { author: await createUser(t.db), campaignId: campaign.id });
    await recordPaperBatch(t.db, desk, ideaId, batch({ signaturesClaimed: "25", signaturesVerified: "19" }));
    expect((await idea(ideaId)).status).toBe("fast_tracked");
  });

  it("are corrected by a new version and voided with a reason, the history kept and shown", async () => {
    const desk = await person([{ role: "moderator" }]);
    const campaign = await createCampaign(t.db, { threshold: 100, paperSupports: "counted" });
    const ideaId = await createIdea(t.db, { author: await createUser(t.db), campaignId: campaign.id });
    const first = await recordPaperBatch(t.db, desk, ideaId, batch());
    if (!first.ok) throw new Error("batch failed");
    const noReason = await voidPaperBatch(t.db, desk, first.batchId, { reason: "" });
    expect(!noReason.ok && Object.keys(noReason.errors)).toEqual(["reason"]);
    const corrected = await correctPaperBatch(t.db, desk, first.batchId, { ...batch({ signaturesVerified: "25" }), reason: "Five signatures were on the sheet twice." });
    if (!corrected.ok) throw new Error("correction failed");
    expect(await idea(ideaId)).toMatchObject({ paper_support_count: 25, paper_counted: 25 });
    // The corrected one cannot be corrected or voided again.
    const stale = await voidPaperBatch(t.db, desk, first.batchId, { reason: "Trying to void the old version." });
    expect(!stale.ok && stale.status).toBe(409);
    const voided = await voidPaperBatch(t.db, desk, corrected.batchId, { reason: "The sheets were for another idea." });
    expect(voided).toMatchObject({ ok: true, paper: 0, counted: 0 });
    const record = await paperRecord(t.db, ideaId, null, "en");
    expect(record.batches.map((b) => [b.state, b.signatures_verified, b.closed_reason])).toEqual([
      ["corrected", 30, "Five signatures were on the sheet twice."],
      ["voided", 25, "The sheets were for another idea."],
    ]);
    expect(record.batches[1].replaces_id).toBe(first.batchId);
    const timeline = await t.db.selectFrom("idea_events").select(["kind", "note"]).where("idea_id", "=", ideaId).orderBy("id").execute();
    expect(timeline.map((e) => e.kind)).toEqual(["submitted", "paper_batch", "paper_corrected", "paper_voided"]);
    expect(timeline[3].note).toBe("The sheets were for another idea.");
  });

  it("refuse more verified than claimed, a bad hash, and anyone but desk staff", async () => {
    const desk = await person([{ role: "moderator" }]);
    const ideaId = await createIdea(t.db, { author: await createUser(t.db) });
    const over = await recordPaperBatch(t.db, desk, ideaId, batch({ signaturesVerified: "41" }));
    expect(!over.ok && Object.keys(over.errors)).toEqual(["signaturesVerified"]);
    const badHash = await recordPaperBatch(t.db, desk, ideaId, batch({ scanSha256: "not a hash" }));
    expect(!badHash.ok && Object.keys(badHash.errors)).toEqual(["scanSha256"]);
    for (const actor of [await person(), await person([{ role: "agency_officer", agency: "moef" }]), await person([{ role: "committee_chair", committee: "economy" }])]) {
      const refused = await recordPaperBatch(t.db, actor, ideaId, batch());
      expect(!refused.ok && refused.status).toBe(403);
    }
    expect((await idea(ideaId)).paper_support_count).toBe(0);
  });
});

describe("supports given in person", () => {
  it("count a person once per idea by their hashed identity, and can be voided with a reason", async () => {
    const desk = await person([{ role: "moderator" }]);
    const ideaId = await createIdea(t.db, { author: await createUser(t.db) });
    const someone = { name: "Kim Minji", birthDate: "1950-03-01", phone: "010-1234-5678", channel: "event", eventId: "", consentRef: "BOOTH-7" };
    const first = await recordInPersonSupport(t.db, desk, ideaId, someone);
    expect(first).toMatchObject({ ok: true, paper: 1 });
    // The same person, typed differently: still the same person.
    const twice = await recordInPersonSupport(t.db, desk, ideaId, { ...someone, name: "kim  minji", phone: "01012345678" });
    expect(!twice.ok && twice.errors.name[0].key).toBe("assisted.errors.alreadyCounted");
    const stored = await t.db.selectFrom("in_person_supports").selectAll().where("idea_id", "=", ideaId).execute();
    expect(JSON.stringify(stored)).not.toMatch(/Minji|1950|5678/i);
    if (!first.ok) return;
    expect((await voidInPersonSupport(t.db, desk, first.supportId, { reason: "Recorded on the wrong idea." })).ok).toBe(true);
    expect((await idea(ideaId)).paper_support_count).toBe(0);
    const record = await paperRecord(t.db, ideaId, null, "en");
    expect(record.identified).toBe(0);
    expect(record.inPerson[0].consent_ref).toBeNull();
    // Voided, the person may be recorded again.
    expect((await recordInPersonSupport(t.db, desk, ideaId, someone)).ok).toBe(true);
    const citizen = await person();
    const refused = await recordInPersonSupport(t.db, citizen, ideaId, { ...someone, name: "Another Person" });
    expect(!refused.ok && refused.status).toBe(403);
  });
});
