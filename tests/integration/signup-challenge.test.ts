// Sign-up against bots (issue 17 "Bots and shared addresses", decision 048), through the real
// HTTP stack: the proof-of-work a browser running the page must solve (signed, expiring, taken
// once), the stricter limits of the no-JavaScript path, and throwaway e-mail domains refused.
// Client addresses are set by X-Forwarded-For behind one trusted proxy; the limits are the real
// ones (RATE_LIMIT_IP_SCALE=1).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import en from "../../app/locales/en";
import ko from "../../app/locales/ko";
import { CHALLENGE_FIELD, solvedChallenge, solvedChallengeFrom } from "../fixtures/signup-challenge";
import { newestMail, startTestApp, type TestApp } from "../fixtures/app";
import { openTestDatabase, type TestDatabase } from "./db";

let t: TestDatabase;
let app: TestApp;
let expired: string;

/** What the app answered a join: its status and its page's text. */
type Answer = { status: number; text: string };

beforeAll(async () => {
  t = await openTestDatabase();
  // Made before the app starts (the embedded database serves one conversation at a time): a
  // challenge issued 31 minutes ago, solved; challenges last 30.
  expired = await solvedChallenge(t.db, new Date(Date.now() - 31 * 60_000));
  app = await startTestApp(t.url, { RATE_LIMIT_IP_SCALE: "1", TRUST_PROXY: "1" });
}, 180_000);
afterAll(async () => {
  await app?.stop();
  await t?.close();
});

const PASSWORD = "orchard velvet compass 51";
let nextAddress = 0;
const anotherAddress = () => `192.0.2.${(nextAddress++ % 250) + 1}`;
const newEmail = (tag: string) => `${tag}-${randomUUID().slice(0, 8)}@example.org`;

async function join(form: Record<string, string>, options: { ip?: string; lang?: "ko" | "en" } = {}): Promise<Answer> {
  const response = await fetch(`${app.url}/join`, {
    method: "POST",
    headers: {
      origin: app.url,
      "content-type": "application/x-www-form-urlencoded",
      "x-forwarded-for": options.ip ?? anotherAddress(),
      "accept-language": options.lang ?? "en",
    },
    body: new URLSearchParams({ displayName: "Someone New", password: PASSWORD, ...form }),
    redirect: "manual",
  });
  const text = (await response.text()).replace(/&quot;/g, '"').replace(/&#x27;/g, "'");
  return { status: response.status, text };
}

/** Whether the address got its verification link, i.e. an account was made for it. */
const accountMadeFor = (email: string) =>
  newestMail(app.url, email, en.mail.verify.subject).then(
    (mail) => mail.includes("/verify-email?token="),
    () => false,
  );

describe("the proof-of-work of a page that ran", () => {
  it("lets a solved challenge through: the account is made", async () => {
    const email = newEmail("solved");
    const answer = await join({ email, [CHALLENGE_FIELD]: await solvedChallengeFrom(app.url) });
    expect(answer.status).toBe(200);
    expect(answer.text).toContain(en.join.checkMailTitle);
    expect(await accountMadeFor(email)).toBe(true);
  });

  it("refuses a page that sends the field without a solution, and says to wait for the calculation", async () => {
    const email = newEmail("unsolved");
    const answer = await join({ email, [CHALLENGE_FIELD]: "" });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain(en.join.challengeMissing);
    // What was typed is kept.
    expect(answer.text).toContain(`value="${email}"`);
    expect(await accountMadeFor(email)).toBe(false);
  });

  it("refuses a solution used a second time", async () => {
    const solved = await solvedChallengeFrom(app.url);
    const first = newEmail("first");
    const second = newEmail("replay");
    expect((await join({ email: first, [CHALLENGE_FIELD]: solved })).status).toBe(200);
    const replay = await join({ email: second, [CHALLENGE_FIELD]: solved });
    expect(replay.status).toBe(400);
    expect(replay.text).toContain(en.join.challengeFailed);
    expect(await accountMadeFor(second)).toBe(false);
  });

  it("refuses the same solution sent twice at once: exactly one gets through", async () => {
    const solved = await solvedChallengeFrom(app.url);
    const answers = await Promise.all([1, 2, 3].map((i) => join({ email: newEmail(`race-${i}`), [CHALLENGE_FIELD]: solved })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400, 400]);
  });

  it("refuses an expired challenge, in Korean and English, and one whose expiry was changed", async () => {
    for (const [lang, catalog] of [["en", en], ["ko", ko]] as const) {
      const answer = await join({ email: newEmail("expired"), [CHALLENGE_FIELD]: expired }, { lang });
      expect(answer.status).toBe(400);
      expect(answer.text).toContain(catalog.join.challengeExpired_other.replace("{{count}}", "30"));
    }
    // Moving the expiry forward breaks the server's signature.
    const payload = JSON.parse(Buffer.from(expired, "base64").toString("utf8"));
    payload.challenge.parameters.expiresAt = Math.floor(Date.now() / 1000) + 600;
    const revived = await join({ email: newEmail("revived"), [CHALLENGE_FIELD]: Buffer.from(JSON.stringify(payload)).toString("base64") });
    expect(revived.status).toBe(400);
    expect(revived.text).toContain(en.join.challengeFailed);
  });

  it("refuses a wrong answer and a challenge this server did not make", async () => {
    const payload = JSON.parse(Buffer.from(await solvedChallengeFrom(app.url), "base64").toString("utf8"));
    // One hex digit of the derived key changed: not the key the challenge's answer gives.
    payload.solution.derivedKey = (payload.solution.derivedKey[0] === "0" ? "1" : "0") + payload.solution.derivedKey.slice(1);
    const wrong = await join({ email: newEmail("wrong"), [CHALLENGE_FIELD]: Buffer.from(JSON.stringify(payload)).toString("base64") });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain(en.join.challengeFailed);
    for (const junk of ["not base64 at all", Buffer.from("{}").toString("base64"), Buffer.from('{"challenge":{"parameters":{},"signature":"00"},"solution":{}}').toString("base64")]) {
      const answer = await join({ email: newEmail("junk"), [CHALLENGE_FIELD]: junk });
      expect(answer.status, junk).toBe(400);
      expect(answer.text).toContain(en.join.challengeFailed);
    }
  });

  it("gives each page load a challenge of its own, which no cache keeps", async () => {
    const load = () => fetch(`${app.url}/join?_data=${encodeURIComponent("routes/join")}`);
    const [a, b] = await Promise.all([load(), load()]);
    expect(a.headers.get("cache-control")).toBe("no-store");
    const [ca, cb] = [(await a.json()).challenge, (await b.json()).challenge];
    expect(ca.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(ca.signature).not.toBe(cb.signature);
  });
});

describe("throwaway e-mail domains", () => {
  it("refuses an address at a disposable e-mail service, or a subdomain of one, with the message next to the e-mail field", async () => {
    for (const [email, lang, catalog] of [
      ["someone@mailinator.com", "en", en],
      ["someone@yopmail.com", "ko", ko],
      ["someone@inbox.guerrillamail.com", "en", en],
    ] as const) {
      const answer = await join({ email, [CHALLENGE_FIELD]: await solvedChallengeFrom(app.url) }, { lang });
      expect(answer.status, email).toBe(400);
      const fieldError = /<ul id="field-email-error"[^>]*>([\s\S]*?)<\/ul>/.exec(answer.text)?.[1] ?? "";
      expect(fieldError, email).toContain(catalog.errors.emailDisposable);
      expect(answer.text).toContain(`value="${email}"`);
      expect(await accountMadeFor(email)).toBe(false);
    }
  });

  it("takes ordinary providers, Korean ones included", async () => {
    for (const domain of ["naver.com", "daum.net", "gmail.com"]) {
      const email = `${randomUUID().slice(0, 8)}@${domain}`;
      expect((await join({ email, [CHALLENGE_FIELD]: await solvedChallengeFrom(app.url) })).status, domain).toBe(200);
    }
  });
});

describe("without JavaScript", () => {
  it("takes a form without the field, up to three an hour from one address, then says to wait or turn JavaScript on", async () => {
    const ip = "203.0.113.40";
    // A form refused for what was typed does not use up the allowance.
    const refused = await join({ email: newEmail("noscript"), password: "short" }, { ip });
    expect(refused.status).toBe(400);
    for (let i = 0; i < 3; i++) {
      const email = newEmail(`noscript-${i}`);
      expect((await join({ email }, { ip })).status).toBe(200);
      expect(await accountMadeFor(email)).toBe(true);
    }
    const fourth = await join({ email: newEmail("noscript-4") }, { ip });
    expect(fourth.status).toBe(429);
    expect(fourth.text).toContain(en.join.noScriptLimited_other.split("{{count}}")[0]);
    // The same address with a page that ran is not held back by it.
    expect((await join({ email: newEmail("with-script"), [CHALLENGE_FIELD]: await solvedChallengeFrom(app.url) }, { ip })).status).toBe(200);
  });

  it("stops at a hundred an hour for the whole site, however many addresses they come from", { timeout: 180_000 }, async () => {
    // 3 were made above; 97 more from addresses of their own, then the 101st is refused.
    for (let start = 0; start < 97; start += 8) {
      const batch = Array.from({ length: Math.min(8, 97 - start) }, (_, i) => join({ email: newEmail(`site-${start + i}`) }, { ip: `198.18.${start + i}.1` }));
      expect((await Promise.all(batch)).map((a) => a.status)).toEqual(batch.map(() => 200));
    }
    const beyond = await join({ email: newEmail("site-beyond") }, { ip: "198.18.200.1" });
    expect(beyond.status).toBe(429);
    // People whose browsers run the page still join.
    expect((await join({ email: newEmail("site-script"), [CHALLENGE_FIELD]: await solvedChallengeFrom(app.url) }, { ip: "198.18.201.1" })).status).toBe(200);
  });
});
