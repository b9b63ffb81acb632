// The XSS corpus (tests/fixtures/xss.ts) through every field people write — idea titles and
// bodies, display names, comments, committee posts, thread titles, lock reasons, rationales,
// official answers, progress notes, reassignment reasons, campaign texts, flag details,
// moderation notes and reasons, suspension reasons, blocked terms — written through the real
// use cases, then read back as the app serves them over HTTP (app/server.ts: pages, the Atom
// feed, the CSV and JSON exports) and as the e-mails in the outbox. Inert means: in HTML no
// script but the app's own (carrying this response's CSP nonce), no event-handler attribute,
// no javascript:/vbscript:/data: URL, no frame, object, embed, base or style element; in the
// feed nothing but Atom's own elements; in CSV no cell a spreadsheet would run as a formula.
// Each field carries a marker, and every marker must be found somewhere: proof that the text
// was shown (escaped), not merely dropped.
import { Parser } from "htmlparser2";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/domain/accounts/permissions";
import { registerUser } from "../../app/domain/accounts/accounts.server";
import { grantsOf } from "../../app/domain/accounts/roles.server";
import { createCampaign as openCampaign } from "../../app/domain/campaigns/campaigns.server";
import { commentOnIdea, createThread, lockThread } from "../../app/domain/deliberation/deliberation.server";
import { submitIdea } from "../../app/domain/ideas/ideas.server";
import { suspendAccount } from "../../app/domain/moderation/accounts.server";
import { addBlockedTerm } from "../../app/domain/moderation/blocklist.server";
import { decideItem, flagContent } from "../../app/domain/moderation/flags.server";
import { rejectIdea } from "../../app/domain/moderation/ideas.server";
import { invalidateSupports } from "../../app/domain/moderation/integrity.server";
import { DIGEST_WAIT_MS, fanOutFollowerEmails, sendDigests } from "../../app/domain/notifications/digest.server";
import { answerIdea, postProgress, reassign, recordRecommendation, takeUp } from "../../app/domain/workflow/workflow.server";
import { createCampaign, createUser, holdCommitteeVote, support, writeDigest } from "../../db/factories";
import { XSS_PAYLOADS } from "../fixtures/xss";
import { actor, campaignForm, ids, setUpWorld } from "./actions";
import { sessionCookie, startTestApp } from "../fixtures/app";
import { openTestDatabase, type TestDatabase } from "./db";
import { liftDailyLimits } from "./harness";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
  await setUpWorld(t);
  await liftDailyLimits(t.db);
}, 120_000);
afterAll(() => t?.close());

// ——— What inert means ———

const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "lowsrc", "dynsrc", "ping", "cite", "srcset"]);
const FORBIDDEN_ELEMENTS = new Set(["iframe", "frame", "frameset", "object", "embed", "applet", "base", "style", "template"]);

/** What in this HTML could run: scripts without the response's nonce, handlers, script URLs. */
function activeContent(html: string, nonce: string | null): string[] {
  const found: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === "script" && (nonce === null || attributes.nonce !== nonce)) found.push(`<script ${JSON.stringify(attributes)}>`);
        if (FORBIDDEN_ELEMENTS.has(name)) found.push(`<${name}>`);
        if (name === "meta" && (attributes["http-equiv"] ?? "").toLowerCase() === "refresh") found.push("<meta http-equiv=refresh>");
        for (const [attribute, value] of Object.entries(attributes)) {
          if (/^on/i.test(attribute)) found.push(`<${name} ${attribute}=${JSON.stringify(value)}>`);
          if (attribute === "srcdoc") found.push(`<${name} srcdoc>`);
          // What a browser does before reading the scheme: drop controls and whitespace.
          const url = value.replace(/[\u0000-\u0020\u007f]/g, "").toLowerCase();
          if (URL_ATTRIBUTES.has(attribute) && /^(javascript|vbscript|data):/.test(url)) found.push(`<${name} ${attribute}=${JSON.stringify(value)}>`);
          if (attribute === "style" && /url\(|expression|javascript:|@import/i.test(value)) found.push(`<${name} style=${JSON.stringify(value)}>`);
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return found;
}

const ATOM_ELEMENTS = new Set(["feed", "entry", "id", "title", "subtitle", "link", "updated", "published", "author", "name", "category", "content", "rights", "generator"]);

/** Elements in a feed that are not Atom's own: text that escaped its escaping. */
function foreignElements(xml: string): string[] {
  const found: string[] = [];
  const parser = new Parser({ onopentag: (name) => void (ATOM_ELEMENTS.has(name) || found.push(name)) }, { xmlMode: true });
  parser.write(xml);
  parser.end();
  return found;
}

/** RFC 4180 CSV into rows of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(cell), (cell = "");
    else if (c === "\r" && text[i + 1] === "\n") row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    else cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

describe("the inertness checks themselves", () => {
  it("catch what they must and pass the app's own markup", () => {
    expect(activeContent('<p>x</p><script nonce="n1">1</script>', "n1")).toEqual([]);
    expect(activeContent("<script>1</script>", "n1")).toHaveLength(1);
    expect(activeContent('<img src=x onerror="alert(1)">', null)).toHaveLength(1);
    expect(activeContent('<a href=" jav&#x09;ascript:alert(1)">x</a>', null)).toHaveLength(1);
    expect(activeContent("<iframe src=x></iframe>", null)).toHaveLength(1);
    expect(activeContent("&lt;script&gt;alert(1)&lt;/script&gt;", null)).toEqual([]);
    expect(foreignElements('<feed><entry><title type="text">&lt;b&gt;</title></entry></feed>')).toEqual([]);
    expect(foreignElements("<feed><title><b>x</b></title></feed>")).toEqual(["b"]);
    expect(parseCsv('a,"b,""c"""\r\n\'=1,2\r\n')).toEqual([["a", 'b,"c"'], ["'=1", "2"]]);
  });
});

// ——— Writing the corpus ———

const PAD = "This text is long enough to pass every minimum length the forms ask for, and then some more words.";
const mark = (field: string, i: number) => `zz${field}${i}zz`;
const markers = new Map<string, string>(); // marker → what it marks

function expectOk(result: { ok: boolean; errors?: unknown }, what: string) {
  if (!result.ok) throw new Error(`${what}: ${JSON.stringify(result.errors)}`);
}

interface Written {
  authors: Actor[];
  ideas: number[];
  rejected: number[];
  threads: number[];
  campaigns: string[];
  comments: number[];
}

async function writeCorpus(): Promise<Written> {
  const db = t.db;
  const chair = actor("chair (own committee)")!;
  const member = actor("member (own committee)")!;
  const officer = actor("officer (own agency)")!;
  const moderator = actor("moderator")!;
  const admin = actor("admin")!;
  const commenter = actor("citizen")!;
  const flagger = await createUser(db);
  const flaggerActor = { ...actor("citizen")!, id: flagger.id };
  const fast = await createCampaign(db, { threshold: 2, category: "economy" });
  const day = 86_400_000;
  const written: Written = { authors: [], ideas: [], rejected: [], threads: [], campaigns: [], comments: [] };

  for (const [i, payload] of XSS_PAYLOADS.entries()) {
    const note = (field: string, what: string) => {
      markers.set(mark(field, i), what);
      return mark(field, i);
    };
    // A person whose display name is the payload: through the join form's use case when the
    // name is valid there, else stored directly (data from before a rule, or from an import).
    const email = `xss-${i}-${Date.now()}@example.org`;
    const joined = await registerUser({ db, publicUrl: "http://madang.test" }, { email, displayName: payload, password: "violet-harbor-lantern-42" }, "en");
    const userId = joined.ok && joined.userId !== null ? joined.userId : (await createUser(db, { email, displayName: payload })).id;
    await sql`UPDATE users SET email_verified_at = now(), created_at = now() - interval '7 days' WHERE id = ${userId}`.execute(db);
    const author: Actor = { id: userId, email, displayName: payload, emailVerified: true, suspendedUntil: null, locale: null, grants: await grantsOf(db, userId) };
    written.authors.push(author);

    // An idea that goes the whole way: title, body, comment, flag, committee, agency.
    const submitted = await submitIdea(db, author, {
      title: `${note("ti", "idea title")} ${payload}`,
      body: `${note("bo", "idea body")}\n\n${payload}\n\n${PAD}`,
      categoryId: String(ids.category),
      regionId: "",
      campaignId: String(fast.id),
    });
    expectOk(submitted, `idea ${i}`);
    const ideaId = (submitted as { ideaId: number }).ideaId;
    written.ideas.push(ideaId);
    const comment = await commentOnIdea(db, commenter, ideaId, { body: `${note("co", "comment")}\n\n${payload}`, stance: "for", replyTo: "" });
    expectOk(comment, `comment ${i}`);
    const commentId = (comment as { postId: number }).postId;
    written.comments.push(commentId);
    expectOk(await flagContent(db, flaggerActor, { targetType: "post", targetId: String(commentId), reason: "other", details: `${note("fl", "flag details")} ${payload}` }), `flag ${i}`);
    const hidden = await commentOnIdea(db, commenter, ideaId, { body: `A second comment, to be hidden. ${i}`, stance: "against", replyTo: "" });
    expectOk(hidden, `second comment ${i}`);
    expectOk(
      await decideItem(db, moderator, { targetType: "post", targetId: String((hidden as { postId: number }).postId), decision: "hide", reason: "abuse", note: `${note("hn", "moderator's note")} ${payload}` }),
      `hide ${i}`,
    );
    await support(db, (await createUser(db)).id, ideaId);
    expectOk(await takeUp(db, chair, ideaId, {}), `take up ${i}`);
    await holdCommitteeVote(db, ideaId);
    await writeDigest(db, ideaId);
    expectOk(
      await recordRecommendation(db, chair, ideaId, { decision: "forward", agencyId: String(ids.moef), rationale: `${note("ra", "rationale")}\n\n${payload}\n\n${PAD}` }),
      `recommend ${i}`,
    );
    expectOk(await reassign(db, admin, ideaId, "agency", { targetId: String(ids.moef), reason: `${note("rs", "reassignment reason")} ${payload}` }), `reassign ${i}`);
    expectOk(await answerIdea(db, officer, ideaId, { outcome: "accepted", answer: `${note("an", "official answer")}\n\n${payload}\n\n${PAD}` }), `answer ${i}`);
    expectOk(await postProgress(db, officer, ideaId, { percent: "50", note: `${note("pr", "progress note")}\n\n${payload}` }), `progress ${i}`);

    // A committee thread: its title, first post and lock reason.
    const thread = await createThread(db, member, ids.economy, { title: `${note("tt", "thread title")} ${payload}`, body: `${note("po", "committee post")}\n\n${payload}`, stance: "neutral" });
    expectOk(thread, `thread ${i}`);
    const threadId = (thread as { threadId: number }).threadId;
    written.threads.push(threadId);
    expectOk(await lockThread(db, chair, threadId, { reason: `${note("lk", "lock reason")} ${payload}` }), `lock ${i}`);

    // A call for ideas.
    const campaign = await openCampaign(db, admin, {
      ...campaignForm(`xss-${i}-${Date.now() % 100_000}`),
      titleKo: `${note("ck", "campaign title (ko)")} ${payload}`,
      titleEn: `${note("ce", "campaign title (en)")} ${payload}`,
      descriptionKo: `${note("dk", "campaign description (ko)")}\n\n${payload}`,
      descriptionEn: `${note("de", "campaign description (en)")}\n\n${payload}`,
    });
    expectOk(campaign, `campaign ${i}`);
    written.campaigns.push((campaign as { slug: string }).slug);

    // A rejected idea (the reason is shown to its author and moderators), with its supports
    // invalidated (the reason is on the moderators' supports page).
    const other = await submitIdea(db, author, { title: `Another idea ${i}`, body: PAD, categoryId: String(ids.category), regionId: "", campaignId: "" });
    expectOk(other, `second idea ${i}`);
    const rejectedId = (other as { ideaId: number }).ideaId;
    written.rejected.push(rejectedId);
    expectOk(await invalidateSupports(db, moderator, { ideaId: String(rejectedId), accounts: String(userId), reason: `${note("iv", "invalidation reason")} ${payload}` }), `invalidate ${i}`);
    expectOk(await rejectIdea(db, moderator, rejectedId, { reason: `${note("rj", "rejection reason")} ${payload}` }), `reject ${i}`);
  }
  // Last, so that they hold nothing above for review: block-list terms, and suspensions.
  for (const [i, payload] of XSS_PAYLOADS.entries()) {
    const added = await addBlockedTerm(db, admin, { term: payload.slice(0, 100) });
    if (!added.ok && added.status !== 409) throw new Error(`block ${i}: ${JSON.stringify(added.errors)}`);
    const reason = `${mark("su", i)} ${payload}`;
    markers.set(mark("su", i), "suspension reason");
    expectOk(await suspendAccount(db, moderator, written.authors[i].id, { days: "7", reason }), `suspend ${i}`);
  }
  // The notification e-mails go out (the digest job, as if its wait had passed).
  await fanOutFollowerEmails(db, new Date());
  while ((await sendDigests(db, "http://madang.test", new Date(Date.now() + DIGEST_WAIT_MS + 60_000))) > 0);
  return written;
}

// ——— Reading it back ———

async function pool<T>(items: T[], size: number, work: (item: T) => Promise<void>) {
  const queue = [...items];
  await Promise.all(Array.from({ length: size }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  }));
}

describe("the corpus through every field", () => {
  it("is inert in pages, e-mails, the feed and the CSV exports, and shown (escaped) where it belongs", { timeout: 600_000 }, async () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(50);
    const written = await writeCorpus();
    const problems: string[] = [];
    const seen = new Set<string>();
    const look = (where: string, text: string) => {
      for (const m of text.match(/zz[a-z]{2}\d+zz/g) ?? []) seen.add(m);
      void where;
    };

    // E-mails: every message in the outbox, text and HTML.
    const outbox = await t.db.selectFrom("email_outbox").select(["id", "subject", "text_body", "html_body"]).execute();
    expect(outbox.length).toBeGreaterThan(XSS_PAYLOADS.length);
    for (const message of outbox) {
      const where = `e-mail ${message.id}`;
      for (const p of activeContent(message.html_body ?? "", null)) problems.push(`${where}: ${p}`);
      if (/[\r\n]/.test(message.subject)) problems.push(`${where}: a line break in the subject`);
      look(where, `${message.text_body}\n${message.html_body}`);
    }
    const names = outbox.filter((m) => written.authors.some((a) => (m.text_body ?? "").includes(a.displayName)));
    expect(names.length, "display names appear in e-mails").toBeGreaterThan(0);

    // Sessions for the people whose pages are read, made before the app shares the database.
    const staff = await createUser(t.db, { roles: [{ role: "admin" }, { role: "moderator" }] });
    const staffCookie = await sessionCookie(t.services, staff.id);
    const authorCookies = await Promise.all(written.authors.map((a) => sessionCookie(t.services, a.id)));
    const officerCookie = await sessionCookie(t.services, actor("officer (own agency)")!.id);

    const app = await startTestApp(t.url);
    try {
      const get = async (path: string, cookie?: string) => {
        const response = await fetch(`${app.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
        return { response, text: await response.text() };
      };
      const page = async ([path, cookie]: [string, string | undefined]) => {
        const { response, text } = await get(path, cookie);
        if (response.status !== 200) {
          problems.push(`${path}: ${response.status}`);
          return;
        }
        const csp = response.headers.get("content-security-policy") ?? "";
        const nonce = csp.match(/'nonce-([^']+)'/)?.[1] ?? null;
        if (!nonce || /script-src[^;]*'unsafe-inline'/.test(csp)) problems.push(`${path}: no nonce-only script policy (${csp})`);
        if (response.headers.get("x-content-type-options") !== "nosniff") problems.push(`${path}: no nosniff`);
        if (!/^text\/html; charset=utf-8$/i.test(response.headers.get("content-type") ?? "")) problems.push(`${path}: ${response.headers.get("content-type")}`);
        // What a signed-in person sees is theirs: never kept by a shared cache.
        if (cookie && !/private/.test(response.headers.get("cache-control") ?? "private")) problems.push(`${path}: cacheable (${response.headers.get("cache-control")})`);
        for (const p of activeContent(text, nonce)) problems.push(`${path}: ${p}`);
        look(path, text);
      };
      const pages: [string, string | undefined][] = [
        ["/", undefined],
        ["/ideas", undefined],
        ["/ideas?sort=new", undefined],
        ["/ideas?q=script", undefined],
        ["/ideas?q=alert&sort=top", undefined],
        ["/campaigns", undefined],
        ["/committees", undefined],
        ["/committees/economy", undefined],
        ["/agencies", undefined],
        ["/agencies/moef", undefined],
        ["/stats", undefined],
        ["/open-data", undefined],
        ["/moderation", staffCookie],
        ["/moderation/supports", staffCookie],
        ["/admin/blocklist", staffCookie],
        ["/admin/campaigns", staffCookie],
        ["/admin/users", staffCookie],
        ["/review", officerCookie],
        ["/me", authorCookies[0]],
        ["/dev/mail", undefined],
        ...written.ideas.map((id): [string, undefined] => [`/ideas/${id}`, undefined]),
        ...written.rejected.map((id, i): [string, string] => [`/ideas/${id}`, authorCookies[i]]),
        ...written.threads.map((id): [string, undefined] => [`/threads/${id}`, undefined]),
        ...written.campaigns.map((slug): [string, undefined] => [`/campaigns/${slug}`, undefined]),
        ...written.authors.map((a): [string, string] => [`/moderation/accounts/${a.id}`, staffCookie]),
        // The notification centre renders every kind of line the same way: a sample of people.
        ...written.authors.slice(0, 10).map((_, i): [string, string] => [`/me/notifications`, authorCookies[i]]),
        ...written.comments.slice(0, 5).map((id): [string, string] => [`/flag?type=post&id=${id}`, officerCookie]),
        ...outbox.slice(0, 10).map((m): [string, undefined] => [`/dev/mail/${m.id}`, undefined]),
      ];
      await pool(pages, 4, page);
      // Every page of the moderation log, following its links.
      for (let path: string | null = "/moderation/log"; path; ) {
        await page([path, staffCookie]);
        const { text } = await get(path, staffCookie);
        path = text.match(/href="(\/moderation\/log\?before=\d+)"/)?.[1]?.replace(/&amp;/g, "&") ?? null;
      }

      // The Atom feed: all of it, and of one campaign.
      for (const path of ["/feed.atom?lang=en", `/feed.atom?lang=ko`]) {
        const { response, text } = await get(path);
        expect(response.headers.get("content-type")).toMatch(/^application\/atom\+xml; charset=utf-8/);
        for (const element of foreignElements(text)) problems.push(`${path}: <${element}>`);
        look(path, text);
      }

      // CSV and JSON exports: formulas defused, JSON served as JSON.
      for (const path of ["/api/v1/ideas.csv?limit=1000", "/api/v1/events.csv?limit=1000"]) {
        const { response, text } = await get(path);
        expect(response.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
        expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename=/);
        expect(response.headers.get("x-content-type-options")).toBe("nosniff");
        const rows = parseCsv(text.replace(/^\uFEFF/, ""));
        for (const row of rows.slice(1)) for (const cell of row) if (/^[=+\-@\t\r]/.test(cell)) problems.push(`${path}: a formula cell ${JSON.stringify(cell.slice(0, 60))}`);
        expect(rows.some((row) => row.some((cell) => cell.startsWith("'=HYPERLINK") || cell.includes(" =HYPERLINK"))), `${path} carries the formula payload, defused`).toBe(true);
        look(path, text);
      }
      for (const path of ["/api/v1/ideas?limit=1000", "/api/v1/events?limit=1000", "/ideas/similar?text=script+alert"]) {
        const { response, text } = await get(path);
        expect(response.headers.get("content-type")).toMatch(/^application\/json; charset=utf-8/);
        expect(() => JSON.parse(text)).not.toThrow();
        look(path, text);
      }
    } finally {
      await app.stop();
    }

    expect(problems.join("\n")).toBe("");
    const unseen = [...markers.entries()].filter(([m]) => !seen.has(m)).map(([m, what]) => `${what} (${m})`);
    expect(unseen.join("\n"), "every field was shown somewhere").toBe("");
    expect(app.output()).not.toMatch(/"level":50/);
  });
});
