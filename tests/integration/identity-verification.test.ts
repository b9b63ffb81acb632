// Identity verification (issue 17): through a real OpenID Connect provider started here, by the
// real redirect, sign-in and token exchange; one verified account per person (only an HMAC of
// the person's identifier is stored); in-person verification by staff, with an audit row.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/domain/accounts/permissions";
import { grantsOf } from "../../app/domain/accounts/roles.server";
import { finishVerification, startVerification } from "../../app/domain/identity/oidc.server";
import type { IdentityConfig } from "../../app/domain/identity/providers.server";
import { verificationOf, verifyInPerson } from "../../app/domain/identity/verification.server";
import { leaveMadang } from "../../app/domain/privacy/delete.server";
import { citizenActor, createUser, FACTORY_PASSWORD, type RoleSpec } from "../../db/factories";
import { signInAtProvider, startTestProvider, type TestProvider } from "../fixtures/oidc-provider";
import { openTestDatabase, type TestDatabase } from "./db";

const CALLBACK = "http://madang.test/me/verify/callback";
let t: TestDatabase;
let op: TestProvider;
let identity: IdentityConfig;

beforeAll(async () => {
  t = await openTestDatabase();
  op = await startTestProvider([CALLBACK]);
  identity = {
    hmacKey: "a server key of at least thirty-two characters, for tests",
    providers: [
      {
        name: "testid",
        issuer: op.issuer,
        clientId: op.clientId,
        clientSecret: op.clientSecret,
        labelKo: "시험 인증",
        labelEn: "Test ID",
        scope: "openid identity",
        subjectClaim: "ci",
        namespace: "ci",
        birthYearClaim: "birthdate",
        regionClaim: "region",
      },
    ],
  };
});
afterAll(async () => {
  await op?.close();
  await t?.close();
});

async function person(roles: RoleSpec[] = []): Promise<Actor> {
  const user = await createUser(t.db, { roles });
  return { ...citizenActor(user.id), email: user.email, grants: await grantsOf(t.db, user.id) };
}

/** The whole round trip, as the person's browser makes it. */
async function verifyThroughProvider(actor: Actor, login: string) {
  const started = await startVerification(t.db, actor, identity, "testid", CALLBACK);
  if (!started.ok) throw new Error(JSON.stringify(started.errors));
  expect(started.url.startsWith(`${op.issuer}/`)).toBe(true);
  const back = await signInAtProvider(started.url, login, CALLBACK);
  return finishVerification(t.db, actor, identity, back);
}

describe("identity verification through an OpenID Connect provider", () => {
  it("raises the account to identity verified, keeping the birth year and province but never the identifier", async () => {
    const me = await person();
    op.person("kim", { ci: "CI-of-kim-0001", birthdate: "1990-05-17", region: "부산광역시" });
    expect((await verificationOf(t.db, me.id)).level).toBe(1);
    const result = await verifyThroughProvider(me, "kim");
    expect(result).toMatchObject({ ok: true, level: 2 });
    const v = await verificationOf(t.db, me.id);
    expect(v).toMatchObject({ level: 2, method: "oidc", provider: "testid", birthYear: 1990 });
    const busan = await t.db.selectFrom("regions").select("id").where("code", "=", "busan").executeTakeFirstOrThrow();
    expect(v.provinceId).toBe(busan.id);
    // The identifier is nowhere in the database's row: only a 64-hex-digit HMAC.
    const row = await t.db.selectFrom("identity_verifications").selectAll().where("user_id", "=", me.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain("CI-of-kim-0001");
    expect(row.subject_hmac).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses a second account of the same person with a clear message, and the first keeps its verification", async () => {
    const first = await person();
    const second = await person();
    op.person("lee-phone", { ci: "CI-of-lee-0002", birthdate: "1985", region: "seoul" });
    op.person("lee-other-login", { ci: "CI-of-lee-0002" });
    expect((await verifyThroughProvider(first, "lee-phone")).ok).toBe(true);
    const refused = await verifyThroughProvider(second, "lee-other-login");
    expect(refused).toMatchObject({ ok: false, status: 409, errors: { _form: [{ key: "verification.errors.sameIdentity" }] } });
    expect((await verificationOf(t.db, second.id)).level).toBe(1);
    expect((await verificationOf(t.db, first.id)).level).toBe(2);
    // The same account verifying again (a renewal) is fine.
    expect((await verifyThroughProvider(first, "lee-phone")).ok).toBe(true);
  });

  it("refuses a callback that was not started by this person, or replayed", async () => {
    const me = await person();
    const other = await person();
    op.person("park", { ci: "CI-of-park-0003" });
    const started = await startVerification(t.db, me, identity, "testid", CALLBACK);
    if (!started.ok) throw new Error("not started");
    const back = await signInAtProvider(started.url, "park", CALLBACK);
    // Someone else's session cannot finish it.
    expect(await finishVerification(t.db, other, identity, back)).toMatchObject({ ok: false, errors: { _form: [{ key: "verification.errors.startAgain" }] } });
    // And after that attempt the request is spent: the owner starts again.
    const again = await startVerification(t.db, me, identity, "testid", CALLBACK);
    if (!again.ok) throw new Error("not started");
    const back2 = await signInAtProvider(again.url, "park", CALLBACK);
    expect((await finishVerification(t.db, me, identity, back2)).ok).toBe(true);
    expect(await finishVerification(t.db, me, identity, back2)).toMatchObject({ ok: false, errors: { _form: [{ key: "verification.errors.startAgain" }] } });
  });

  it("lets a person who cancels at the provider start again", async () => {
    const me = await person();
    const started = await startVerification(t.db, me, identity, "testid", CALLBACK);
    if (!started.ok) throw new Error("not started");
    const state = new URL(started.url).searchParams.get("state")!;
    const cancelled = new URL(`${CALLBACK}?error=access_denied&state=${state}`);
    expect(await finishVerification(t.db, me, identity, cancelled)).toMatchObject({ ok: false, errors: { _form: [{ key: "verification.errors.cancelled" }] } });
    expect((await verificationOf(t.db, me.id)).level).toBe(1);
  });

  it("offers nothing for a provider not configured, and asks a visitor to sign in", async () => {
    const me = await person();
    expect(await startVerification(t.db, me, identity, "nosuch", CALLBACK)).toMatchObject({ ok: false, status: 400 });
    expect(await startVerification(t.db, null, identity, "testid", CALLBACK)).toMatchObject({ ok: false, status: 401 });
  });

  it("a person who left Madang may verify a new account: leaving erases the verification and its HMAC", async () => {
    const first = await person();
    op.person("han", { ci: "CI-of-han-0005", birthdate: "1970-01-01" });
    expect((await verifyThroughProvider(first, "han")).ok).toBe(true);
    expect((await leaveMadang(t.db, first, { password: FACTORY_PASSWORD })).ok).toBe(true);
    expect(await t.db.selectFrom("identity_verifications").select("user_id").where("user_id", "=", first.id).execute()).toEqual([]);
    const second = await person();
    expect(await verifyThroughProvider(second, "han")).toMatchObject({ ok: true, level: 2 });
  });

  it("expires after the setting's days", async () => {
    const me = await person();
    op.person("choi", { ci: "CI-of-choi-0004" });
    expect((await verifyThroughProvider(me, "choi")).ok).toBe(true);
    const later = new Date(Date.now() + 731 * 86_400_000);
    expect((await verificationOf(t.db, me.id, later)).level).toBe(1);
  });
});

describe("in-person verification by staff", () => {
  it("marks the account verified in person, with an audit row naming who and where", async () => {
    const desk = await person([{ role: "identity_verifier" }]);
    const citizen = await person();
    const result = await verifyInPerson(t.db, desk, { email: citizen.email, place: "Jongno-gu office desk", checked: "on" });
    expect(result.ok).toBe(true);
    expect(await verificationOf(t.db, citizen.id)).toMatchObject({ level: 3, method: "in_person", place: "Jongno-gu office desk" });
    const audit = await t.db.selectFrom("audit_log").selectAll().where("action", "=", "identity.verify_in_person").where("target_id", "=", String(citizen.id)).executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(desk.id);
    expect(audit.details).toMatchObject({ place: "Jongno-gu office desk" });
  });

  it("is refused to anyone without the role, to oneself, and without the ID checked", async () => {
    const citizen = await person();
    const moderator = await person([{ role: "moderator" }]);
    const desk = await person([{ role: "identity_verifier" }]);
    expect(await verifyInPerson(t.db, moderator, { email: citizen.email, place: "x", checked: "on" })).toMatchObject({ ok: false, status: 403 });
    expect(await verifyInPerson(t.db, citizen, { email: citizen.email, place: "x", checked: "on" })).toMatchObject({ ok: false, status: 403 });
    expect(await verifyInPerson(t.db, desk, { email: desk.email, place: "x", checked: "on" })).toMatchObject({ ok: false, status: 409 });
    expect(await verifyInPerson(t.db, desk, { email: citizen.email, place: "x" })).toMatchObject({ ok: false, status: 400 });
    expect(await verifyInPerson(t.db, desk, { email: "nobody-here@example.org", place: "x", checked: "on" })).toMatchObject({ ok: false, status: 404 });
    expect((await verificationOf(t.db, citizen.id)).level).toBe(1);
  });
});
