// Privacy rights (issue 17): "download my data" holds all and only the person's own data;
// leaving anonymises the account so that no table keeps the e-mail address or the name, the
// person cannot sign in again, and every count stays as it was.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/domain/accounts/permissions";
import { authenticate, registerUser, requestPasswordReset, resetPassword } from "../../app/domain/accounts/accounts.server";
import { commentOnIdea } from "../../app/domain/deliberation/deliberation.server";
import { flagContent } from "../../app/domain/moderation/flags.server";
import { suspendAccount, liftSuspension } from "../../app/domain/moderation/accounts.server";
import { allJobs } from "../../app/jobs/jobs.server";
import { retention } from "../../app/jobs/retention.server";
import { runDueJobs } from "../../app/jobs/scheduler.server";
import * as dataPage from "../../app/routes/me.data";
import * as dataFile from "../../app/routes/me.data[.]json";
import * as deletePage from "../../app/routes/me.delete";
import * as securityRoute from "../../app/routes/me.security";
import { action as login } from "../../app/routes/login";
import { LAST_SEEN_EVERY_MS, validateSession } from "../../app/auth/session.server";
import { personalData } from "../../app/domain/privacy/export.server";
import { createIdea, createUser, FACTORY_PASSWORD, support } from "../../db/factories";
import { openTestDatabase, type TestDatabase } from "./db";
import { actorFor, call, contextFor, setSettings } from "./harness";

let t: TestDatabase;
let moderator: Actor;

beforeAll(async () => {
  t = await openTestDatabase();
  moderator = await actorFor(t.db, { roles: [{ role: "admin" }] });
});
afterAll(() => t?.close());

/** A person with a bit of everything: an idea, a support, a comment, a flag, a notification, a session, a suspension. */
async function personWithData(tag: string, other?: { ideaId: number }) {
  const db = t.db;
  const person = await actorFor(db, { email: `${tag}@example.org`, displayName: `Name${tag}` });
  const ideaId = await createIdea(db, { author: person, title: `Idea title ${tag}`, body: `Idea body ${tag} with enough words to pass the minimum length.` });
  if (other) {
    await support(db, person.id, other.ideaId);
    const comment = await commentOnIdea(db, person, other.ideaId, { body: `Comment text ${tag} on the other idea`, stance: "for" });
    expect(comment.ok).toBe(true);
    const flag = await flagContent(db, person, { targetType: "idea", targetId: String(other.ideaId), reason: "other", details: `Flag details ${tag}` });
    expect(flag.ok).toBe(true);
  }
  await db
    .insertInto("notifications")
    .values({ user_id: person.id, kind: "status", idea_id: ideaId, payload: JSON.stringify({ title: `Notice ${tag}` }) })
    .execute();
  expect((await suspendAccount(db, moderator, person.id, { days: "1", reason: `Suspended ${tag} for a test` })).ok).toBe(true);
  expect((await liftSuspension(db, moderator, person.id, { reason: `Lifted ${tag} after a test` })).ok).toBe(true);
  await t.services.auth.createSession(person.id, {});
  return { person, ideaId };
}

describe("/me/data: download my data", () => {
  it("holds everything about me and nothing about the other person", async () => {
    const other = await personWithData("OTHERxq");
    const me = await personWithData("MINEzk", { ideaId: other.ideaId });
    // The other person acts on my idea too: supports it, comments, flags it.
    await support(t.db, other.person.id, me.ideaId);
    expect((await commentOnIdea(t.db, other.person, me.ideaId, { body: "Comment text OTHERxq on my idea", stance: "against" })).ok).toBe(true);
    expect((await flagContent(t.db, other.person, { targetType: "idea", targetId: String(me.ideaId), reason: "other", details: "Flag details OTHERxq" })).ok).toBe(true);

    const answer = await call(dataFile.loader, { path: "/me/data.json", context: contextFor(t.services, me.person) });
    expect(answer.status).toBe(200);
    const file = answer.text;
    const data = JSON.parse(file);

    // All of mine.
    for (const mine of [
      "minezk@example.org",
      "NameMINEzk",
      "Idea title MINEzk",
      "Idea body MINEzk",
      "Comment text MINEzk",
      "Flag details MINEzk",
      "Notice MINEzk",
      "Suspended MINEzk for a test",
      "Lifted MINEzk after a test",
    ]) {
      expect(file, mine).toContain(mine);
    }
    expect(data.account.id).toBe(me.person.id);
    expect(data.ideas.map((i: { id: number }) => i.id)).toEqual([me.ideaId]);
    // An author supports their own idea on submitting it; then I supported the other one.
    expect(data.supports.map((s: { ideaId: number }) => s.ideaId).sort()).toEqual([me.ideaId, other.ideaId].sort());
    expect(data.posts).toHaveLength(1);
    expect(data.flags).toHaveLength(1);
    // Mine, and the two notices about the suspension.
    expect(data.notifications).toHaveLength(3);
    expect(data.sessions.length).toBeGreaterThanOrEqual(1);
    expect(data.audit.aboutMe.map((a: { action: string }) => a.action)).toEqual(["moderation.suspend", "moderation.lift"]);
    expect(data.audit.aboutMe.every((a: { by: string }) => a.by === "staff")).toBe(true);

    // Nothing of theirs: not their address, name, words, flag, notification or suspension,
    // and not the moderator's account.
    for (const theirs of [
      "otherxq@example.org",
      "NameOTHERxq",
      "Comment text OTHERxq",
      "Flag details OTHERxq",
      "Notice OTHERxq",
      "Suspended OTHERxq",
      "Idea body OTHERxq",
      moderator.email,
      moderator.displayName,
    ]) {
      expect(file, theirs).not.toContain(theirs);
    }
    expect(file).not.toMatch(new RegExp(`"actor_?[iI]d"\\s*:\\s*${moderator.id}\\b`));

    // A file to keep, never cached.
    const headers = await (dataFile.loader as (a: unknown) => Promise<Response>)({
      request: new Request("http://madang.test/me/data.json"),
      params: {},
      context: contextFor(t.services, me.person),
    });
    expect(headers.headers.get("content-disposition")).toMatch(/^attachment; filename="madang-my-data-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(headers.headers.get("cache-control")).toBe("private, no-store");
  });

  it("shows how much the file holds, and sends visitors to log in", async () => {
    const { person } = await personWithData("COUNTS");
    const page = await call(dataPage.loader, { path: "/me/data", context: contextFor(t.services, person) });
    expect(page.status).toBe(200);
    expect((page.data as { counts: Record<string, number> }).counts).toMatchObject({ ideas: 1, supports: 1, notifications: 3, audit: 2 });
    const visitor = await call(dataFile.loader, { path: "/me/data.json", context: contextFor(t.services, null) });
    expect(visitor.status).toBe(302);
    expect(visitor.location).toBe("/login?next=%2Fme%2Fdata.json");
  });
});

/** Every text-like column of every table, searched for any of the needles: where each is found. */
async function scanEverything(needles: string[]): Promise<string[]> {
  const columns = (
    await sql<{ table_name: string; column_name: string }>`
      SELECT c.table_name, c.column_name FROM information_schema.columns c
        JOIN information_schema.tables tb ON tb.table_name = c.table_name AND tb.table_schema = c.table_schema
       WHERE c.table_schema = 'public' AND tb.table_type = 'BASE TABLE'
         AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')`.execute(t.db)
  ).rows;
  expect(columns.length).toBeGreaterThan(20);
  const found: string[] = [];
  for (const { table_name, column_name } of columns) {
    for (const needle of needles) {
      const hit = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table_name)}
        WHERE strpos(lower(${sql.ref(column_name)}::text), lower(${needle})) > 0`.execute(t.db);
      if (hit.rows[0].n > 0) found.push(`${table_name}.${column_name} holds ${needle}`);
    }
  }
  return found;
}

async function supportCounts(ideaIds: number[]) {
  const rows = await t.db.selectFrom("ideas").select(["id", "support_count"]).where("id", "in", ideaIds).orderBy("id").execute();
  const counted = await t.db
    .selectFrom("supports")
    .select(["idea_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("idea_id", "in", ideaIds)
    .groupBy("idea_id")
    .orderBy("idea_id")
    .execute();
  return { shown: rows.map((r) => [r.id, Number(r.support_count)]), rows: counted.map((r) => [r.idea_id, Number(r.n)]) };
}

describe("/me/delete: leaving Madang", () => {
  it("refuses a wrong password next to the field, keeps the choice and changes nothing", async () => {
    const { person } = await personWithData("WRONGPW");
    const before = await t.db.selectFrom("users").selectAll().where("id", "=", person.id).executeTakeFirstOrThrow();
    const answer = await call(deletePage.action, {
      path: "/me/delete",
      form: { password: "not my password at all", withdrawPosts: "on" },
      context: contextFor(t.services, person),
    });
    expect(answer.status).toBe(400);
    const reply = answer.data as { errors: Record<string, { key: string }[]>; values: Record<string, string> };
    expect(reply.errors.password.map((m) => m.key)).toEqual(["privacy.errors.wrongPassword"]);
    expect(reply.values).toEqual({ withdrawPosts: "on" });
    expect(JSON.stringify(reply)).not.toContain("not my password");
    const after = await t.db.selectFrom("users").selectAll().where("id", "=", person.id).executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    const empty = await call(deletePage.action, { path: "/me/delete", form: { password: "" }, context: contextFor(t.services, person) });
    expect(empty.status).toBe(400);
    expect((empty.data as { errors: Record<string, { key: string }[]> }).errors.password[0].key).toBe("errors.required");
  });

  it("leaves no e-mail address or name in any table, ends every session, and keeps every count", async () => {
    const other = await personWithData("STAYS");
    const { person, ideaId } = await personWithData("LEAVER", { ideaId: other.ideaId });
    await support(t.db, other.person.id, ideaId);
    // A reply that names the leaver's comment stays readable: only the leaver's own data goes.
    const before = await supportCounts([ideaId, other.ideaId]);
    expect(before.shown).toEqual(before.rows);
    // Their name and address are in e-mails, sessions, rate-limit counters and alert evidence too.
    await t.db.insertInto("email_outbox").values({ to_address: person.email, subject: "s", text_body: `Hello ${person.displayName}`, kind: "test" }).execute();
    await t.db
      .insertInto("rate_limits")
      .values({ key: `login_email:${person.email}`, points: 1, expire: Date.now() + 60_000 })
      .execute();
    await t.db
      .insertInto("moderation_alerts")
      .values({
        kind: "new_accounts",
        idea_id: other.ideaId,
        window_start: new Date(Date.now() - 3_600_000),
        window_end: new Date(),
        support_count: 2,
        evidence: JSON.stringify({ count: 2, accounts: [{ id: person.id, name: person.displayName }, { id: other.person.id, name: other.person.displayName }] }),
      })
      .execute();
    const auditBefore = await t.db.selectFrom("audit_log").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();

    expect(await scanEverything([person.email, person.displayName])).not.toEqual([]);
    const answer = await call(deletePage.action, {
      path: "/me/delete",
      form: { password: FACTORY_PASSWORD },
      context: contextFor(t.services, person),
    });
    expect(answer.status).toBe(302);
    expect(answer.location).toBe("/me/delete?done=1");

    expect(await scanEverything([person.email, person.displayName])).toEqual([]);
    // The other person is untouched: still findable by their own address and name.
    expect(await scanEverything([other.person.email])).not.toEqual([]);
    const evidence = await t.db.selectFrom("moderation_alerts").select("evidence").where("idea_id", "=", other.ideaId).executeTakeFirstOrThrow();
    expect(evidence.evidence).toMatchObject({ accounts: [{ id: person.id, name: "탈퇴한 회원" }, { id: other.person.id, name: other.person.displayName }] });

    // Cannot sign in with the old address (nor with the erased one), and no session is left.
    const deps = { db: t.db, publicUrl: "http://madang.test" };
    expect(await authenticate(deps, { email: person.email, password: FACTORY_PASSWORD })).toMatchObject({ ok: false, status: 401 });
    const row = await t.db.selectFrom("users").selectAll().where("id", "=", person.id).executeTakeFirstOrThrow();
    expect(await authenticate(deps, { email: row.email, password: FACTORY_PASSWORD })).toMatchObject({ ok: false, status: 401 });
    expect(row.display_name).toBe("탈퇴한 회원");
    expect(row.deleted_at).not.toBeNull();
    const sessions = await t.db.selectFrom("sessions").select("id").where("user_id", "=", person.id).execute();
    expect(sessions).toEqual([]);

    // Counts unchanged; the idea and the comment stay, under "a former member".
    expect(await supportCounts([ideaId, other.ideaId])).toEqual(before);
    const idea = await t.db.selectFrom("ideas").select(["title", "author_id"]).where("id", "=", ideaId).executeTakeFirstOrThrow();
    expect(idea).toEqual({ title: "Idea title LEAVER", author_id: person.id });
    const posts = await t.db.selectFrom("posts").select(["body", "removed_at"]).where("author_id", "=", person.id).execute();
    expect(posts).toEqual([{ body: "Comment text LEAVER on the other idea", removed_at: null }]);

    // One audit row: the event, with no personal data (the scan above covers its details).
    const audit = await t.db.selectFrom("audit_log").selectAll().where("action", "=", "account.delete").where("target_id", "=", String(person.id)).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: person.id, target_type: "user", details: { withdrawnPosts: 0 } });
    const auditAfter = await t.db.selectFrom("audit_log").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(auditAfter.n)).toBe(Number(auditBefore.n) + 1);

    // The same address may join again later: it is free.
    const again = await actorFor(t.db, { email: person.email });
    expect(again.id).not.toBe(person.id);
  });

  it("withdraws the posts too when asked, as the author's withdrawal", async () => {
    const other = await personWithData("HOST");
    const { person } = await personWithData("WITHDRAWS", { ideaId: other.ideaId });
    const answer = await call(deletePage.action, {
      path: "/me/delete",
      form: { password: FACTORY_PASSWORD, withdrawPosts: "on" },
      context: contextFor(t.services, person),
    });
    expect(answer.status).toBe(302);
    const posts = await t.db.selectFrom("posts").select(["body", "body_html", "removal", "removed_by"]).where("author_id", "=", person.id).execute();
    expect(posts).toEqual([{ body: "", body_html: "", removal: "author", removed_by: person.id }]);
    expect(await scanEverything(["Comment text WITHDRAWS"])).toEqual([]);
    const audit = await t.db.selectFrom("audit_log").select("details").where("action", "=", "account.delete").where("target_id", "=", String(person.id)).executeTakeFirstOrThrow();
    expect(audit.details).toEqual({ withdrawnPosts: 1 });
  });

  it("refuses staff until an administrator takes their roles away, and visitors", async () => {
    const staff = await actorFor(t.db, { roles: [{ role: "moderator" }] });
    const answer = await call(deletePage.action, { path: "/me/delete", form: { password: FACTORY_PASSWORD }, context: contextFor(t.services, staff) });
    expect(answer.status).toBe(409);
    expect((answer.data as { errors: Record<string, { key: string }[]> }).errors._form[0].key).toBe("privacy.errors.staffMustStepDown");
    const row = await t.db.selectFrom("users").select(["email", "deleted_at"]).where("id", "=", staff.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ email: staff.email, deleted_at: null });
    const page = await call(deletePage.loader, { path: "/me/delete", context: contextFor(t.services, staff) });
    expect((page.data as { refusal: { key: string } }).refusal.key).toBe("privacy.errors.staffMustStepDown");

    const visitor = await call(deletePage.action, { path: "/me/delete", form: { password: FACTORY_PASSWORD }, context: contextFor(t.services, null) });
    expect(visitor.status).toBe(401);
    const farewell = await call(deletePage.loader, { path: "/me/delete?done=1", context: contextFor(t.services, null) });
    expect((farewell.data as { state: string }).state).toBe("done");
  });
});

describe("a notice after a password change", () => {
  it("mails the account's address in its language, with a link to secure the account; only when the password changed", async () => {
    const deps = { db: t.db, publicUrl: "http://madang.test" };
    const email = "changes-password@example.org";
    const joined = await registerUser(deps, { email, displayName: "Changer", password: "lantern harbour violet 42 quietly" }, "ko");
    if (!joined.ok || joined.userId === null) throw new Error("join failed");
    const mails = () => t.db.selectFrom("email_outbox").selectAll().where("to_address", "=", email).orderBy("id").execute();
    await requestPasswordReset(deps, { email });
    const link = (await mails()).find((m) => m.kind === "reset_password")!.text_body.match(/reset-password\?token=([\w-]+)/)!;
    // A refused new password changes nothing, and tells nobody.
    expect((await resetPassword(deps, { token: link[1], password: "password1234" })).ok).toBe(false);
    expect((await mails()).filter((m) => m.kind === "password_changed")).toEqual([]);

    expect((await resetPassword(deps, { token: link[1], password: "another quite unusual passphrase" })).ok).toBe(true);
    const notices = (await mails()).filter((m) => m.kind === "password_changed");
    expect(notices).toHaveLength(1);
    expect(notices[0].subject).toBe("마당 비밀번호가 변경되었습니다");
    expect(notices[0].text_body).toContain("Changer");
    // The link asks for a new reset: it carries no token of its own (anyone may read old mail).
    expect(notices[0].text_body).toMatch(/^http:\/\/madang\.test\/reset-password$/m);
    expect(notices[0].html_body).toContain('<a href="http://madang.test/reset-password">');
  });
});

describe("retention: personal fields cleared after the periods the settings give", () => {
  const DAY = 86_400_000;

  const setSetting = (key: string, value: number) => setSettings(t.db, { [key]: value });

  it("clears support networks, sent e-mail bodies and resolved alerts' networks once they are old enough, and nothing else", async () => {
    await setSetting("retention_support_network_days", 10);
    await setSetting("retention_email_body_days", 5);
    await setSetting("retention_alert_network_days", 20);
    // The job runs on a clock of its own: "now" is 100 days ahead of the rows' real dates.
    const now = new Date(Date.now() + 100 * DAY);
    const ago = (days: number) => new Date(now.getTime() - days * DAY);

    const author = await actorFor(t.db);
    const ideaId = await createIdea(t.db, { author });
    const oldSupporter = await actorFor(t.db);
    const newSupporter = await actorFor(t.db);
    await support(t.db, oldSupporter.id, ideaId);
    await support(t.db, newSupporter.id, ideaId);
    await t.db.updateTable("supports").set({ ip_prefix: "203.0.113.0/24", created_at: ago(11) } as never).where("user_id", "=", oldSupporter.id).execute();
    await t.db.updateTable("supports").set({ ip_prefix: "198.51.100.0/24", created_at: ago(9) } as never).where("user_id", "=", newSupporter.id).execute();

    const mail = async (tag: string, values: { sent_at?: Date | null; created_at?: Date; attempts?: number }) =>
      (
        await t.db
          .insertInto("email_outbox")
          .values({ to_address: `${tag}@example.org`, subject: `Subject ${tag}`, text_body: `Body ${tag}`, html_body: `<p>Body ${tag}</p>`, kind: "test", ...values })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    const sentLongAgo = await mail("sent-old", { sent_at: ago(6), created_at: ago(6) });
    const sentRecently = await mail("sent-new", { sent_at: ago(4), created_at: ago(4) });
    const givenUp = await mail("given-up", { sent_at: null, created_at: ago(6), attempts: 10 });
    const stillTrying = await mail("pending", { sent_at: null, created_at: ago(6), attempts: 3 });

    const alert = async (prefix: string, resolvedAt: Date | null) =>
      (
        await t.db
          .insertInto("moderation_alerts")
          .values({ kind: "ip_prefix", idea_id: ideaId, ip_prefix: prefix, window_start: ago(30), window_end: ago(30), support_count: 10, evidence: "{}", resolved_at: resolvedAt, resolved_by: resolvedAt ? moderator.id : null })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    const resolvedLongAgo = await alert("192.0.2.0/24", ago(21));
    const resolvedRecently = await alert("192.0.2.128/25", ago(19));
    const open = await alert("192.0.2.64/26", null);
    const countBefore = await supportCounts([ideaId]);

    const ran = await runDueJobs(t.db, [retention], now);
    expect(ran).toEqual(["privacy-retention"]);

    const prefixes = await t.db.selectFrom("supports").select(["user_id", "ip_prefix"]).where("idea_id", "=", ideaId).execute();
    expect(Object.fromEntries(prefixes.map((p) => [p.user_id, p.ip_prefix]))).toEqual({ [author.id]: null, [oldSupporter.id]: null, [newSupporter.id]: "198.51.100.0/24" });
    expect(await supportCounts([ideaId])).toEqual(countBefore);

    const bodies = await t.db.selectFrom("email_outbox").select(["id", "to_address", "subject", "text_body", "html_body"]).where("id", "in", [sentLongAgo, sentRecently, givenUp, stillTrying]).orderBy("id").execute();
    expect(bodies).toEqual([
      { id: sentLongAgo, to_address: "sent-old@example.org", subject: "Subject sent-old", text_body: "", html_body: null },
      { id: sentRecently, to_address: "sent-new@example.org", subject: "Subject sent-new", text_body: "Body sent-new", html_body: "<p>Body sent-new</p>" },
      { id: givenUp, to_address: "given-up@example.org", subject: "Subject given-up", text_body: "", html_body: null },
      { id: stillTrying, to_address: "pending@example.org", subject: "Subject pending", text_body: "Body pending", html_body: "<p>Body pending</p>" },
    ]);

    const alerts = await t.db.selectFrom("moderation_alerts").select(["id", "ip_prefix"]).where("id", "in", [resolvedLongAgo, resolvedRecently, open]).orderBy("id").execute();
    expect(alerts).toEqual([
      { id: resolvedLongAgo, ip_prefix: null },
      { id: resolvedRecently, ip_prefix: "192.0.2.128/25" },
      { id: open, ip_prefix: "192.0.2.64/26" },
    ]);

    // Within the same hour it does not run again; a later run clears nothing more than is due.
    expect(await runDueJobs(t.db, [retention], new Date(now.getTime() + 60_000))).toEqual([]);
    const again = await retention.run(t.db, now);
    expect(again).toBe("cleared 0 support networks, 0 e-mail bodies, 0 alert networks, 0 security-log addresses, 0 old security events");
  });

  it("is one of the app's periodic jobs", () => {
    expect(allJobs("http://madang.test").map((j) => j.name)).toContain("privacy-retention");
  });
});

describe("/me/security: my sessions", () => {
  it("lists my active sessions without their ids, ends one, and ends every other but this one", async () => {
    const person = await actorFor(t.db);
    const stranger = await actorFor(t.db);
    const { auth } = t.services;
    const here = await auth.createSession(person.id, {});
    const phone = await auth.createSession(person.id, {});
    const laptop = await auth.createSession(person.id, {});
    const theirs = await auth.createSession(stranger.id, {});
    const cookie = auth.createSessionCookie(here.id).serialize().split(";")[0];
    const asMe = (path: string, form?: Record<string, string>) =>
      call((form ? securityRoute.action : securityRoute.loader) as never, {
        path,
        form,
        context: contextFor(t.services, person),
      });
    // The harness sends no cookie: read the page through a request that carries one.
    const page = await (securityRoute.loader as (a: unknown) => Promise<Response>)({
      request: new Request("http://madang.test/me/security", { headers: { Cookie: cookie } }),
      params: {},
      context: contextFor(t.services, person),
    });
    const text = await page.text();
    const { sessions } = JSON.parse(text) as { sessions: { handle: string; current: boolean }[] };
    expect(sessions).toHaveLength(3);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    for (const id of [here.id, phone.id, laptop.id, theirs.id]) expect(text).not.toContain(id);
    expect(page.headers.get("cache-control")).toBe("private, no-store");

    // End the phone's session by its handle; another person's handle ends nothing.
    const { sessionHandle } = await import("../../app/domain/privacy/sessions.server");
    expect((await asMe("/me/security", { intent: "end", handle: sessionHandle(phone.id) })).status).toBe(200);
    expect((await asMe("/me/security", { intent: "end", handle: sessionHandle(theirs.id) })).status).toBe(200);
    const left = async () => (await t.db.selectFrom("sessions").select("id").where("user_id", "in", [person.id, stranger.id]).execute()).map((s) => s.id).sort();
    expect(await left()).toEqual([here.id, laptop.id, theirs.id].sort());
    expect((await asMe("/me/security", { intent: "end", handle: "not a handle" })).status).toBe(400);

    // Every other session, from this browser: this one stays.
    const others = await (securityRoute.action as (a: unknown) => Promise<Response>)({
      request: new Request("http://madang.test/me/security", {
        method: "POST",
        headers: { Cookie: cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ intent: "endOthers" }),
      }),
      params: {},
      context: contextFor(t.services, person),
    });
    expect(others.status).toBe(200);
    expect(await left()).toEqual([here.id, theirs.id].sort());
  });

  it("names where each session was signed in from (browser, system, network, never the full address) and when it was last used", async () => {
    const user = await createUser(t.db);
    const phone = "Mozilla/5.0 (Linux; Android 14; SM-S918N) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.39 Mobile Safari/537.36";
    const signedIn = (await login({
      request: new Request("http://madang.test/login", {
        method: "POST",
        body: new URLSearchParams({ email: user.email, password: FACTORY_PASSWORD, next: "/" }),
        headers: { "content-type": "application/x-www-form-urlencoded", "user-agent": phone },
      }),
      params: {},
      context: contextFor(t.services, null, "203.0.113.57"),
    })) as Response;
    expect(signedIn.status).toBe(302);
    const cookie = signedIn.headers.getSetCookie().find((c) => c.includes("madang_session="))!.split(";")[0];
    const sessionId = cookie.split("=")[1];
    const seen = async () => (await t.db.selectFrom("sessions").select("last_seen_at").where("id", "=", sessionId).executeTakeFirstOrThrow()).last_seen_at;
    const signedInAt = new Date((await seen())!).getTime();

    // Used a minute later: nothing written; six minutes later: the last use moves.
    await validateSession(t.services.pool, sessionId, {}, signedInAt + 60_000);
    expect(new Date((await seen())!).getTime()).toBe(signedInAt);
    await validateSession(t.services.pool, sessionId, {}, signedInAt + LAST_SEEN_EVERY_MS + 60_000);
    expect(new Date((await seen())!).getTime()).toBe(signedInAt + LAST_SEEN_EVERY_MS + 60_000);

    const person = { id: Number(user.id), email: user.email, displayName: "", emailVerified: true, suspendedUntil: null, locale: null, grants: [] } as Actor;
    const page = await (securityRoute.loader as (a: unknown) => Promise<Response>)({
      request: new Request("http://madang.test/me/security", { headers: { Cookie: cookie } }),
      params: {},
      context: contextFor(t.services, person),
    });
    const text = await page.text();
    const { sessions } = JSON.parse(text) as { sessions: { browser: string; os: string; network: string; lastSeenAt: string; current: boolean }[] };
    expect(sessions).toEqual([
      expect.objectContaining({ current: true, browser: "Chrome 131", os: "Android 14", network: "203.0.113.0/24", lastSeenAt: new Date(signedInAt + LAST_SEEN_EVERY_MS + 60_000).toISOString() }),
    ]);
    expect(text).not.toContain("203.0.113.57");
    // The person's own export carries the same.
    const data = await personalData(t.db, person.id);
    expect(data.sessions).toEqual([expect.objectContaining({ browser: "Chrome 131", os: "Android 14", network: "203.0.113.0/24" })]);
  });
});
