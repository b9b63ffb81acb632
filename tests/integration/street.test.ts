// Issue 18's remaining parts (decision 058): an event's organiser works the desk for their own
// events only; the event page totals the paper signatures gathered there; a person who supported
// in person and later has an account verified in person is linked to it and never counted twice;
// the batch form uploads the scanned sheets, stored by their SHA-256 outside the database.
import { createHash, randomBytes, scrypt } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/domain/accounts/permissions";
import { fileAssistedIdea } from "../../app/domain/assisted/assisted.server";
import { verifyAndLinkInPerson } from "../../app/domain/assisted/links.server";
import { correctPaperBatch, LEGACY_IDEAS_MAX, recordInPersonSupport, recordPaperBatch, voidPaperBatch } from "../../app/domain/assisted/paper.server";
import { createEvent } from "../../app/domain/events/events.server";
import { supportIdea } from "../../app/domain/ideas/supports.server";
import { action as deskIdeaAction } from "../../app/routes/desk.ideas.$id";
import { loader as eventPage } from "../../app/routes/events.$id._index";
import { createCampaign, createIdea } from "../../db/factories";
import { migrations } from "../../db/migrations/index";
import { openTestDatabase, type TestDatabase } from "./db";
import { actorFor, call, contextFor, liftDailyLimits } from "./harness";

let t: TestDatabase;
let desk: Actor;
let verifier: Actor;
let operatorOrganiser: Actor;
let economyOrganiser: Actor;
let author: Actor;
let economy = 0;
let ownEvent = 0;
let otherEvent = 0;
const DAY = 86_400_000;
const HASH = "c".repeat(64);

function seoul(days: number, hm: string) {
  return `${new Date(Date.now() + days * DAY + 9 * 3_600_000).toISOString().slice(0, 10)}T${hm}`;
}

async function event(by: Actor, organiser: string, title: string) {
  const created = await createEvent(
    t.db,
    by,
    { organiser, kind: "booth", titleKo: `${title} (ko)`, titleEn: title, startsAt: seoul(-2, "10:00"), endsAt: seoul(-2, "18:00"), place: "Gwanghwamun Square" },
    new Date(Date.now() - 30 * DAY),
  );
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  return created.eventId;
}

/** An idea open for supports, by an author past the first hour's screening. */
const openIdea = () => createIdea(t.db, { author: { id: author.id } });

const batchForm = (extra: Record<string, string> = {}) => ({ channel: "event", eventId: String(ownEvent), signaturesClaimed: "20", signaturesVerified: "18", scanSha256: HASH, decision: "accepted", note: "", ...extra });
const person = { name: "Kim Okja", birthDate: "1941-05-06", phone: "010-1234-5678" };
let people = 0;
/** Another person each time (the same details would match their supports of other ideas too). */
const someone = () => ({ name: `Park Malsun ${++people}`, birthDate: "1939-11-02", phone: `010-7000-${String(1000 + people)}` });

beforeAll(async () => {
  t = await openTestDatabase();
  await liftDailyLimits(t.db);
  economy = (await t.db.selectFrom("committees").select("id").where("slug", "=", "economy").executeTakeFirstOrThrow()).id;
  desk = await actorFor(t.db, { roles: [{ role: "moderator" }] });
  verifier = await actorFor(t.db, { roles: [{ role: "identity_verifier" }] });
  operatorOrganiser = await actorFor(t.db, { roles: [{ role: "event_organiser" }] });
  economyOrganiser = await actorFor(t.db, { roles: [{ role: "event_organiser", committee: "economy" }] });
  author = await actorFor(t.db);
  // Past the first hour's screening: the author's ideas open at once.
  await sql`UPDATE users SET created_at = now() - interval '30 days' WHERE id = ${author.id}`.execute(t.db);
  ownEvent = await event(operatorOrganiser, "operator", "Operator's booth");
  otherEvent = await event(economyOrganiser, `committee:${economy}`, "Economy committee's forum");
}, 180_000);
afterAll(() => t?.close());

describe("an event's organiser at the desk", () => {
  it("files an idea and records a batch for their own event, with an audit row each", async () => {
    const filed = await fileAssistedIdea(t.db, operatorOrganiser, {
      title: "Benches along the bus route to the market",
      body: "Older people walk from the bus to the market with heavy bags; a few benches would help.",
      categoryId: String((await t.db.selectFrom("categories").select("id").where("slug", "=", "economy").executeTakeFirstOrThrow()).id),
      regionId: "",
      campaignId: "",
      channel: "event",
      consentRef: "BOOTH-OP-1",
      eventId: String(ownEvent),
    });
    expect(filed.ok).toBe(true);
    const ideaId = await openIdea();
    const batch = await recordPaperBatch(t.db, operatorOrganiser, ideaId, batchForm());
    expect(batch.ok).toBe(true);
    const audit = await t.db.selectFrom("audit_log").select("action").where("actor_id", "=", operatorOrganiser.id).orderBy("id").execute();
    expect(audit.map((a) => a.action)).toEqual(["events.create", "assisted.fileIdea", "assisted.recordBatch"]);
  });

  it("is refused for another organiser's event, or none, next to the event field; and for corrections and in-person supports", async () => {
    const ideaId = await openIdea();
    for (const eventId of [String(otherEvent), ""]) {
      const result = await recordPaperBatch(t.db, operatorOrganiser, ideaId, batchForm({ eventId, channel: eventId ? "event" : "paper" }));
      expect(result).toMatchObject({ ok: false, status: 403 });
      if (!result.ok) expect(result.errors.eventId?.[0]?.key).toBe("assisted.errors.notYourEvent");
    }
    const other = await fileAssistedIdea(t.db, economyOrganiser, { title: "x", body: "y", channel: "event", consentRef: "C", eventId: String(ownEvent) });
    // The form's own errors come first (400); with a valid form, the event is refused (403).
    expect(other.ok).toBe(false);
    const valid = await fileAssistedIdea(t.db, economyOrganiser, {
      title: "Shade sails over the square's benches",
      body: "In summer nobody can sit on the square's benches at noon; shade sails would fix that cheaply.",
      categoryId: String((await t.db.selectFrom("categories").select("id").where("slug", "=", "economy").executeTakeFirstOrThrow()).id),
      channel: "event",
      consentRef: "FORUM-EC-1",
      eventId: String(ownEvent),
    });
    expect(valid).toMatchObject({ ok: false, status: 403 });

    const own = await recordPaperBatch(t.db, desk, ideaId, batchForm());
    if (!own.ok) throw new Error(JSON.stringify(own.errors));
    expect(await correctPaperBatch(t.db, operatorOrganiser, own.batchId, { ...batchForm({ signaturesVerified: "10" }), reason: "Recounted the sheets twice." })).toMatchObject({ ok: false, status: 403 });
    expect(await voidPaperBatch(t.db, operatorOrganiser, own.batchId, { reason: "Wrong idea entirely, sorry." })).toMatchObject({ ok: false, status: 403 });
    expect(await recordInPersonSupport(t.db, operatorOrganiser, ideaId, { ...person, channel: "event", eventId: String(ownEvent), consentRef: "C-1" })).toMatchObject({ ok: false, status: 403 });
    // A citizen is not an organiser.
    expect(await recordPaperBatch(t.db, author, ideaId, batchForm())).toMatchObject({ ok: false, status: 403 });
  });
});

describe("the event page's paper totals", () => {
  it("adds the batches that stand: corrected versions and voided batches left out, rejected ones claimed but not verified", async () => {
    const booth = await event(operatorOrganiser, "operator", "Totals booth");
    const [a, b] = [await openIdea(), await openIdea()];
    const form = (extra: Record<string, string>) => batchForm({ eventId: String(booth), ...extra });
    const first = await recordPaperBatch(t.db, desk, a, form({ signaturesClaimed: "30", signaturesVerified: "25" }));
    if (!first.ok) throw new Error(JSON.stringify(first.errors));
    // Corrected: 30/25 becomes 30/22.
    expect((await correctPaperBatch(t.db, desk, first.batchId, { ...form({ signaturesClaimed: "30", signaturesVerified: "22" }), reason: "Three signatures were duplicates." })).ok).toBe(true);
    expect((await recordPaperBatch(t.db, desk, b, form({ signaturesClaimed: "7", signaturesVerified: "0", decision: "rejected" }))).ok).toBe(true);
    const voided = await recordPaperBatch(t.db, desk, b, form({ signaturesClaimed: "100", signaturesVerified: "100" }));
    if (!voided.ok) throw new Error("batch");
    expect((await voidPaperBatch(t.db, desk, voided.batchId, { reason: "Sheets of another event." })).ok).toBe(true);
    // Elsewhere: not this event's.
    expect((await recordPaperBatch(t.db, desk, a, batchForm({ signaturesClaimed: "5", signaturesVerified: "5" }))).ok).toBe(true);
    expect((await recordInPersonSupport(t.db, desk, b, { ...person, channel: "event", eventId: String(booth), consentRef: "C-2" })).ok).toBe(true);

    const page = await call(eventPage, { path: `/events/${booth}`, params: { id: String(booth) }, context: contextFor(t.services, null) });
    expect(page.status).toBe(200);
    expect((page.data as { paper: unknown }).paper).toEqual({ batches: 2, claimed: 37, verified: 22, inPerson: 1 });
  });
});

async function supportedInPerson(ideaId: number, who: typeof person) {
  const recorded = await recordInPersonSupport(t.db, desk, ideaId, { ...who, channel: "event", eventId: String(ownEvent), consentRef: `C-${ideaId}` });
  if (!recorded.ok) throw new Error(JSON.stringify(recorded.errors));
}
// The author's own support is the idea's first (online) one.
const counts = async (ideaId: number) => {
  const row = await t.db.selectFrom("ideas").select(["support_count", "paper_support_count"]).where("id", "=", ideaId).executeTakeFirstOrThrow();
  return { online: row.support_count - 1, paper: row.paper_support_count };
};
const verify = (citizen: Actor, details: Record<string, string>) =>
  verifyAndLinkInPerson(t.db, verifier, { email: citizen.email, place: "Jongno-gu office desk", checked: "on", ...details });

describe("a person who supported in person, matched to their account", () => {
  it("links the support at verification; an online support of the same idea is then refused, and counts stay one", async () => {
    const ideaId = await openIdea();
    const who = someone();
    await supportedInPerson(ideaId, who);
    const citizen = await actorFor(t.db);
    // The same person typed with other spacing and letter case, and the phone without dashes.
    const linked = await verify(citizen, { name: ` ${who.name.toUpperCase().replace(" ", "  ")}`, birthDate: who.birthDate, phone: who.phone.replace(/-/g, "") });
    expect(linked).toMatchObject({ ok: true, linked: 1, merged: 0 });
    expect(await counts(ideaId)).toEqual({ online: 0, paper: 1 });
    const online = await supportIdea(t.db, citizen, ideaId);
    expect(online).toMatchObject({ ok: false, status: 409 });
    if (!online.ok) expect(Object.values(online.errors).flat()[0]?.key).toBe("ideas.errors.supportedInPerson");
    expect(await counts(ideaId)).toEqual({ online: 0, paper: 1 });
    const audit = await t.db.selectFrom("audit_log").select(["action", "details"]).where("actor_id", "=", verifier.id).orderBy("id", "desc").limit(2).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["assisted.linkInPerson", "identity.verify_in_person"]);
  });

  it("merges the in-person support when the account supported online first: the online one stands", async () => {
    const ideaId = await openIdea();
    const who = someone();
    await supportedInPerson(ideaId, who);
    const citizen = await actorFor(t.db);
    expect((await supportIdea(t.db, citizen, ideaId)).ok).toBe(true);
    expect(await counts(ideaId)).toEqual({ online: 1, paper: 1 });
    expect(await verify(citizen, who)).toMatchObject({ ok: true, linked: 0, merged: 1 });
    expect(await counts(ideaId)).toEqual({ online: 1, paper: 0 });
  });

  it("links nothing for other details, or without details; a half-typed person is refused next to the fields", async () => {
    const ideaId = await openIdea();
    const who = someone();
    await supportedInPerson(ideaId, who);
    const citizen = await actorFor(t.db);
    expect(await verify(citizen, { ...who, birthDate: "1939-11-03" })).toMatchObject({ ok: true, linked: 0, merged: 0 });
    expect(await verify(citizen, {})).toMatchObject({ ok: true, linked: 0, merged: 0 });
    const half = await verify(citizen, { name: who.name });
    expect(half).toMatchObject({ ok: false, status: 400 });
    if (!half.ok) expect(Object.keys(half.errors).sort()).toEqual(["birthDate", "phone"]);
  });

  it("never counts one person twice when the link and an online support race", async () => {
    for (let round = 0; round < 6; round++) {
      const ideaId = await openIdea();
      const who = someone();
      await supportedInPerson(ideaId, who);
      const citizen = await actorFor(t.db);
      const [link, online] = await Promise.all([verify(citizen, who), supportIdea(t.db, citizen, ideaId)]);
      expect(link.ok, JSON.stringify(link)).toBe(true);
      const onlineRows = await t.db.selectFrom("supports").select("user_id").where("idea_id", "=", ideaId).where("user_id", "=", citizen.id).execute();
      const inPerson = await t.db.selectFrom("in_person_supports").select(["user_id", "voided_at"]).where("idea_id", "=", ideaId).execute();
      const counted = onlineRows.length + inPerson.filter((r) => r.voided_at === null).length;
      expect(counted, `round ${round}: ${JSON.stringify({ link, online })}`).toBe(1);
      // Either the online support won (and the in-person one merged) or it was refused.
      expect(online.ok).toBe(onlineRows.length === 1);
      expect(await counts(ideaId)).toEqual({ online: onlineRows.length, paper: 1 - onlineRows.length });
    }
  });
});

describe("matching by one digest per person, on every idea (decision 063)", () => {
  const digestOf = async (ideaId: number) =>
    (await t.db.selectFrom("in_person_supports").select(["id", "identity_hash", "person_digest", "user_id", "voided_at"]).where("idea_id", "=", ideaId).orderBy("id").execute());
  const statusOf = async (ideaId: number) => (await t.db.selectFrom("ideas").select("status").where("id", "=", ideaId).executeTakeFirstOrThrow()).status;

  it("links on an idea past collecting too: a double count there is merged away, the other person linked, and the status stays", async () => {
    // A call whose threshold is three online supports (paper not counted): the author's and two more.
    const call = await createCampaign(t.db, { threshold: 3 });
    const ideaId = await createIdea(t.db, { author: { id: author.id }, campaignId: call.id });
    const [p, q] = [someone(), someone()];
    await supportedInPerson(ideaId, p);
    await supportedInPerson(ideaId, q);
    const [pAccount, qAccount] = [await actorFor(t.db), await actorFor(t.db)];
    // p also supports online, before anyone links them; a third support fast-tracks the idea.
    expect((await supportIdea(t.db, pAccount, ideaId)).ok).toBe(true);
    expect((await supportIdea(t.db, await actorFor(t.db), ideaId)).ok).toBe(true);
    expect(await statusOf(ideaId)).toBe("fast_tracked");
    expect(await counts(ideaId)).toEqual({ online: 2, paper: 2 });

    expect(await verify(pAccount, p)).toMatchObject({ ok: true, linked: 0, merged: 1 });
    expect(await verify(qAccount, q)).toMatchObject({ ok: true, linked: 1, merged: 0 });
    // p counts once (online), q once (in person, now tied to their account): three people online, one on paper.
    expect(await counts(ideaId)).toEqual({ online: 2, paper: 1 });
    expect(await statusOf(ideaId)).toBe("fast_tracked");
    const rows = await digestOf(ideaId);
    expect(rows.map((r) => ({ user: r.user_id, counted: r.voided_at === null }))).toEqual([
      { user: pAccount.id, counted: false },
      { user: qAccount.id, counted: true },
    ]);
    // Verifying again finds nothing left to link.
    expect(await verify(qAccount, q)).toMatchObject({ ok: true, linked: 0, merged: 0 });
  });

  it("stores one keyed digest per person, the same on every idea, and nothing typed; the same person again on an idea is refused", async () => {
    const [a, b] = [await openIdea(), await openIdea()];
    const who = someone();
    const other = someone();
    await supportedInPerson(a, who);
    await supportedInPerson(b, who);
    await supportedInPerson(a, other);
    const [onA, otherOnA] = await digestOf(a);
    const [onB] = await digestOf(b);
    expect(onA.person_digest).toMatch(/^[0-9a-f]{64}$/);
    expect(onB.person_digest).toBe(onA.person_digest);
    expect(otherOnA.person_digest).not.toBe(onA.person_digest);
    // No per-idea scrypt any more, and none of the details as typed or normalised.
    expect([onA.identity_hash, onB.identity_hash, otherOnA.identity_hash]).toEqual([null, null, null]);
    const stored = JSON.stringify(await t.db.selectFrom("in_person_supports").selectAll().where("idea_id", "in", [a, b]).execute());
    for (const typed of [who.name, who.name.toLowerCase().replace(/\s+/g, ""), who.birthDate, who.phone.replace(/\D/g, "")]) expect(stored).not.toContain(typed);
    const again = await recordInPersonSupport(t.db, desk, a, { ...who, name: who.name.toUpperCase(), phone: who.phone.replace(/-/g, " "), channel: "phone", eventId: "", consentRef: "C-again" });
    expect(again).toMatchObject({ ok: false, status: 409 });
    if (!again.ok) expect(again.errors.name?.[0]?.key).toBe("assisted.errors.alreadyCounted");
    expect(await counts(a)).toEqual({ online: 0, paper: 2 });
  });

  it("records a person the desk already matched as theirs: refused where their account supports online, else linked at once", async () => {
    const [first, supportedOnline, fresh] = [await openIdea(), await openIdea(), await openIdea()];
    const who = someone();
    await supportedInPerson(first, who);
    const citizen = await actorFor(t.db);
    expect(await verify(citizen, who)).toMatchObject({ ok: true, linked: 1 });
    expect((await supportIdea(t.db, citizen, supportedOnline)).ok).toBe(true);
    // At a later booth: this person's online support of the idea already counts.
    const refused = await recordInPersonSupport(t.db, desk, supportedOnline, { ...who, channel: "event", eventId: String(ownEvent), consentRef: "C-later-1" });
    expect(refused).toMatchObject({ ok: false, status: 409 });
    if (!refused.ok) expect(refused.errors.name?.[0]?.key).toBe("assisted.errors.supportsOnline");
    expect(await counts(supportedOnline)).toEqual({ online: 1, paper: 0 });
    // Another idea: recorded, and tied to the account at once, so the account cannot add an online support there.
    await supportedInPerson(fresh, who);
    expect((await digestOf(fresh)).map((r) => r.user_id)).toEqual([citizen.id]);
    expect(await supportIdea(t.db, citizen, fresh)).toMatchObject({ ok: false, status: 409 });
    expect(await counts(fresh)).toEqual({ online: 0, paper: 1 });
  });

  /** A support recorded before decision 063: only the per-idea scrypt of the normalised details. */
  async function recordedBefore(ideaId: number, who: typeof person) {
    const details = `${who.name.normalize("NFC").toLowerCase().replace(/\s+/g, "")}|${who.birthDate}|${who.phone.replace(/\D/g, "")}`;
    const hash = ((await promisify(scrypt)(details, `madang-in-person:${ideaId}`, 32)) as Buffer).toString("hex");
    await t.db.insertInto("in_person_supports").values({ idea_id: ideaId, identity_hash: hash, person_digest: null, channel: "event", consent_ref: "OLD-1", recorded_by: desk.id }).execute();
    await t.db.updateTable("ideas").set((eb) => ({ paper_support_count: eb("paper_support_count", "+", 1) })).where("id", "=", ideaId).execute();
  }

  it("finds a support recorded before by its scrypt, gives it the digest, and refuses recording that person again there", async () => {
    const ideaId = await openIdea();
    const who = someone();
    await recordedBefore(ideaId, who);
    const again = await recordInPersonSupport(t.db, desk, ideaId, { ...who, channel: "event", eventId: String(ownEvent), consentRef: "C-old-again" });
    expect(again).toMatchObject({ ok: false, status: 409 });
    // Someone else is recorded as usual, beside the old row.
    await supportedInPerson(ideaId, someone());
    expect(await counts(ideaId)).toEqual({ online: 0, paper: 2 });

    const citizen = await actorFor(t.db);
    expect(await verify(citizen, who)).toMatchObject({ ok: true, linked: 1, merged: 0 });
    const elsewhere = await openIdea();
    await supportedInPerson(elsewhere, who);
    const [old] = await digestOf(ideaId);
    const [fresh] = await digestOf(elsewhere);
    expect(old).toMatchObject({ user_id: citizen.id, identity_hash: null, person_digest: fresh.person_digest });
    expect(await counts(ideaId)).toEqual({ online: 0, paper: 2 });
    expect(await supportIdea(t.db, citizen, ideaId)).toMatchObject({ ok: false, status: 409 });
  });

  it("searches at most LEGACY_IDEAS_MAX ideas with rows recorded before, and says so in the audit row when more were left", async () => {
    const who = someone();
    const oldest = await openIdea();
    await recordedBefore(oldest, who);
    const newer: number[] = [];
    for (let i = 0; i < LEGACY_IDEAS_MAX; i++) {
      const ideaId = await openIdea();
      newer.push(ideaId);
      await t.db.insertInto("in_person_supports").values({ idea_id: ideaId, identity_hash: randomBytes(32).toString("hex"), person_digest: null, channel: "paper", consent_ref: "OLD-2", recorded_by: desk.id }).execute();
    }
    const citizen = await actorFor(t.db);
    expect(await verify(citizen, who)).toMatchObject({ ok: true, linked: 0, legacyCapped: true });
    const audit = await t.db.selectFrom("audit_log").select("details").where("action", "=", "assisted.linkInPerson").orderBy("id", "desc").limit(1).executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ linked: 0, merged: 0, legacyCapped: true });
    // Once the others are settled (voided here), the next verification reaches it.
    await t.db.updateTable("in_person_supports").set({ voided_at: new Date(), voided_by: desk.id, void_reason: "Test rows." }).where("idea_id", "in", newer).execute();
    expect(await verify(citizen, who)).toMatchObject({ ok: true, linked: 1, legacyCapped: false });
  });

  it("the migration's down keeps each person counted once by the digest, and up puts it back", async () => {
    const migration = migrations["2026-12-07-020-in-person-digest"];
    const ideaId = await openIdea();
    const who = someone();
    await supportedInPerson(ideaId, who);
    const [before] = await digestOf(ideaId);
    await migration.down!(t.db);
    const { rows } = await sql<{ identity_hash: string }>`SELECT identity_hash FROM in_person_supports WHERE id = ${before.id}`.execute(t.db);
    expect(rows).toEqual([{ identity_hash: `hmac:${before.person_digest}` }]);
    await migration.up(t.db);
    const [after] = await digestOf(ideaId);
    expect(after).toEqual(before);
    expect(await recordInPersonSupport(t.db, desk, ideaId, { ...who, channel: "phone", eventId: "", consentRef: "C-after" })).toMatchObject({ ok: false, status: 409 });
  });
});

describe("the scanned sheets uploaded with a batch", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "madang-scans-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** Posts the batch form as a browser does (multipart), with a scan, to the desk's page of the idea. */
  async function post(ideaId: number, actor: Actor, file: Uint8Array | null, fields: Record<string, string>, maxBytes = 4096) {
    const form = new FormData();
    form.set("intent", "batch");
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    if (file) form.set("scan", new Blob([Buffer.from(file)], { type: "application/pdf" }), "sheets.pdf");
    const encoded = new Request("http://madang.test/", { method: "POST", body: form });
    const services = { ...t.services, config: { ...t.services.config, paperScansDir: dir, paperScanMaxBytes: maxBytes } };
    return call(deskIdeaAction, {
      path: `/desk/ideas/${ideaId}`,
      body: await encoded.arrayBuffer(),
      contentType: encoded.headers.get("content-type")!,
      params: { id: String(ideaId) },
      context: contextFor(services, actor),
    });
  }
  const pdf = (n: number) => new Uint8Array(Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(n, 0x41)]));

  it("stores the file under its SHA-256, computed by the server over a typed one, and records that hash", async () => {
    const ideaId = await openIdea();
    const file = pdf(2000);
    const sha = createHash("sha256").update(file).digest("hex");
    const answer = await post(ideaId, operatorOrganiser, file, batchForm({ scanSha256: "" }));
    expect(answer.status, answer.text).toBe(200);
    expect(await readdir(dir)).toContain(`${sha}.pdf`);
    expect(createHash("sha256").update(await readFile(path.join(dir, `${sha}.pdf`))).digest("hex")).toBe(sha);
    const typedWrong = await post(ideaId, desk, file, batchForm({ scanSha256: "d".repeat(64) }));
    expect(typedWrong.status).toBe(200);
    const rows = await t.db.selectFrom("paper_batches").select(["scan_sha256", "scan_file"]).where("idea_id", "=", ideaId).execute();
    expect(rows).toEqual([
      { scan_sha256: sha, scan_file: `${sha}.pdf` },
      { scan_sha256: sha, scan_file: `${sha}.pdf` },
    ]);
  });

  it("refuses a file too large or not a PDF or an image next to the field, keeps what was typed, and stores nothing", async () => {
    const ideaId = await openIdea();
    const before = await readdir(dir);
    const large = await post(ideaId, desk, pdf(5000), batchForm({ note: "Sheets from the morning" }));
    expect(large.status).toBe(400);
    const reply = large.data as { errors: Record<string, { key: string }[]>; values: Record<string, string> };
    expect(reply.errors.scanFile?.[0]?.key).toBe("assisted.errors.scanTooLarge");
    expect(reply.values.note).toBe("Sheets from the morning");
    const text = await post(ideaId, desk, new TextEncoder().encode("#!/bin/sh\necho not a scan\n"), batchForm());
    expect(text.status).toBe(400);
    expect((text.data as typeof reply).errors.scanFile?.[0]?.key).toBe("assisted.errors.scanType");
    expect(await readdir(dir)).toEqual(before);
    expect(await t.db.selectFrom("paper_batches").select("id").where("idea_id", "=", ideaId).execute()).toEqual([]);
  });
});
