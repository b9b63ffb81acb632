// The discussion pages' one reply form (decision 072), as the built app serves it to a browser
// without JavaScript: a committee thread and an idea's comments list a "Reply" link per post the
// reader may answer, to the same page with `?reply=<post>`; only then does the page hold a reply
// form, under that post. Replying through it (a plain form POST) adds the reply under the post; a
// refused reply comes back with the form open under the same post, the text kept and the error
// beside it. A `reply` that names no post on the page the reader may answer is ignored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commentOnIdea, createPost, createThread } from "../../app/domain/deliberation/deliberation.server";
import { POST_MAX } from "../../app/domain/deliberation/limits";
import en from "../../app/locales/en";
import { createIdea } from "../../db/factories";
import { sessionCookie, startTestApp, type TestApp } from "../fixtures/app";
import { ok } from "../fixtures/results";
import { person, ROLES } from "../fixtures/roster";
import { openTestDatabase, type TestDatabase } from "./db";

let t: TestDatabase;
let app: TestApp;
/** A committee thread (oldest first): an opening post and two more by one member, a reply to the second. */
const thread = { id: 0, opening: 0, second: 0, third: 0, reply: 0, author: "" };
/** A post of another thread. */
let elsewhere = 0;
/** An idea with two comments by one citizen. */
const idea = { id: 0, first: 0, second: 0, author: "" };
let memberCookie = "";
let citizenCookie = "";

beforeAll(async () => {
  t = await openTestDatabase();
  const economy = (await t.db.selectFrom("committees").select("id").where("slug", "=", "economy").executeTakeFirstOrThrow()).id;
  const writer = await person(t.db, { roles: [...ROLES.member], displayName: "Reply Writer" });
  const reader = await person(t.db, { roles: [...ROLES.member] });
  const opened = ok(await createThread(t.db, writer, economy, { title: "Market stalls on Sundays", body: "Opening post.", stance: "for" }));
  Object.assign(thread, { id: opened.threadId, opening: opened.postId, author: writer.displayName });
  thread.second = ok(await createPost(t.db, writer, thread.id, { body: "Second post.", stance: "against" })).postId;
  thread.third = ok(await createPost(t.db, writer, thread.id, { body: "Third post.", stance: "neutral" })).postId;
  thread.reply = ok(await createPost(t.db, writer, thread.id, { body: "A reply to the second.", stance: "for", replyTo: String(thread.second) })).postId;
  const other = ok(await createThread(t.db, writer, economy, { title: "Another thread", body: "Elsewhere.", stance: "for" }));
  elsewhere = other.postId;

  const ideaAuthor = await person(t.db);
  const commenter = await person(t.db, { displayName: "Comment Writer" });
  const citizen = await person(t.db);
  idea.id = await createIdea(t.db, { author: ideaAuthor });
  idea.first = ok(await commentOnIdea(t.db, commenter, idea.id, { body: "First comment.", stance: "for" })).postId;
  idea.second = ok(await commentOnIdea(t.db, commenter, idea.id, { body: "Second comment.", stance: "against" })).postId;
  idea.author = commenter.displayName;

  memberCookie = await sessionCookie(t.services, reader.id);
  citizenCookie = await sessionCookie(t.services, citizen.id);
  app = await startTestApp(t.url);
}, 180_000);
afterAll(async () => {
  await app?.stop();
  await t?.close();
});

const headers = (cookie: string | null) => ({ "accept-language": "en", ...(cookie ? { cookie } : {}) });

async function page(path: string, cookie: string | null = memberCookie): Promise<string> {
  const response = await fetch(app.url + path, { headers: headers(cookie), redirect: "manual" });
  expect(response.status, path).toBe(200);
  return response.text();
}

/** Sends a form as a browser without JavaScript does: urlencoded, from this site. */
async function send(path: string, form: Record<string, string>, cookie = memberCookie) {
  const response = await fetch(app.url + path, {
    method: "POST",
    headers: { ...headers(cookie), origin: app.url, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
    redirect: "manual",
  });
  return { status: response.status, location: response.headers.get("location"), html: await response.text() };
}

const decode = (html: string) => html.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");

/** The reply forms in the page: the post each answers (its hidden replyTo field). */
const replyForms = (html: string) => [...html.matchAll(/<input type="hidden" name="replyTo" value="(\d+)"\/>/g)].map((m) => Number(m[1]));

/** The post whose item holds the reply form: the last post item that starts before it. */
function postAroundForm(html: string): number | null {
  const at = html.indexOf('id="reply-form"');
  if (at < 0) return null;
  const before = [...html.slice(0, at).matchAll(/<li id="post-(\d+)"/g)];
  return before.length ? Number(before.at(-1)![1]) : null;
}

/** A post's item, from its start to the end of its article (its replies left out). */
function postArticle(html: string, postId: number): string {
  const start = html.indexOf(`<li id="post-${postId}"`);
  expect(start, `post ${postId} is on the page`).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf("</article>", start));
}

/** Whether `reply` is the first reply listed under `post` (its list of replies follows the post's article). */
function firstReplyUnder(html: string, post: number, reply: number): boolean {
  const start = html.indexOf(`<li id="post-${post}"`);
  const rest = html.slice(html.indexOf("</article>", start) + "</article>".length);
  return new RegExp(`^<ol class="replies[^"]*" aria-label="[^"]*"><li id="post-${reply}"`).test(rest);
}

/** The hidden field `name`'s value in the reply form. */
const hiddenField = (html: string, name: string) => decode(new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"/>`).exec(html.slice(html.indexOf('id="reply-form"')))?.[1] ?? "");

const replyLabel = (name: string) => en.deliberation.replyLabel.replace("{{name}}", name);

describe("a committee thread", () => {
  it("holds no reply form, and a Reply link per post to the page with that post's form", async () => {
    const html = await page(`/threads/${thread.id}`);
    expect(replyForms(html)).toEqual([]);
    // The new post's form is still there.
    expect(html.match(/name="intent" value="discussion:post"/g)).toHaveLength(1);
    for (const post of [thread.opening, thread.second, thread.third, thread.reply]) {
      const article = postArticle(html, post);
      expect(decode(article)).toContain(`href="/threads/${thread.id}?reply=${post}#reply-form"`);
      expect(article).toContain(`>${en.deliberation.reply}</a>`);
      expect(article).toContain('aria-expanded="false"');
    }
  });

  it("with ?reply=<post> holds one form, under that post, labelled for its author; the link says it is open", async () => {
    for (const post of [thread.second, thread.reply]) {
      const html = await page(`/threads/${thread.id}?reply=${post}`);
      expect(replyForms(html)).toEqual([post]);
      expect(postAroundForm(html)).toBe(post);
      expect(html).toContain(`>${replyLabel(thread.author)}</label>`);
      expect(html).toMatch(new RegExp(`<a id="reply-to-${post}"[^>]*aria-expanded="true" aria-controls="reply-form"`));
      // Cancel: the page without the form, at the post.
      expect(postArticle(html, post)).toContain(`href="/threads/${thread.id}#post-${post}">${en.deliberation.cancel}</a>`);
      // The answer comes back to the page without the form open.
      expect(hiddenField(html, "back")).toBe(`/threads/${thread.id}`);
    }
  });

  it("keeps the page of posts in the Reply links and the form", async () => {
    const path = `/threads/${thread.id}?cursor=${thread.opening}`;
    const html = await page(path);
    expect(html).not.toContain(`<li id="post-${thread.opening}"`);
    expect(decode(html)).toContain(`href="${path}&reply=${thread.third}#reply-form"`);
    const open = await page(`${path}&reply=${thread.third}`);
    expect(replyForms(open)).toEqual([thread.third]);
    expect(postAroundForm(open)).toBe(thread.third);
    expect(hiddenField(open, "back")).toBe(path);
    // The opening post is not on this page: its form is not either.
    expect(replyForms(await page(`${path}&reply=${thread.opening}`))).toEqual([]);
  });

  it("ignores a reply that names no post on the page the reader may answer", async () => {
    for (const value of ["", "abc", "0", "-1", `${thread.second}abc`, "1e3", "99999999", "99999999999999999999999", String(elsewhere), `${thread.second}&reply=${thread.third}`]) {
      const html = await page(`/threads/${thread.id}?reply=${encodeURIComponent(value)}`);
      expect(replyForms(html), value).toEqual([]);
    }
    // A visitor may not answer: no link and no form, whatever the address says.
    const visitor = await page(`/threads/${thread.id}?reply=${thread.second}`, null);
    expect(replyForms(visitor)).toEqual([]);
    expect(visitor).not.toContain(`?reply=${thread.second}#`);
  });

  it("a reply sent through the form (no JavaScript) lands under its post, and the page comes back without the form", async () => {
    const html = await page(`/threads/${thread.id}?reply=${thread.third}`);
    const sent = await send(`/threads/${thread.id}?reply=${thread.third}`, {
      intent: "discussion:post",
      replyTo: hiddenField(html, "replyTo"),
      back: hiddenField(html, "back"),
      body: "Sent without JavaScript.",
      stance: "against",
    });
    expect(sent.status).toBe(302);
    const [target, fragment] = sent.location!.split("#");
    expect(target).toBe(`/threads/${thread.id}`);
    const newPost = Number(/^post-(\d+)$/.exec(fragment)?.[1]);
    const after = await page(target);
    expect(replyForms(after)).toEqual([]);
    const reply = postArticle(after, newPost);
    expect(reply).toContain("Sent without JavaScript.");
    expect(firstReplyUnder(after, thread.third, newPost)).toBe(true);
  });

  it("a refused reply comes back open under the same post, with the text and the error beside the field", async () => {
    const tooLong = "Too long. ".repeat(POST_MAX / 10 + 1);
    for (const [body, error] of [
      ["", en.errors.required],
      [tooLong, en.deliberation.errors.bodyLength.replace("{{max, number}}", POST_MAX.toLocaleString("en-US"))],
    ]) {
      const refused = await send(`/threads/${thread.id}?reply=${thread.second}`, {
        intent: "discussion:post",
        replyTo: String(thread.second),
        back: `/threads/${thread.id}`,
        body,
        stance: "for",
      });
      expect(refused.status).toBe(400);
      expect(replyForms(refused.html)).toEqual([thread.second]);
      expect(postAroundForm(refused.html)).toBe(thread.second);
      const form = refused.html.slice(refused.html.indexOf('id="reply-form"'));
      const field = form.slice(0, form.indexOf("</textarea>"));
      expect(decode(field)).toContain(error);
      expect(field).toContain('aria-invalid="true"');
      // What was typed is in the text area again.
      expect(decode(/<textarea[^>]*>([^<]*)$/.exec(field)?.[1] ?? "").trim()).toBe(body.trim());
    }
  });

  it("a refused reply sent from a page opened by JavaScript (no ?reply) comes back open under its post too", async () => {
    const refused = await send(`/threads/${thread.id}`, { intent: "discussion:post", replyTo: String(thread.reply), back: `/threads/${thread.id}`, body: " ", stance: "for" });
    expect(refused.status).toBe(400);
    expect(replyForms(refused.html)).toEqual([thread.reply]);
    expect(postAroundForm(refused.html)).toBe(thread.reply);
  });
});

describe("an idea's comments", () => {
  it("hold no reply form until ?reply= names a comment; a reply sent through it lands under that comment", async () => {
    const html = await page(`/ideas/${idea.id}`, citizenCookie);
    expect(replyForms(html)).toEqual([]);
    expect(html).toContain(`href="/ideas/${idea.id}?reply=${idea.first}#reply-form"`);
    expect(replyForms(await page(`/ideas/${idea.id}?reply=${elsewhere}`, citizenCookie))).toEqual([]);

    const open = await page(`/ideas/${idea.id}?reply=${idea.first}`, citizenCookie);
    expect(replyForms(open)).toEqual([idea.first]);
    expect(postAroundForm(open)).toBe(idea.first);
    expect(open).toContain(`>${replyLabel(idea.author)}</label>`);

    const refused = await send(`/ideas/${idea.id}?reply=${idea.first}`, { intent: "discussion:post", replyTo: String(idea.first), back: hiddenField(open, "back"), body: "", stance: "for" }, citizenCookie);
    expect(refused.status).toBe(400);
    expect(replyForms(refused.html)).toEqual([idea.first]);
    expect(postAroundForm(refused.html)).toBe(idea.first);

    const sent = await send(`/ideas/${idea.id}?reply=${idea.first}`, { intent: "discussion:post", replyTo: String(idea.first), back: hiddenField(open, "back"), body: "A reply to the first comment.", stance: "neutral" }, citizenCookie);
    expect(sent.status).toBe(302);
    const [target, fragment] = sent.location!.split("#");
    expect(target).toBe(`/ideas/${idea.id}`);
    const after = await page(target, citizenCookie);
    expect(replyForms(after)).toEqual([]);
    const newPost = Number(fragment.replace("post-", ""));
    expect(postArticle(after, newPost)).toContain("A reply to the first comment.");
    expect(firstReplyUnder(after, idea.first, newPost)).toBe(true);
  });
});
