// Issue 17, the rest of "Trust in every count" (decisions 056, 057): changing the e-mail address
// (confirmed from the new address, told to the old one, which can take the account back),
// two-factor secrets sealed in the database, an admin's reset of someone's second factor, and
// revoking an identity verification. Through the route modules, as Remix calls them.
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateTOTP } from "@oslojs/otp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/domain/accounts/permissions";
import { confirmEmailChange } from "../../app/domain/accounts/email-change.server";
import { issueToken, tokenIsLive } from "../../app/domain/accounts/tokens.server";
import * as confirmRoute from "../../app/routes/confirm-email";
import * as secureRoute from "../../app/routes/secure-account";
import * as securityRoute from "../../app/routes/me.security";
import * as loginRoute from "../../app/routes/login";
import * as adminUser from "../../app/routes/admin.users.$id";
import * as identityDesk from "../../app/routes/identity-desk";
import { verificationOf } from "../../app/domain/identity/verification.server";
import { migrator } from "../../db/migrate";
import { createIdea, enrolTwoFactor, FACTORY_PASSWORD, FACTORY_TOTP_SECRET, support } from "../../db/factories";
import { openTestDatabase, type TestDatabase } from "./db";
import { actorFor, call, contextFor } from "./harness";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t?.close());

const mailsTo = (address: string) => t.db.selectFrom("email_outbox").selectAll().where("to_address", "=", address).orderBy("id").execute();
const auditOf = (userId: number) => t.db.selectFrom("audit_log").select(["action", "actor_id", "details"]).where("target_type", "=", "user").where("target_id", "=", String(userId)).orderBy("id").execute();
const emailOf = async (userId: number) => (await t.db.selectFrom("users").select("email").where("id", "=", userId).executeTakeFirstOrThrow()).email;

function askToChange(who: Actor, form: Record<string, string>) {
  const { password, ...rest } = form;
  return call(securityRoute.action, { path: "/me/security", form: { intent: "changeEmail", ...rest, emailPassword: password }, context: contextFor(t.services, who) });
}
function linkIn(body: string, path: string): string {
  const found = body.match(new RegExp(`${path}\\?token=([\\w-]+)`));
  if (!found) throw new Error(`no ${path} link in: ${body}`);
  return found[1];
}

describe("changing the e-mail address", () => {
  it("refuses a wrong password, a throwaway domain and the same address next to the field, keeping what was typed, mailing nobody", async () => {
    const who = await actorFor(t.db, { email: "stays@example.org" });
    const wrong = await askToChange(who, { email: "moved@example.org", password: "not the password at all" });
    expect(wrong.status).toBe(400);
    expect(wrong.data).toMatchObject({ errors: { emailPassword: [{ key: "privacy.errors.wrongPassword" }] }, values: { email: "moved@example.org" } });
    const throwaway = await askToChange(who, { email: "someone@mailinator.com", password: FACTORY_PASSWORD });
    expect(throwaway.status).toBe(400);
    expect(throwaway.data).toMatchObject({ errors: { email: [{ key: "errors.emailDisposable" }] }, values: { email: "someone@mailinator.com" } });
    const same = await askToChange(who, { email: "Stays@example.org", password: FACTORY_PASSWORD });
    expect(same.status).toBe(400);
    expect(same.data).toMatchObject({ errors: { email: [{ key: "trust.email.errors.same" }] } });
    const notAnAddress = await askToChange(who, { email: "not an address", password: FACTORY_PASSWORD });
    expect(notAnAddress.status).toBe(400);
    expect(await mailsTo("moved@example.org")).toEqual([]);
    expect(await emailOf(who.id)).toBe("stays@example.org");
  });

  it("changes only once the new address's link is opened; the old address is told and its links stop working", async () => {
    const who = await actorFor(t.db, { email: "old-home@example.org", displayName: "Mover" });
    const staleReset = await issueToken(t.db, who.id, "reset_password", new Date());
    const asked = await askToChange(who, { email: "New-Home@Example.org", password: FACTORY_PASSWORD });
    expect(asked.status).toBe(200);
    expect(asked.data).toMatchObject({ done: "emailSent", sentTo: "new-home@example.org" });
    // Nothing changed yet: the address is the old one until the link is opened.
    expect(await emailOf(who.id)).toBe("old-home@example.org");
    const [confirmation] = await mailsTo("new-home@example.org");
    expect(confirmation.kind).toBe("email_change_confirm");
    const token = linkIn(confirmation.text_body, "http://madang.test/confirm-email");

    // Opened signed out, in another browser: the token is the permission.
    const opened = await call(confirmRoute.loader, { path: `/confirm-email?token=${token}`, context: contextFor(t.services, null) });
    expect(opened.status).toBe(200);
    expect(opened.data).toEqual({ changedTo: "new-home@example.org" });
    expect(await emailOf(who.id)).toBe("new-home@example.org");
    // Once only.
    const again = await call(confirmRoute.loader, { path: `/confirm-email?token=${token}`, context: contextFor(t.services, null) });
    expect(again.status).toBe(400);
    // A reset link mailed to the old address before the change no longer resets anything.
    expect(await tokenIsLive(t.db, staleReset, "reset_password", new Date())).toBe(false);

    const notices = (await mailsTo("old-home@example.org")).filter((m) => m.kind === "email_changed");
    expect(notices).toHaveLength(1);
    expect(notices[0].text_body).toContain("Mover");
    // The old address sees enough to recognise the new one, not the whole of it.
    expect(notices[0].text_body).toContain("ne•••@example.org");
    expect(notices[0].text_body).not.toContain("new-home@example.org");
    expect(notices[0].text_body).toMatch(/http:\/\/madang\.test\/secure-account\?token=/);
    // Audit: the request and the change, by the person, naming the account by id only.
    const audit = await auditOf(who.id);
    expect(audit.map((a) => a.action)).toEqual(["account.email_change_requested", "account.email_changed"]);
    expect(audit.every((a) => Number(a.actor_id) === who.id)).toBe(true);
    expect(JSON.stringify(audit)).not.toContain("@");
  });

  it("refuses a link older than a day, and one replaced by a newer request", async () => {
    const who = await actorFor(t.db, { email: "slow-reader@example.org" });
    await askToChange(who, { email: "first-try@example.org", password: FACTORY_PASSWORD });
    const first = linkIn((await mailsTo("first-try@example.org"))[0].text_body, "/confirm-email");
    const late = await confirmEmailChange({ db: t.db, publicUrl: "http://madang.test", now: () => new Date(Date.now() + 25 * 3600_000) }, first);
    expect(late.ok).toBe(false);
    await askToChange(who, { email: "second-try@example.org", password: FACTORY_PASSWORD });
    expect((await confirmEmailChange({ db: t.db, publicUrl: "http://madang.test" }, first)).ok).toBe(false);
    const second = linkIn((await mailsTo("second-try@example.org"))[0].text_body, "/confirm-email");
    expect((await confirmEmailChange({ db: t.db, publicUrl: "http://madang.test" }, second)).ok).toBe(true);
    expect(await emailOf(who.id)).toBe("second-try@example.org");
  });

  it("answers for an address that has an account as for a free one; its owner is told, nothing moves", async () => {
    await actorFor(t.db, { email: "already-here@example.org" });
    const who = await actorFor(t.db, { email: "wants-it@example.org" });
    const asked = await askToChange(who, { email: "already-here@example.org", password: FACTORY_PASSWORD });
    expect(asked.status).toBe(200);
    expect(asked.data).toMatchObject({ done: "emailSent", sentTo: "already-here@example.org" });
    const mails = await mailsTo("already-here@example.org");
    expect(mails.map((m) => m.kind)).toEqual(["email_change_taken"]);
    expect(mails[0].text_body).not.toContain("confirm-email");
    expect(await emailOf(who.id)).toBe("wants-it@example.org");
  });

  it("limits requests per account: a few an hour", async () => {
    const who = await actorFor(t.db, { email: "many-moves@example.org" });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await askToChange(who, { email: `move-${i}@example.org`, password: FACTORY_PASSWORD })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(await mailsTo("move-5@example.org")).toEqual([]);
  });

  it("the old address takes the account back: its address again, everyone signed out, a second factor set since gone, a new password next", async () => {
    const who = await actorFor(t.db, { email: "owner@example.org" });
    await t.services.auth.createSession(who.id, {});
    await askToChange(who, { email: "intruder@example.org", password: FACTORY_PASSWORD });
    const confirm = linkIn((await mailsTo("intruder@example.org"))[0].text_body, "/confirm-email");
    expect((await confirmEmailChange({ db: t.db, publicUrl: "http://madang.test" }, confirm)).ok).toBe(true);
    // Whoever moved the address turns on two-factor sign-in with a phone of their own.
    await new Promise((r) => setTimeout(r, 20));
    await enrolTwoFactor(t.db, who.id);
    await t.services.auth.createSession(who.id, {});
    const notice = (await mailsTo("owner@example.org")).find((m) => m.kind === "email_changed")!;
    const back = linkIn(notice.text_body, "/secure-account");

    // Opening the link takes nothing back (mail scanners open links): it shows a button.
    const page = await call(secureRoute.loader, { path: `/secure-account?token=${back}`, context: contextFor(t.services, null) });
    expect(page.status).toBe(200);
    expect(page.data).toEqual({ token: back });
    expect(await emailOf(who.id)).toBe("intruder@example.org");

    const taken = await call(secureRoute.action, { path: "/secure-account", form: { token: back }, context: contextFor(t.services, null) });
    expect(taken.status).toBe(302);
    expect(await emailOf(who.id)).toBe("owner@example.org");
    expect(await t.db.selectFrom("sessions").select("id").where("user_id", "=", who.id).execute()).toEqual([]);
    expect(await t.db.selectFrom("two_factor").select("user_id").where("user_id", "=", who.id).execute()).toEqual([]);
    const reset = taken.location!.match(/^\/reset-password\?token=([\w-]+)$/)![1];
    expect(await tokenIsLive(t.db, reset, "reset_password", new Date())).toBe(true);
    expect((await auditOf(who.id)).map((a) => a.action)).toContain("account.email_taken_back");
    // Once only.
    const again = await call(secureRoute.action, { path: "/secure-account", form: { token: back }, context: contextFor(t.services, null) });
    expect(again.status).toBe(400);
    expect((await call(secureRoute.loader, { path: `/secure-account?token=${back}`, context: contextFor(t.services, null) })).data).toEqual({ token: null });
  });

  it("a second change does not cancel the first owner's way back", async () => {
    const who = await actorFor(t.db, { email: "first-owner@example.org" });
    for (const next of ["hop-one@example.org", "hop-two@example.org"]) {
      await askToChange({ ...who, email: await emailOf(who.id) }, { email: next, password: FACTORY_PASSWORD });
      const confirm = linkIn((await mailsTo(next))[0].text_body, "/confirm-email");
      expect((await confirmEmailChange({ db: t.db, publicUrl: "http://madang.test" }, confirm)).ok).toBe(true);
    }
    const notice = (await mailsTo("first-owner@example.org")).find((m) => m.kind === "email_changed")!;
    const taken = await call(secureRoute.action, { path: "/secure-account", form: { token: linkIn(notice.text_body, "/secure-account") }, context: contextFor(t.services, null) });
    expect(taken.status).toBe(302);
    expect(await emailOf(who.id)).toBe("first-owner@example.org");
  });
});

describe("two-factor secrets sealed at rest (AES-256-GCM)", () => {
  const totpNow = (secret: string) => generateTOTP(decodeBase32IgnorePadding(secret), 30, 6);

  it("the column holds no secret in the clear, and codes from the app still sign in", async () => {
    const who = await actorFor(t.db, { email: "sealed@example.org" });
    const secret = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    const enrolled = await call(securityRoute.action, { path: "/me/security", form: { intent: "enrol", secret, code: totpNow(secret) }, context: contextFor(t.services, who) });
    expect(enrolled.status).toBe(200);
    const row = await t.db.selectFrom("two_factor").select("secret").where("user_id", "=", who.id).executeTakeFirstOrThrow();
    expect(row.secret).toMatch(/^v1:[A-Za-z0-9_-]{80}$/);
    expect(row.secret).not.toContain(secret);
    expect(row.secret).not.toContain(Buffer.from(decodeBase32IgnorePadding(secret)).toString("base64url").slice(0, 12));
    // The database refuses a secret in the clear.
    await expect(t.db.updateTable("two_factor").set({ secret }).where("user_id", "=", who.id).execute()).rejects.toThrow();

    // A sealed secret copied to another account's row opens nowhere but its own row.
    const other = await actorFor(t.db, { email: "copier@example.org" });
    await enrolTwoFactor(t.db, other.id, "QRSTUVWXYZ234567ABCDEFGHIJKLMNOP");
    await t.db.updateTable("two_factor").set({ secret: row.secret, last_step: null }).where("user_id", "=", other.id).execute();
    const signIn = async (email: string, code: string) => {
      const first = await call(loginRoute.action, { path: "/login", form: { email, password: FACTORY_PASSWORD }, context: contextFor(t.services, null) });
      const challenge = (first.data as { challenge?: string }).challenge;
      if (!challenge) throw new Error(`no challenge: ${first.text}`);
      return call(loginRoute.action, { path: "/login", form: { intent: "code", challenge, code }, context: contextFor(t.services, null) });
    };
    expect((await signIn("copier@example.org", totpNow(secret))).status).toBe(401);
    // Enrolling spent this time step's code (a code is good once): sign in as a new step would.
    await t.db.updateTable("two_factor").set({ last_step: null }).where("user_id", "=", who.id).execute();
    expect((await signIn("sealed@example.org", totpNow(secret))).status).toBe(302);
  });

  it("the migration seals the secrets stored before it, and its reversal opens them again", async () => {
    const who = await actorFor(t.db, { email: "before-sealing@example.org" });
    await enrolTwoFactor(t.db, who.id);
    await migrator(t.db).migrateTo("2026-12-05-040-ideas-born-at-events");
    try {
      const plain = await t.db.selectFrom("two_factor").select("secret").where("user_id", "=", who.id).executeTakeFirstOrThrow();
      expect(plain.secret).toBe(FACTORY_TOTP_SECRET);
    } finally {
      await migrator(t.db).migrateToLatest();
    }
    const sealed = await t.db.selectFrom("two_factor").select("secret").where("user_id", "=", who.id).executeTakeFirstOrThrow();
    expect(sealed.secret).toMatch(/^v1:/);
    expect(sealed.secret).not.toContain(FACTORY_TOTP_SECRET);
    const first = await call(loginRoute.action, { path: "/login", form: { email: "before-sealing@example.org", password: FACTORY_PASSWORD }, context: contextFor(t.services, null) });
    const challenge = (first.data as { challenge: string }).challenge;
    const second = await call(loginRoute.action, { path: "/login", form: { intent: "code", challenge, code: totpNow(FACTORY_TOTP_SECRET) }, context: contextFor(t.services, null) });
    expect(second.status).toBe(302);
  });
});

describe("an admin resets a person's two-factor sign-in (lost phone)", () => {
  it("needs a reason; turns it off, ends the person's sessions, tells them, writes the audit; their staff roles wait for a new enrolment", async () => {
    const admin = await actorFor(t.db, { roles: [{ role: "admin" }] });
    const officer = await actorFor(t.db, { email: "lost-phone@example.org", roles: [{ role: "agency_officer", agency: "moef" }] });
    await enrolTwoFactor(t.db, officer.id);
    await t.services.auth.createSession(officer.id, {});
    const path = { path: `/admin/users/${officer.id}`, params: { id: String(officer.id) }, context: contextFor(t.services, admin) };

    const noReason = await call(adminUser.action, { ...path, form: { intent: "resetTwoFactor", reason: "  " } });
    expect(noReason.status).toBe(400);
    expect(noReason.data).toMatchObject({ errors: { reason: [{ key: "errors.required" }] }, values: { intent: "resetTwoFactor" } });
    expect(await t.db.selectFrom("two_factor").select("user_id").where("user_id", "=", officer.id).execute()).toHaveLength(1);

    const reset = await call(adminUser.action, { ...path, form: { intent: "resetTwoFactor", reason: "Lost phone; checked by video call" } });
    expect(reset.status).toBe(200);
    expect(reset.data).toMatchObject({ done: "twoFactorReset" });
    expect(await t.db.selectFrom("two_factor").select("user_id").where("user_id", "=", officer.id).execute()).toEqual([]);
    expect(await t.db.selectFrom("two_factor_recovery_codes").select("id").where("user_id", "=", officer.id).execute()).toEqual([]);
    expect(await t.db.selectFrom("sessions").select("id").where("user_id", "=", officer.id).execute()).toEqual([]);
    const [notice] = (await mailsTo("lost-phone@example.org")).filter((m) => m.kind === "two_factor_reset");
    expect(notice.text_body).toContain("Lost phone; checked by video call");
    expect(notice.text_body).toContain("http://madang.test/me/security#two-factor");
    const audit = (await auditOf(officer.id)).filter((a) => a.action === "account.resetTwoFactor");
    expect(audit).toHaveLength(1);
    expect(Number(audit[0].actor_id)).toBe(admin.id);
    expect(audit[0].details).toMatchObject({ reason: "Lost phone; checked by video call" });

    // Nothing left to reset; and nobody resets their own.
    expect((await call(adminUser.action, { ...path, form: { intent: "resetTwoFactor", reason: "Again" } })).status).toBe(409);
    await enrolTwoFactor(t.db, admin.id);
    const own = await call(adminUser.action, { path: `/admin/users/${admin.id}`, params: { id: String(admin.id) }, context: contextFor(t.services, admin), form: { intent: "resetTwoFactor", reason: "Mine" } });
    expect(own.status).toBe(409);
    expect(own.data).toMatchObject({ errors: { _form: [{ key: "trust.twoFactorReset.errors.notYourself" }] } });
  });

  it("a staff member whose second factor was reset acts as a citizen until enrolling again (outside demo mode)", async () => {
    const { resolveActor } = await import("../../app/auth/actor.server");
    const officer = await actorFor(t.db, { roles: [{ role: "agency_officer", agency: "moef" }] });
    await enrolTwoFactor(t.db, officer.id);
    const admin = await actorFor(t.db, { roles: [{ role: "admin" }] });
    const production = { ...t.services, config: { ...t.services.config, demo: false } };
    const session = await t.services.auth.createSession(officer.id, {});
    const before = await resolveActor(production, t.services.auth.createSessionCookie(session.id).serialize());
    expect(before.actor?.grants.map((g) => g.role)).toEqual(["agency_officer"]);
    await call(adminUser.action, { path: `/admin/users/${officer.id}`, params: { id: String(officer.id) }, context: contextFor(t.services, admin), form: { intent: "resetTwoFactor", reason: "Lost phone" } });
    const fresh = await t.services.auth.createSession(officer.id, {});
    const after = await resolveActor(production, t.services.auth.createSessionCookie(fresh.id).serialize());
    expect(after.actor?.grants).toEqual([]);
    expect(after.actor?.rolesOnHold).toBe(true);
  });
});

describe("revoking an identity verification", () => {
  it("by a verifier or an admin, with a reason: the level drops, supports keep theirs, the person is told, the audit keeps who and why", async () => {
    const verifier = await actorFor(t.db, { roles: [{ role: "identity_verifier" }] });
    const person = await actorFor(t.db, { email: "verified-by-mistake@example.org" });
    const desk = (who: Actor, form: Record<string, string>) => call(identityDesk.action, { path: "/identity-desk", form, context: contextFor(t.services, who) });
    expect((await desk(verifier, { email: person.email, place: "Jongno-gu office", checked: "on" })).status).toBe(200);
    expect((await verificationOf(t.db, person.id)).level).toBe(3);
    const author = await actorFor(t.db);
    const ideaId = await createIdea(t.db, { author, title: "Lights on the river path at night" });
    await support(t.db, person.id, ideaId);
    const supportLevel = async () => (await t.db.selectFrom("supports").select("verification_level").where("user_id", "=", person.id).executeTakeFirstOrThrow()).verification_level;
    const verifiedCount = async () => (await t.db.selectFrom("ideas").select("verified_support_count").where("id", "=", ideaId).executeTakeFirstOrThrow()).verified_support_count;
    expect(await supportLevel()).toBe(3);
    const countBefore = await verifiedCount();

    const noReason = await desk(verifier, { intent: "revoke", account: person.email, reason: "" });
    expect(noReason.status).toBe(400);
    expect(noReason.data).toMatchObject({ errors: { reason: [{ key: "errors.required" }] }, values: { account: person.email } });
    const unknown = await desk(verifier, { intent: "revoke", account: "nobody-here@example.org", reason: "Wrong person" });
    expect(unknown.status).toBe(404);
    expect(unknown.data).toMatchObject({ errors: { account: [{ key: "trust.revoke.errors.noVerification" }] } });

    const revoked = await desk(verifier, { intent: "revoke", account: person.email, reason: "The photo did not match" });
    expect(revoked.status).toBe(200);
    expect((await verificationOf(t.db, person.id)).level).toBe(1);
    // The support keeps the level it was given at; the idea's verified count does not move.
    expect(await supportLevel()).toBe(3);
    expect(await verifiedCount()).toBe(countBefore);
    const row = await t.db.selectFrom("identity_verifications").selectAll().where("user_id", "=", person.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ revoked_by: verifier.id, revocation_reason: "The photo did not match", subject_hmac: null });
    const [notice] = (await mailsTo(person.email)).filter((m) => m.kind === "verification_revoked");
    expect(notice.text_body).toContain("The photo did not match");
    const audit = (await auditOf(person.id)).filter((a) => a.action === "identity.revoke");
    expect(audit).toHaveLength(1);
    expect(Number(audit[0].actor_id)).toBe(verifier.id);
    // Once: there is nothing in force to revoke now.
    expect((await desk(verifier, { intent: "revoke", account: person.email, reason: "Again" })).status).toBe(404);

    // Verified again later, the revocation is history: the new verification stands.
    expect((await desk(verifier, { email: person.email, place: "Mapo-gu office", checked: "on" })).status).toBe(200);
    expect((await verificationOf(t.db, person.id)).level).toBe(3);
    expect(await t.db.selectFrom("identity_verifications").select(["revoked_at", "revocation_reason"]).where("user_id", "=", person.id).executeTakeFirstOrThrow()).toEqual({ revoked_at: null, revocation_reason: null });

    // An admin revokes too, from the same page (without the in-person form).
    const admin = await actorFor(t.db, { roles: [{ role: "admin" }] });
    const page = await call(identityDesk.loader, { path: "/identity-desk", context: contextFor(t.services, admin) });
    expect(page.data).toEqual({ canVerify: false });
    expect((await desk(admin, { intent: "revoke", account: person.email, reason: "Fraud reported by the provider" })).status).toBe(200);
    expect((await verificationOf(t.db, person.id)).level).toBe(1);
    // A moderator may not.
    const moderator = await actorFor(t.db, { roles: [{ role: "moderator" }] });
    expect((await desk(moderator, { intent: "revoke", account: person.email, reason: "No" })).status).toBe(403);
  });
});
