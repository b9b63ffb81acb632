// Two-factor sign-in (issue 17, Staff accounts; decision 047), through the route modules as
// Remix calls them and the request pipeline's own resolveActor: enrolling on /me/security, the
// code asked for after the password, recovery codes good once, the limits, and staff roles that
// apply outside demo mode only once the account is enrolled. Codes are computed here with
// @oslojs/otp from the key the page shows, as an authenticator app would.
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP, generateTOTP } from "@oslojs/otp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveActor } from "../../app/auth/actor.server";
import { action as login } from "../../app/routes/login";
import { action as ideaPageAction } from "../../app/routes/ideas.$id._index";
import { action as security, loader as securityPage } from "../../app/routes/me.security";
import type { Services } from "../../app/services.server";
import { createUser, enrolTwoFactor, FACTORY_PASSWORD } from "../../db/factories";
import { ideaAt, setUpWorld } from "./actions";
import { openTestDatabase, type TestDatabase } from "./db";
import { contextFor } from "./harness";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
  await setUpWorld(t);
}, 120_000);
afterAll(() => t?.close());

const totp = (secret: string) => generateTOTP(decodeBase32IgnorePadding(secret), 30, 6);
/** The code of the time step after the current one: good now (one step of leeway), unused so far. */
const nextTotp = (secret: string) => generateHOTP(decodeBase32IgnorePadding(secret), BigInt(Math.floor(Date.now() / 30_000)) + 1n, 6);

let ipCounter = 0;
const freshIp = () => `10.77.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

async function run(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  fn: (args: any) => unknown,
  path: string,
  options: { form?: Record<string, string>; cookie?: string; ip?: string; services?: Services } = {},
) {
  const services = options.services ?? t.services;
  const request = new Request(`http://madang.test${path}`, {
    method: options.form ? "POST" : "GET",
    body: options.form ? new URLSearchParams(options.form) : undefined,
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: options.cookie ?? "" },
  });
  const actor = options.cookie ? (await resolveActor(services, options.cookie)).actor : null;
  let result: unknown;
  try {
    result = await fn({ request, params: {}, context: contextFor(services, actor, options.ip ?? freshIp()) as never });
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    result = thrown;
  }
  const response = result as Response;
  const text = await response.text();
  return { status: response.status, setCookie: response.headers.get("set-cookie") ?? "", data: text ? JSON.parse(text) : null, location: response.headers.get("location") };
}

async function cookieFor(userId: number) {
  const session = await t.services.auth.createSession(userId, {});
  return t.services.auth.createSessionCookie(session.id).serialize().split(";")[0];
}
const sessionCookieOf = (setCookie: string) => setCookie.split(/,(?=\s*madang_)/).find((c) => c.trim().startsWith("madang_session="))?.split(";")[0].trim() ?? "";

/** Enrols through /me/security as the person would: the key from the page, a code from it. */
async function enrolThroughPage(cookie: string) {
  const page = await run(securityPage, "/me/security", { cookie });
  expect(page.status).toBe(200);
  const secret: string = page.data.enrol.secret;
  // The key is shown as text too, in groups of four, for people who cannot scan.
  expect(page.data.enrol.grouped.replace(/ /g, "")).toBe(secret);
  const done = await run(security, "/me/security", { cookie, form: { intent: "enrol", secret, code: totp(secret) } });
  expect(done.status, JSON.stringify(done.data)).toBe(200);
  return { secret, recoveryCodes: done.data.recoveryCodes as string[] };
}

async function passwordStep(email: string, ip = freshIp()) {
  return run(login, "/login", { form: { email, password: FACTORY_PASSWORD, next: "/me" }, ip });
}

describe("enrolling on /me/security", () => {
  it("keeps the key only when a code made from it is right, gives ten recovery codes once, and ends the account's other sessions", async () => {
    const person = await createUser(t.db);
    const cookie = await cookieFor(person.id);
    const elsewhere = await cookieFor(person.id);
    const page = await run(securityPage, "/me/security", { cookie });
    expect(page.data.twoFactor).toBeNull();
    const secret: string = page.data.enrol.secret;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    const wrongCode = String((Number(totp(secret)) + 1) % 1_000_000).padStart(6, "0");
    const refused = await run(security, "/me/security", { cookie, form: { intent: "enrol", secret, code: wrongCode } });
    expect(refused.status).toBe(400);
    expect(refused.data.errors.code).toEqual([{ key: "twoFactor.errors.wrongCode" }]);
    // The same key comes back, so that the app that scanned it stays right.
    expect(refused.data.retry.secret).toBe(secret);
    expect(await t.db.selectFrom("two_factor").selectAll().where("user_id", "=", person.id).execute()).toEqual([]);

    const done = await run(security, "/me/security", { cookie, form: { intent: "enrol", secret, code: totp(secret) } });
    expect(done.status).toBe(200);
    expect(done.data.recoveryCodes).toHaveLength(10);
    expect(new Set(done.data.recoveryCodes).size).toBe(10);
    for (const code of done.data.recoveryCodes) expect(code).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
    // Only hashes are stored: no code appears in the table.
    const stored = await t.db.selectFrom("two_factor_recovery_codes").select("code_hash").where("user_id", "=", person.id).execute();
    expect(stored).toHaveLength(10);
    for (const code of done.data.recoveryCodes) expect(JSON.stringify(stored)).not.toContain(code.replace(/-/g, ""));

    expect((await resolveActor(t.services, cookie)).actor?.id).toBe(person.id);
    expect((await resolveActor(t.services, elsewhere)).actor).toBeNull();
    const after = await run(securityPage, "/me/security", { cookie });
    expect(after.data.twoFactor.recoveryCodesLeft).toBe(10);
    expect(after.data.enrol).toBeNull();
  });
});

describe("signing in with two-factor", () => {
  it("asks for the code after the password; a wrong code is refused; the right one signs in; the same code is not good twice", async () => {
    const person = await createUser(t.db);
    const { secret } = await enrolThroughPage(await cookieFor(person.id));

    const first = await passwordStep(person.email);
    expect(first.status).toBe(200);
    expect(first.data.step).toBe("code");
    expect(sessionCookieOf(first.setCookie)).toBe("");
    const challenge: string = first.data.challenge;

    const wrong = await run(login, "/login", { form: { intent: "code", challenge, code: "000000" === totp(secret) ? "111111" : "000000", next: "/me" } });
    expect(wrong.status).toBe(401);
    expect(wrong.data.errors.code).toEqual([{ key: "twoFactor.errors.wrongCode" }]);
    expect(wrong.data.step).toBe("code");
    expect(sessionCookieOf(wrong.setCookie)).toBe("");

    const code = nextTotp(secret);
    const right = await run(login, "/login", { form: { intent: "code", challenge, code, next: "/me" } });
    expect(right.status).toBe(302);
    expect(right.location).toBe("/me");
    const signedIn = sessionCookieOf(right.setCookie);
    expect((await resolveActor(t.services, signedIn)).actor?.id).toBe(person.id);

    // The challenge is spent, and the code too, even with a new password step.
    const again = await run(login, "/login", { form: { intent: "code", challenge, code, next: "/me" } });
    expect(again.status).toBe(400);
    expect(again.data.errors._form).toEqual([{ key: "twoFactor.errors.challengeExpired" }]);
    const second = await passwordStep(person.email);
    const replay = await run(login, "/login", { form: { intent: "code", challenge: second.data.challenge, code, next: "/me" } });
    expect(replay.status).toBe(401);
  });

  it("a recovery code signs in once, and not a second time", async () => {
    const person = await createUser(t.db);
    const { recoveryCodes } = await enrolThroughPage(await cookieFor(person.id));
    const code = recoveryCodes[3];

    const first = await passwordStep(person.email);
    // Typed in capitals and without dashes: the same code.
    const used = await run(login, "/login", { form: { intent: "code", challenge: first.data.challenge, code: code.replace(/-/g, "").toUpperCase(), next: "/" } });
    expect(used.status).toBe(302);
    expect(sessionCookieOf(used.setCookie)).not.toBe("");

    const second = await passwordStep(person.email);
    const reused = await run(login, "/login", { form: { intent: "code", challenge: second.data.challenge, code, next: "/" } });
    expect(reused.status).toBe(401);
    expect(reused.data.errors.code).toEqual([{ key: "twoFactor.errors.wrongCode" }]);
    expect(sessionCookieOf(reused.setCookie)).toBe("");
    const page = await run(securityPage, "/me/security", { cookie: await cookieFor(person.id) });
    expect(page.data.twoFactor.recoveryCodesLeft).toBe(9);
  });

  it("five wrong codes end the challenge (the password again), and wrong codes count against the account like wrong passwords", async () => {
    const person = await createUser(t.db);
    const { secret } = await enrolThroughPage(await cookieFor(person.id));
    const wrongCode = () => String((Number(totp(secret)) + 500_000) % 1_000_000).padStart(6, "0");
    const first = await passwordStep(person.email);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await run(login, "/login", { form: { intent: "code", challenge: first.data.challenge, code: wrongCode(), next: "/" } })).data);
    expect(answers.slice(0, 4).map((a) => a.errors.code?.[0].key)).toEqual(Array(4).fill("twoFactor.errors.wrongCode"));
    expect(answers[4].errors._form).toEqual([{ key: "twoFactor.errors.tooManyCodes" }]);
    expect(answers[4].step).toBeUndefined();
    const late = await run(login, "/login", { form: { intent: "code", challenge: first.data.challenge, code: nextTotp(secret), next: "/" } });
    expect(late.status).toBe(400);

    // The account's budget (ten per quarter hour, decision 024) is shared by passwords and codes:
    // five more wrong codes from other addresses, then even the right code waits.
    const second = await passwordStep(person.email);
    for (let i = 0; i < 4; i++) await run(login, "/login", { form: { intent: "code", challenge: second.data.challenge, code: wrongCode(), next: "/" } });
    const third = await passwordStep(person.email);
    await run(login, "/login", { form: { intent: "code", challenge: third.data.challenge, code: wrongCode(), next: "/" } });
    const limited = await run(login, "/login", { form: { intent: "code", challenge: third.data.challenge, code: nextTotp(secret), next: "/" } });
    expect(limited.status).toBe(429);
    expect(sessionCookieOf(limited.setCookie)).toBe("");
  });

  it("an account without two-factor signs in with the password alone, as before", async () => {
    const person = await createUser(t.db);
    const answer = await passwordStep(person.email);
    expect(answer.status).toBe(302);
    expect(sessionCookieOf(answer.setCookie)).not.toBe("");
  });
});

describe("turning it off and new recovery codes", () => {
  it("turning off needs the password and a code; new recovery codes replace the old ones", async () => {
    const person = await createUser(t.db);
    const cookie = await cookieFor(person.id);
    const { secret, recoveryCodes } = await enrolThroughPage(cookie);

    const renewed = await run(security, "/me/security", { cookie, form: { intent: "renewCodes", renewCode: nextTotp(secret) } });
    expect(renewed.status).toBe(200);
    expect(renewed.data.recoveryCodes).toHaveLength(10);
    expect(renewed.data.recoveryCodes).not.toContain(recoveryCodes[0]);

    const withoutCode = await run(security, "/me/security", { cookie, form: { intent: "disable", password: FACTORY_PASSWORD, code: recoveryCodes[0] } });
    expect(withoutCode.status).toBe(400);
    expect(withoutCode.data.errors.code).toEqual([{ key: "twoFactor.errors.wrongCode" }]);
    const wrongPassword = await run(security, "/me/security", { cookie, form: { intent: "disable", password: "not my password at all", code: renewed.data.recoveryCodes[0] } });
    expect(wrongPassword.status).toBe(400);
    expect(wrongPassword.data.errors.password).toEqual([{ key: "privacy.errors.wrongPassword" }]);
    const off = await run(security, "/me/security", { cookie, form: { intent: "disable", password: FACTORY_PASSWORD, code: renewed.data.recoveryCodes[0] } });
    expect(off.status).toBe(200);
    expect(await t.db.selectFrom("two_factor_recovery_codes").select("id").where("user_id", "=", person.id).execute()).toEqual([]);
    expect((await passwordStep(person.email)).status).toBe(302);

    // Each change was told to the account's own address, with where to check its sessions.
    const notices = await t.db.selectFrom("email_outbox").select(["kind", "text_body"]).where("to_address", "=", person.email).orderBy("id").execute();
    expect(notices.map((n) => n.kind)).toEqual(["two_factor_on", "two_factor_codes", "two_factor_off"]);
    for (const n of notices) expect(n.text_body).toContain("http://madang.test/me/security");
  });
});

describe("staff need two-factor sign-in before they act (outside demo mode)", () => {
  it("an unenrolled officer is signed in as a citizen and cannot answer; once enrolled, the same officer can", async () => {
    const idea = await ideaAt("under_review");
    const officer = await createUser(t.db, { roles: [{ role: "agency_officer", agency: "moef" }] });
    const cookie = await cookieFor(officer.id);
    expect(t.services.config.demo).toBe(false);

    const held = (await resolveActor(t.services, cookie)).actor!;
    expect(held.grants).toEqual([]);
    expect(held.rolesOnHold).toBe(true);
    const answer = { intent: "answer", outcome: "accepted", answer: "The ministry accepts this proposal. ".repeat(4) + "It will be funded from next year's budget, region by region." };
    const refused = await callIdea(idea.ideaId, cookie, answer);
    expect(refused.status, refused.text).toBe(403);
    expect(await statusOf(idea.ideaId)).toBe("under_review");

    // The page tells the officer why, and links to /me/security.
    const page = await run(securityPage, "/me/security", { cookie });
    expect(page.data.rolesOnHold).toBe(true);

    await enrolTwoFactor(t.db, officer.id);
    const enrolled = (await resolveActor(t.services, cookie)).actor!;
    expect(enrolled.grants.map((g) => g.role)).toEqual(["agency_officer"]);
    expect(enrolled.rolesOnHold).toBeUndefined();
    const allowed = await callIdea(idea.ideaId, cookie, answer);
    expect(allowed.status, allowed.text).toBeLessThan(400);
    expect(await statusOf(idea.ideaId)).toBe("answered");
  });

  it("in demo mode the staff accounts act without enrolling", async () => {
    const moderator = await createUser(t.db, { roles: [{ role: "moderator" }] });
    const cookie = await cookieFor(moderator.id);
    const demo = { ...t.services, config: { ...t.services.config, demo: true } } as Services;
    expect((await resolveActor(demo, cookie)).actor!.grants.map((g) => g.role)).toEqual(["moderator"]);
    expect((await resolveActor(t.services, cookie)).actor!.grants).toEqual([]);
  });
});

async function statusOf(ideaId: number) {
  return (await t.db.selectFrom("ideas").select("status").where("id", "=", ideaId).executeTakeFirstOrThrow()).status;
}

async function callIdea(ideaId: number, cookie: string, form: Record<string, string>) {
  const request = new Request(`http://madang.test/ideas/${ideaId}?index`, {
    method: "POST",
    body: new URLSearchParams(form),
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
  });
  const actor = (await resolveActor(t.services, cookie)).actor;
  try {
    const response = (await ideaPageAction({ request, params: { id: String(ideaId) }, context: contextFor(t.services, actor, freshIp()) } as never)) as Response;
    return { status: response.status, text: await response.text() };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, text: await thrown.text() };
    throw thrown;
  }
}
