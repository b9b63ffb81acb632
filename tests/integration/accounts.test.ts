import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  authenticate,
  registerUser,
  requestPasswordReset,
  resetPassword,
  resendVerification,
  verifyEmail,
} from "../../app/domain/accounts/accounts.server";
import { openTestDatabase, type TestDatabase } from "./db";

let t: TestDatabase;
let deps: { db: TestDatabase["db"]; publicUrl: string; now?: () => Date };

beforeAll(async () => {
  t = await openTestDatabase();
  deps = { db: t.db, publicUrl: "http://madang.test" };
});
afterAll(() => t?.close());

const unique = () => `p${Date.now()}${Math.random().toString(36).slice(2, 8)}@example.org`;
const GOOD = "a long and unusual passphrase";

async function mailsTo(address: string) {
  return t.db.selectFrom("email_outbox").selectAll().where("to_address", "=", address).orderBy("id").execute();
}

function tokenIn(text: string, path: string): string {
  const match = text.match(new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`));
  if (!match) throw new Error(`no ${path} link in: ${text}`);
  return match[1];
}

describe("joining", () => {
  it("stores an unverified account with a lower-cased e-mail and mails a verification link", async () => {
    const email = unique();
    const result = await registerUser(deps, { email: ` ${email.toUpperCase()} `, displayName: "  김 민지 ", password: GOOD }, "ko");
    expect(result.ok).toBe(true);
    const user = await t.db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirstOrThrow();
    expect(user.display_name).toBe("김 민지");
    expect(user.email_verified_at).toBeNull();
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    const [mail] = await mailsTo(email);
    expect(mail.kind).toBe("verify_email");
    expect(mail.subject).toContain("인증"); // Korean, the language the person joined in
    expect(mail.text_body).toContain("http://madang.test/verify-email?token=");
  });

  it("makes no second account for the same e-mail, whatever its case, and tells its owner instead of the page", async () => {
    const email = unique();
    expect((await registerUser(deps, { email, displayName: "First", password: GOOD }, "en")).ok).toBe(true);
    const again = await registerUser(deps, { email: email.toUpperCase(), displayName: "Second", password: GOOD }, "ko");
    // The same answer as a new account (issue 21, item 12): no error names the address.
    expect(again).toEqual({ ok: true, userId: null, email });
    const count = await t.db.selectFrom("users").select((eb) => eb.fn.countAll<number>().as("n")).where("email", "=", email).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
    const mails = await mailsTo(email);
    expect(mails.map((m) => m.kind)).toEqual(["verify_email", "join_attempt"]);
    // In the owner's language (they joined in English), not the visitor's.
    expect(mails[1].subject).toBe("Someone tried to join Madang with your address");
  });

  it("reports every bad field at once, including a common password", async () => {
    const result = await registerUser(deps, { email: "not-an-email", displayName: "x", password: "password1234" }, "en");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBe(400);
    expect(result.errors.email?.[0].key).toBe("errors.email");
    expect(result.errors.displayName?.[0].key).toBe("errors.displayNameLength");
    expect(result.errors.password?.[0].key).toBe("errors.passwordCommon");
  });

  it("refuses passwords shorter than 12 characters and missing fields", async () => {
    const result = await registerUser(deps, { email: unique(), displayName: "Someone", password: "Sh0rt!" }, "en");
    expect(result).toMatchObject({ ok: false, errors: { password: [{ key: "errors.passwordTooShort" }] } });
    // Eleven characters is one too few (ASVS 2.1.1); twelve will do.
    const eleven = await registerUser(deps, { email: unique(), displayName: "Someone", password: "Vq8#mLp2zRt" }, "en");
    expect(eleven).toMatchObject({ ok: false, errors: { password: [{ key: "errors.passwordTooShort" }] } });
    expect((await registerUser(deps, { email: unique(), displayName: "Someone", password: "Vq8#mLp2zRtw" }, "en")).ok).toBe(true);
    const empty = await registerUser(deps, {}, "en");
    expect(empty.ok).toBe(false);
  });
});

describe("verifying the e-mail address", () => {
  it("verifies once with the link; the link does not work twice", async () => {
    const email = unique();
    await registerUser(deps, { email, displayName: "Verifier", password: GOOD }, "en");
    const token = tokenIn((await mailsTo(email))[0].text_body, "verify-email");
    expect((await verifyEmail(deps, token)).ok).toBe(true);
    const user = await t.db.selectFrom("users").select("email_verified_at").where("email", "=", email).executeTakeFirstOrThrow();
    expect(user.email_verified_at).not.toBeNull();
    expect((await verifyEmail(deps, token)).ok).toBe(false);
    expect((await verifyEmail(deps, "made-up-token")).ok).toBe(false);
  });

  it("refuses a link older than 48 hours", async () => {
    const email = unique();
    await registerUser(deps, { email, displayName: "Late", password: GOOD }, "en");
    const token = tokenIn((await mailsTo(email))[0].text_body, "verify-email");
    const later = { ...deps, now: () => new Date(Date.now() + 49 * 3600_000) };
    expect((await verifyEmail(later, token)).ok).toBe(false);
  });

  it("a resent link replaces the earlier one", async () => {
    const email = unique();
    const joined = await registerUser(deps, { email, displayName: "Resender", password: GOOD }, "en");
    if (!joined.ok || joined.userId === null) throw new Error("join failed");
    await resendVerification(deps, joined.userId);
    const [first, second] = await mailsTo(email);
    expect((await verifyEmail(deps, tokenIn(first.text_body, "verify-email"))).ok).toBe(false);
    expect((await verifyEmail(deps, tokenIn(second.text_body, "verify-email"))).ok).toBe(true);
  });
});

describe("logging in", () => {
  it("accepts the right password and gives one message for a wrong password or an unknown e-mail", async () => {
    const email = unique();
    await registerUser(deps, { email, displayName: "Logger", password: GOOD }, "en");
    expect(await authenticate(deps, { email: email.toUpperCase(), password: GOOD })).toMatchObject({ ok: true });
    const wrong = await authenticate(deps, { email, password: "not the password at all" });
    const unknown = await authenticate(deps, { email: unique(), password: GOOD });
    expect(wrong).toEqual(unknown);
    expect(wrong).toMatchObject({ ok: false, status: 401, errors: { _form: [{ key: "errors.invalidCredentials" }] } });
  });

  it("lets an unverified account sign in (it can read, not act)", async () => {
    const email = unique();
    await registerUser(deps, { email, displayName: "Unverified", password: GOOD }, "en");
    expect((await authenticate(deps, { email, password: GOOD })).ok).toBe(true);
  });
});

describe("resetting a password", () => {
  it("says the same for unknown addresses but mails nothing", async () => {
    const email = unique();
    expect(await requestPasswordReset(deps, { email })).toMatchObject({ ok: true });
    expect(await mailsTo(email)).toHaveLength(0);
  });

  it("sets the new password, ends every session, verifies the address and works once", async () => {
    const email = unique();
    const joined = await registerUser(deps, { email, displayName: "Forgetful", password: GOOD }, "en");
    if (!joined.ok || joined.userId === null) throw new Error("join failed");
    const session = await t.services.auth.createSession(joined.userId, {});
    await requestPasswordReset(deps, { email });
    const resetMail = (await mailsTo(email)).find((m) => m.kind === "reset_password")!;
    const token = tokenIn(resetMail.text_body, "reset-password");

    const weak = await resetPassword(deps, { token, password: "password1234" });
    expect(weak).toMatchObject({ ok: false, errors: { password: [{ key: "errors.passwordCommon" }, { key: "errors.passwordHowTo" }] } });

    const NEW = "another quite unusual passphrase";
    expect((await resetPassword(deps, { token, password: NEW })).ok).toBe(true);
    expect((await authenticate(deps, { email, password: GOOD })).ok).toBe(false);
    expect((await authenticate(deps, { email, password: NEW })).ok).toBe(true);
    expect((await t.services.auth.validateSession(session.id)).session).toBeNull();
    const user = await t.db.selectFrom("users").select("email_verified_at").where("email", "=", email).executeTakeFirstOrThrow();
    expect(user.email_verified_at).not.toBeNull();
    expect((await resetPassword(deps, { token, password: "yet another passphrase here" })).ok).toBe(false);
  });

  it("refuses a reset link after an hour", async () => {
    const email = unique();
    await registerUser(deps, { email, displayName: "Slow", password: GOOD }, "en");
    await requestPasswordReset(deps, { email });
    const token = tokenIn((await mailsTo(email)).find((m) => m.kind === "reset_password")!.text_body, "reset-password");
    const later = { ...deps, now: () => new Date(Date.now() + 61 * 60_000) };
    expect((await resetPassword(later, { token, password: "a fine new passphrase" })).ok).toBe(false);
  });
});

describe("sessions", () => {
  it("a session validates until it is invalidated", async () => {
    const email = unique();
    const joined = await registerUser(deps, { email, displayName: "Session", password: GOOD }, "en");
    if (!joined.ok || joined.userId === null) throw new Error("join failed");
    const session = await t.services.auth.createSession(joined.userId, {});
    const valid = await t.services.auth.validateSession(session.id);
    expect(valid.user?.email).toBe(email);
    expect(valid.user?.emailVerified).toBe(false);
    await t.services.auth.invalidateSession(session.id);
    expect((await t.services.auth.validateSession(session.id)).session).toBeNull();
  });
});
