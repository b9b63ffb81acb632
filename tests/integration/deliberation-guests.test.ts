// Guests in a deliberation (issue 14, decision 054): the chair invites the idea's author and an
// officer of an agency to post in the idea's deliberation thread, only there and only until the
// recommendation; the invited people are told (in the app and by e-mail, with the thread's
// address); guests' posts are labelled and counted neither in the stance tally nor in the vote.
// And the agency's officers get the frozen digest with the forwarded idea, in their language.
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/domain/accounts/permissions";
import { grantsOf } from "../../app/domain/accounts/roles.server";
import { saveDigest } from "../../app/domain/committees/digest.server";
import { castVote, openVote } from "../../app/domain/committees/votes.server";
import { createPost, editPost, stanceTally, stanceTallyStatement } from "../../app/domain/deliberation/deliberation.server";
import { activeGuests, inviteGuest, likelyAgency, withdrawGuest } from "../../app/domain/deliberation/guests.server";
import { threadPage } from "../../app/domain/deliberation/queries.server";
import { personalData } from "../../app/domain/privacy/export.server";
import { DIGEST_WAIT_MS, sendDigests } from "../../app/domain/notifications/digest.server";
import { notificationCentre } from "../../app/domain/notifications/queries.server";
import { recordRecommendation, takeUp } from "../../app/domain/workflow/workflow.server";
import { citizenActor, createCampaign, createIdea, createUser, holdCommitteeVote, support, writeDigest, type RoleSpec } from "../../db/factories";
import { statementCounter } from "../fixtures/statements";
import { openTestDatabase, type TestDatabase } from "./db";
import { toKoreaTimeInput } from "../../app/utils/korea-time";

let t: TestDatabase;
const agencies = { moef: 0, mohw: 0 };
beforeAll(async () => {
  t = await openTestDatabase();
  for (const slug of ["moef", "mohw"] as const) {
    agencies[slug] = (await t.db.selectFrom("agencies").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
  }
});
afterAll(() => t?.close());

async function person(roles: RoleSpec[] = [], spec: { name?: string; locale?: "ko" | "en" } = {}): Promise<Actor & { email: string }> {
  const user = await createUser(t.db, { roles, displayName: spec.name, locale: spec.locale });
  return { ...citizenActor(user.id), email: user.email, displayName: user.display_name, grants: await grantsOf(t.db, user.id) };
}

const RATIONALE = "The committee finds broad support and a clear public benefit.";

/** A committee of its own with a chair and two members, and an idea of it in deliberation. */
async function deliberation() {
  const slug = `g-${randomUUID().slice(0, 8)}`;
  await t.db.insertInto("committees").values({ slug, name_ko: `위원회 ${slug}`, name_en: `Committee ${slug}` }).execute();
  const chair = await person([{ role: "committee_chair", committee: slug }]);
  const member = await person([{ role: "committee_member", committee: slug }]);
  const member2 = await person([{ role: "committee_member", committee: slug }]);
  const author = await person([], { name: `Author ${slug}` });
  const officer = await person([{ role: "agency_officer", agency: "moef" }], { name: `Officer ${slug}`, locale: "en" });
  const campaign = await createCampaign(t.db, { threshold: 1, committee: slug });
  const ideaId = await createIdea(t.db, { author, campaignId: campaign.id, title: `Shade at bus stops ${slug}` });
  await support(t.db, (await createUser(t.db)).id, ideaId);
  expect((await takeUp(t.db, chair, ideaId, {})).ok).toBe(true);
  const thread = await t.db.selectFrom("threads").select("id").where("idea_id", "=", ideaId).where("kind", "=", "committee").executeTakeFirstOrThrow();
  return { slug, chair, member, member2, author, officer, ideaId, threadId: thread.id, campaignId: campaign.id };
}

const inviteAuthor = (d: Awaited<ReturnType<typeof deliberation>>, who: Actor = d.chair) => inviteGuest(t.db, who, d.threadId, { kind: "author" });
const inviteOfficer = (d: Awaited<ReturnType<typeof deliberation>>, officer: Actor = d.officer, agency = agencies.moef) =>
  inviteGuest(t.db, d.chair, d.threadId, { kind: "officer", agencyId: String(agency), officerId: String(officer.id) });

describe("inviting guests", () => {
  it("the chair invites the author and an officer; each is notified with the thread's address; one audit row each", async () => {
    const d = await deliberation();
    expect(await inviteAuthor(d)).toMatchObject({ ok: true, userId: d.author.id, kind: "author" });
    expect(await inviteOfficer(d)).toMatchObject({ ok: true, userId: d.officer.id, kind: "officer" });
    const guests = await activeGuests(t.db, d.ideaId);
    expect(guests.map((g) => [g.user_id, g.kind])).toEqual([
      [d.author.id, "author"],
      [d.officer.id, "officer"],
    ]);
    const notes = await t.db.selectFrom("notifications").select(["user_id", "kind", "payload"]).where("kind", "=", "guest_invited").where("idea_id", "=", d.ideaId).orderBy("id").execute();
    expect(notes.map((n) => [n.user_id, (n.payload as { threadId: number }).threadId])).toEqual([
      [d.author.id, d.threadId],
      [d.officer.id, d.threadId],
    ]);
    const audit = await t.db.selectFrom("audit_log").select(["actor_id", "action"]).where("action", "=", "deliberation.guest.invite").where("target_id", "=", String(d.ideaId)).execute();
    expect(audit).toEqual([
      { actor_id: d.chair.id, action: "deliberation.guest.invite" },
      { actor_id: d.chair.id, action: "deliberation.guest.invite" },
    ]);

    // The e-mail goes through the outbox, and leads to the thread.
    await sendDigests(t.db, "https://madang.example", new Date(Date.now() + DIGEST_WAIT_MS + 60_000));
    const mail = await t.db.selectFrom("email_outbox").select(["subject", "text_body"]).where("to_address", "=", d.officer.email).executeTakeFirstOrThrow();
    expect(mail.text_body).toContain(`https://madang.example/threads/${d.threadId}`);
    expect(mail.text_body).toContain("invites you to post as a guest");
  });

  it("a member, another committee's chair, the author and the officer may not invite; an invitation twice is refused; a committee member is not a guest", async () => {
    const d = await deliberation();
    const otherChair = await person([{ role: "committee_chair", committee: "economy" }]);
    for (const who of [d.member, otherChair, d.author, d.officer]) {
      expect(await inviteAuthor(d, who)).toMatchObject({ ok: false, status: 403 });
    }
    expect(await inviteAuthor(d)).toMatchObject({ ok: true });
    expect(await inviteAuthor(d)).toMatchObject({ ok: false, status: 409, errors: { _form: [{ key: "guests.errors.already" }] } });
    // An officer of another agency is not one of this agency's officers.
    expect(await inviteOfficer(d, d.officer, agencies.mohw)).toMatchObject({ ok: false, status: 400, errors: { officerId: [{ key: "guests.errors.officer" }] } });
    expect(await inviteGuest(t.db, d.chair, d.threadId, { kind: "officer" })).toMatchObject({
      ok: false,
      status: 400,
      errors: { agencyId: [{ key: "guests.errors.agency" }], officerId: [{ key: "guests.errors.officer" }] },
    });
    const memberOfficer = await person([{ role: "agency_officer", agency: "moef" }, { role: "committee_member", committee: d.slug }]);
    expect(await inviteOfficer(d, memberOfficer)).toMatchObject({ ok: false, status: 409, errors: { officerId: [{ key: "guests.errors.member" }] } });
    expect(await activeGuests(t.db, d.ideaId)).toHaveLength(1);
  });

  it("the database keeps one active invitation per (idea, person)", async () => {
    const d = await deliberation();
    expect(await inviteAuthor(d)).toMatchObject({ ok: true });
    const row = { idea_id: d.ideaId, committee_id: (await t.db.selectFrom("ideas").select("committee_id").where("id", "=", d.ideaId).executeTakeFirstOrThrow()).committee_id!, user_id: d.author.id, kind: "author" as const, invited_by: d.chair.id, invited_at: new Date() };
    await expect(t.db.insertInto("deliberation_guests").values(row).execute()).rejects.toThrow(/deliberation_guests_one_active|duplicate key/);
    // An officer's invitation names its agency; the author's names none.
    await expect(t.db.insertInto("deliberation_guests").values({ ...row, user_id: d.officer.id, kind: "officer" }).execute()).rejects.toThrow(/deliberation_guests_officer_agency|check constraint/);
  });

  it("no invitation once the idea has left deliberation", async () => {
    const d = await deliberation();
    await holdCommitteeVote(t.db, d.ideaId);
    await writeDigest(t.db, d.ideaId);
    expect((await recordRecommendation(t.db, d.chair, d.ideaId, { decision: "forward", agencyId: String(agencies.moef), rationale: RATIONALE })).ok).toBe(true);
    expect(await inviteAuthor(d)).toMatchObject({ ok: false, status: 409, errors: { _form: [{ key: "guests.errors.notInDeliberation" }] } });
  });
});

describe("guests' posts", () => {
  it("a guest posts in the idea's thread: labelled as a guest's, and not counted in the stance tally", async () => {
    const d = await deliberation();
    expect((await createPost(t.db, d.member, d.threadId, { body: "I am for forwarding it.", stance: "for" })).ok).toBe(true);
    // Before the invitation: refused.
    expect(await createPost(t.db, d.author, d.threadId, { body: "Thank you for taking it up.", stance: "for" })).toMatchObject({ ok: false, status: 403 });
    await inviteAuthor(d);
    await inviteOfficer(d);
    const byAuthor = await createPost(t.db, d.author, d.threadId, { body: "The hottest stops are near the market.", stance: "for" });
    const byOfficer = await createPost(t.db, d.officer, d.threadId, { body: "The ministry has heat figures by district.", stance: "against" });
    expect(byAuthor.ok && byOfficer.ok).toBe(true);
    // Only the member's post counts: one "for"; the guests' for and against do not.
    expect(await stanceTally(t.db, d.threadId)).toEqual({ for: 1, against: 0, neutral: 0 });
    const page = await threadPage(t.db, d.threadId, null, { cursor: null });
    const guestOf = (id: number) => page!.posts.find((n) => n.post.id === id)!.post.guest;
    expect(guestOf(byAuthor.ok ? byAuthor.postId : 0)).toEqual({ kind: "author", agency_ko: null, agency_en: null });
    expect(guestOf(byOfficer.ok ? byOfficer.postId : 0)).toMatchObject({ kind: "officer", agency_en: "Ministry of Economy and Finance" });
    expect(page!.guests!.list.map((g) => g.user_id)).toEqual([d.author.id, d.officer.id]);
    // The author's own data export says the post was written as a guest.
    const mine = await personalData(t.db, d.author.id);
    expect(mine.posts.map((p) => [p.id, p.asGuest])).toEqual([[byAuthor.ok ? byAuthor.postId : 0, "author"]]);
    // The guest edits their own post within the window, like anyone.
    expect(await editPost(t.db, d.author, byAuthor.ok ? byAuthor.postId : 0, { body: "The hottest stops are near the old market.", stance: "neutral" })).toMatchObject({ ok: true });
  });

  it("a long thread's tally, guests left out, reads only the tally's index (issue 19)", async () => {
    const d = await deliberation();
    await inviteAuthor(d);
    const guest = await t.db.selectFrom("deliberation_guests").select("id").where("idea_id", "=", d.ideaId).where("user_id", "=", d.author.id).executeTakeFirstOrThrow();
    // 3,000 posts: the chair's last one against, each member's last for; 600 by the guest, for.
    await sql`INSERT INTO posts (thread_id, depth, author_id, guest_id, body, body_html, stance)
      SELECT ${d.threadId}, 0, CASE WHEN i % 5 = 0 THEN ${d.author.id}::bigint WHEN i % 5 IN (1, 2) THEN ${d.chair.id}::bigint WHEN i % 5 = 3 THEN ${d.member.id}::bigint ELSE ${d.member2.id}::bigint END,
        CASE WHEN i % 5 = 0 THEN ${guest.id}::bigint END, 'post ' || i, '<p>post ' || i || '</p>', CASE WHEN i % 5 IN (0, 3, 4) THEN 'for' WHEN i % 5 = 2 THEN 'against' ELSE 'neutral' END
      FROM generate_series(1, 3000) AS i`.execute(t.db);
    await sql`VACUUM ANALYZE posts`.execute(t.db);
    expect(await stanceTally(t.db, d.threadId)).toEqual({ for: 2, against: 1, neutral: 0 });
    const plan = (await sql<{ "QUERY PLAN": string }>`EXPLAIN ${stanceTallyStatement(d.threadId)}`.execute(t.db)).rows.map((r) => r["QUERY PLAN"]).join("\n");
    expect(plan).toMatch(/Index Only Scan using posts_tally/);
    // Before (the guests out by a filter): a bitmap heap scan of every post, then a sort by author.
    expect(plan).not.toMatch(/Heap Scan|Sort Key: [^\n]*author_id/);
  });

  it("a guest may not vote: the vote is the committee's", async () => {
    const d = await deliberation();
    await inviteAuthor(d);
    expect((await openVote(t.db, d.chair, d.ideaId, { closesAt: toKoreaTimeInput(new Date(Date.now() + 86_400_000)) })).ok).toBe(true);
    expect(await castVote(t.db, d.author, d.ideaId, { choice: "for", reason: "It is my own idea and I believe in it." })).toMatchObject({ ok: false, status: 403 });
    expect(await t.db.selectFrom("committee_votes").select("id").where("idea_id", "=", d.ideaId).execute()).toEqual([]);
  });

  it("a guest may not post in another idea's thread, nor in the committee's other threads", async () => {
    const d = await deliberation();
    const e = await deliberation();
    await inviteAuthor(d);
    expect(await createPost(t.db, d.author, e.threadId, { body: "Posting where I was not invited.", stance: "for" })).toMatchObject({ ok: false, status: 403 });
    const general = await t.db
      .insertInto("threads")
      .values({ kind: "committee", committee_id: (await t.db.selectFrom("ideas").select("committee_id").where("id", "=", d.ideaId).executeTakeFirstOrThrow()).committee_id, title: "Agenda", created_by: d.chair.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(await createPost(t.db, d.author, general.id, { body: "Posting in the agenda thread.", stance: "neutral" })).toMatchObject({ ok: false, status: 403 });
  });

  it("a withdrawn invitation is refused; the guest's past posts stay, still labelled; the person may be invited again", async () => {
    const d = await deliberation();
    const invited = await inviteAuthor(d);
    const guestId = invited.ok ? invited.guestId : 0;
    const before = await createPost(t.db, d.author, d.threadId, { body: "A first word as a guest.", stance: "for" });
    expect(before.ok).toBe(true);
    expect(await withdrawGuest(t.db, d.member, d.threadId, { guestId: String(guestId) })).toMatchObject({ ok: false, status: 403 });
    expect(await withdrawGuest(t.db, d.chair, d.threadId, { guestId: String(guestId) })).toMatchObject({ ok: true, withdrawn: true });
    // Twice: nothing more happens, and no second audit row.
    expect(await withdrawGuest(t.db, d.chair, d.threadId, { guestId: String(guestId) })).toMatchObject({ ok: true, withdrawn: false });
    expect(await createPost(t.db, d.author, d.threadId, { body: "A second word after the withdrawal.", stance: "for" })).toMatchObject({ ok: false, status: 403 });
    const page = await threadPage(t.db, d.threadId, null, { cursor: null });
    expect(page!.posts.map((n) => [n.post.author_id, n.post.guest?.kind])).toEqual([[d.author.id, "author"]]);
    expect(page!.guests!.list).toEqual([]);
    const audit = await t.db.selectFrom("audit_log").select("action").where("action", "=", "deliberation.guest.withdraw").where("target_id", "=", String(d.ideaId)).execute();
    expect(audit).toHaveLength(1);
    // A withdrawal of an invitation of another idea, through this thread: not found.
    const e = await deliberation();
    const other = await inviteAuthor(e);
    expect(await withdrawGuest(t.db, d.chair, d.threadId, { guestId: String(other.ok ? other.guestId : 0) })).toMatchObject({ ok: false, status: 404 });
    expect(await inviteAuthor(d)).toMatchObject({ ok: true });
  });

  it("a guest is told when the invitation is withdrawn: once, in the app and by e-mail in their own language, leading to the thread", async () => {
    const d = await deliberation();
    const author = await inviteAuthor(d);
    const officer = await inviteOfficer(d);
    for (const g of [author, officer]) {
      const guestId = String(g.ok ? g.guestId : 0);
      expect(await withdrawGuest(t.db, d.chair, d.threadId, { guestId })).toMatchObject({ ok: true, withdrawn: true });
      expect(await withdrawGuest(t.db, d.chair, d.threadId, { guestId })).toMatchObject({ ok: true, withdrawn: false });
    }
    const notes = await t.db.selectFrom("notifications").select(["user_id", "payload"]).where("kind", "=", "guest_withdrawn").where("idea_id", "=", d.ideaId).orderBy("id").execute();
    expect(notes.map((n) => [n.user_id, (n.payload as { threadId: number }).threadId])).toEqual([
      [d.author.id, d.threadId],
      [d.officer.id, d.threadId],
    ]);
    // The notification centre leads to the thread, where the guest's past posts stay.
    const centre = await notificationCentre(t.db, d.author);
    expect(centre.find((i) => i.kind === "guest_withdrawn")).toMatchObject({ threadId: d.threadId, ideaId: d.ideaId });
    await sendDigests(t.db, "https://madang.example", new Date(Date.now() + DIGEST_WAIT_MS + 60_000));
    const mailTo = async (email: string) => (await t.db.selectFrom("email_outbox").select("text_body").where("to_address", "=", email).executeTakeFirstOrThrow()).text_body;
    const en = await mailTo(d.officer.email);
    expect(en).toContain(`The committee's chair withdrew your invitation to its deliberation on “Shade at bus stops ${d.slug}”: you can no longer post there.`);
    expect(en).toContain(`https://madang.example/threads/${d.threadId}`);
    const ko = await mailTo(d.author.email);
    expect(ko).toContain(`위원장이 “Shade at bus stops ${d.slug}”에 대한 위원회 숙의 초대를 철회했습니다.`);
  });

  it("after the recommendation guests can no longer post; their posts stay", async () => {
    const d = await deliberation();
    await inviteAuthor(d);
    expect((await createPost(t.db, d.author, d.threadId, { body: "Please look at the heat figures.", stance: "for" })).ok).toBe(true);
    await holdCommitteeVote(t.db, d.ideaId, { choices: ["against"] });
    // The digest draws on the guest's post (the first shown), so no member's stance is added.
    await writeDigest(t.db, d.ideaId);
    expect((await recordRecommendation(t.db, d.chair, d.ideaId, { decision: "not_recommended", rationale: RATIONALE }, {})).ok).toBe(true);
    expect(await createPost(t.db, d.author, d.threadId, { body: "But what about the figures?", stance: "for" })).toMatchObject({
      ok: false,
      status: 409,
      errors: { _form: [{ key: "guests.errors.closed" }] },
    });
    // Members are not guests: their own rules apply (the thread is theirs).
    const page = await threadPage(t.db, d.threadId, d.author, { cursor: null });
    expect(page!.postRefusal).toBe("guestClosed");
    expect(page!.posts).toHaveLength(1);
    // The recommendation's stored stance counts leave the guest out too.
    const rec = await t.db.selectFrom("recommendations").select(["stance_for", "stance_against", "stance_neutral"]).where("idea_id", "=", d.ideaId).executeTakeFirstOrThrow();
    expect(rec).toEqual({ stance_for: 0, stance_against: 0, stance_neutral: 0 });
  });
});

describe("the thread's page", () => {
  it("asks for the guests and the recommendation only when the deliberation has them, and then lists them", async () => {
    const d = await deliberation();
    // A handle of its own that logs its statements, as another process of the app would.
    const counter = statementCounter(t.url);
    try {
      const lists = (statements: string[]) => statements.flatMap((s) => /^select "(deliberation_guests|recommendations)"\./.exec(s)?.[1] ?? []);
      const view = async () => {
        let page: Awaited<ReturnType<typeof threadPage>> = null;
        const statements = await counter.statementsOf(async () => (page = await threadPage(counter.db, d.threadId, null, { cursor: null })));
        return { page: page!, lists: lists(statements) };
      };
      const none = await view();
      expect(none.lists).toEqual([]);
      expect(none.page.guests!.list).toEqual([]);
      expect(none.page.recommendation).toBeNull();

      await inviteAuthor(d);
      const invited = await view();
      expect(invited.lists).toEqual(["deliberation_guests"]);
      expect(invited.page.guests!.list.map((g) => g.user_id)).toEqual([d.author.id]);

      await holdCommitteeVote(t.db, d.ideaId);
      await writeDigest(t.db, d.ideaId);
      expect((await recordRecommendation(t.db, d.chair, d.ideaId, { decision: "forward", agencyId: String(agencies.moef), rationale: RATIONALE })).ok).toBe(true);
      const recommended = await view();
      expect(recommended.lists).toEqual(["deliberation_guests", "recommendations"]);
      expect(recommended.page.recommendation).toMatchObject({ decision: "forward" });
    } finally {
      await counter.close();
    }
  });
});

describe("the likely agency", () => {
  it("is the agency the committee forwarded most of the same call's ideas to; unknown before any", async () => {
    const d = await deliberation();
    const committeeId = (await t.db.selectFrom("ideas").select("committee_id").where("id", "=", d.ideaId).executeTakeFirstOrThrow()).committee_id!;
    const facts = { id: d.ideaId, committeeId, campaignId: d.campaignId, categoryId: null };
    expect(await likelyAgency(t.db, facts)).toBeNull();
    // Another idea of the same call, forwarded to the health ministry.
    const other = await createIdea(t.db, { author: await createUser(t.db), campaignId: d.campaignId, title: `Another ${d.slug}` });
    await support(t.db, (await createUser(t.db)).id, other);
    expect((await takeUp(t.db, d.chair, other, {})).ok).toBe(true);
    await holdCommitteeVote(t.db, other);
    await writeDigest(t.db, other);
    expect((await recordRecommendation(t.db, d.chair, other, { decision: "forward", agencyId: String(agencies.mohw), rationale: RATIONALE })).ok).toBe(true);
    expect(await likelyAgency(t.db, facts)).toBe(agencies.mohw);
    // The chair's form offers it first, with its officers.
    const page = await threadPage(t.db, d.threadId, d.chair, { cursor: null });
    expect(page!.guests!.invite).toMatchObject({ likelyAgencyId: agencies.mohw, agencyId: agencies.mohw });
    expect(page!.guests!.invite!.agencies[0].id).toBe(agencies.mohw);
    // Another agency chosen by the chair lists that agency's officers.
    const chosen = await threadPage(t.db, d.threadId, d.chair, { cursor: null, agency: agencies.moef });
    expect(chosen!.guests!.invite!.officers.map((o) => o.id)).toContain(d.officer.id);
  });
});

describe("the digest goes to the agency with the recommendation", () => {
  it("the officers' notification and e-mail carry the frozen digest as text, in each officer's language", async () => {
    const d = await deliberation();
    const koOfficer = await person([{ role: "agency_officer", agency: "mohw" }], { locale: "ko" });
    const enOfficer = await person([{ role: "agency_officer", agency: "mohw" }], { locale: "en" });
    const pro = await createPost(t.db, d.member, d.threadId, { body: "Shade saves lives in heat waves.", stance: "for" });
    const con = await createPost(t.db, d.member2, d.threadId, { body: "The budget is committed this year.", stance: "against" });
    if (!pro.ok || !con.ok) throw new Error("posts");
    expect(
      await saveDigest(t.db, d.chair, d.ideaId, {
        for1: "Shade prevents heat illness for people waiting.",
        for1Posts: String(pro.postId),
        against1: "The money is committed elsewhere this year.",
        against1Posts: String(con.postId),
        questions: "What would shade cost per stop?",
        evidence: "Heat-illness figures by district.",
      }),
    ).toMatchObject({ ok: true });
    await holdCommitteeVote(t.db, d.ideaId);
    expect((await recordRecommendation(t.db, d.chair, d.ideaId, { decision: "forward", agencyId: String(agencies.mohw), rationale: RATIONALE })).ok).toBe(true);
    await sendDigests(t.db, "https://madang.example", new Date(Date.now() + DIGEST_WAIT_MS + 60_000));
    const mailTo = async (email: string) => (await t.db.selectFrom("email_outbox").select(["text_body", "html_body"]).where("to_address", "=", email).executeTakeFirstOrThrow());
    const en = await mailTo(enOfficer.email);
    expect(en.text_body).toContain("Deliberation digest");
    expect(en.text_body).toContain(`Strongest arguments for forwarding:\n- Shade prevents heat illness for people waiting. (draws on #${pro.postId})`);
    expect(en.text_body).toContain(`Strongest arguments against:\n- The money is committed elsewhere this year. (draws on #${con.postId})`);
    expect(en.text_body).toContain("Open questions:\n- What would shade cost per stop?");
    expect(en.text_body).toContain("Evidence asked of the agency:\n- Heat-illness figures by district.");
    expect(en.html_body).toContain("<br>");
    const ko = await mailTo(koOfficer.email);
    expect(ko.text_body).toContain("Shade prevents heat illness for people waiting.");
    expect(ko.text_body).not.toContain("Strongest arguments for forwarding");
    expect(ko.text_body).toContain("What would shade cost per stop?");
    // The notification in the app carries it too.
    const note = await t.db.selectFrom("notifications").select("payload").where("user_id", "=", enOfficer.id).where("kind", "=", "agency_assigned").executeTakeFirstOrThrow();
    expect((note.payload as { digest: { questions: string[] } }).digest.questions).toEqual(["What would shade cost per stop?"]);
  });

  it("without a digest there is no recommendation, so no officer is told (decision 034, amended)", async () => {
    const d = await deliberation();
    await holdCommitteeVote(t.db, d.ideaId);
    expect(await recordRecommendation(t.db, d.chair, d.ideaId, { decision: "forward", agencyId: String(agencies.moef), rationale: RATIONALE })).toMatchObject({
      ok: false,
      status: 409,
      errors: { digest: [{ key: "digest.errors.required" }] },
    });
    const notes = await t.db.selectFrom("notifications").select("payload").where("idea_id", "=", d.ideaId).where("kind", "=", "agency_assigned").execute();
    expect(notes).toEqual([]);
  });
});
