// Posts whose HTML the server keeps between renders (decision 082), as the built app serves them
// from one worker: a thread's page and an idea's comments are the same, byte for byte and with
// the same messages, when the posts are written from kept HTML; what differs from reader to
// reader (their own post's forms, a moderator's, the open reply form, the address in the reply
// links) is never taken from another's page; an edited post shows its new text at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commentOnIdea, createPost, createThread } from "../../app/domain/deliberation/deliberation.server";
import { createIdea } from "../../db/factories";
import { sessionCookie, startTestApp, type TestApp } from "../fixtures/app";
import { ok } from "../fixtures/results";
import { person, ROLES } from "../fixtures/roster";
import { openTestDatabase, type TestDatabase } from "./db";

let t: TestDatabase;
let app: TestApp;
const thread = { id: 0, opening: 0, second: 0, reply: 0 };
const idea = { id: 0, comment: 0 };
const cookies = { writer: "", reader: "", citizen: "", commenter: "" };

beforeAll(async () => {
  t = await openTestDatabase();
  const economy = (await t.db.selectFrom("committees").select("id").where("slug", "=", "economy").executeTakeFirstOrThrow()).id;
  const writer = await person(t.db, { roles: [...ROLES.member], displayName: "Kept Writer" });
  const reader = await person(t.db, { roles: [...ROLES.member] });
  const opened = ok(await createThread(t.db, writer, economy, { title: "Night buses", body: "Opening **post**.", stance: "for" }));
  Object.assign(thread, { id: opened.threadId, opening: opened.postId });
  thread.second = ok(await createPost(t.db, reader, thread.id, { body: "A second post, by the reader.", stance: "against" })).postId;
  thread.reply = ok(await createPost(t.db, writer, thread.id, { body: "A reply to the second.", stance: "neutral", replyTo: String(thread.second) })).postId;
  const commenter = await person(t.db, { displayName: "Kept Commenter" });
  const citizen = await person(t.db);
  idea.id = await createIdea(t.db, { author: await person(t.db) });
  idea.comment = ok(await commentOnIdea(t.db, commenter, idea.id, { body: "골목 가로등이 필요합니다.", stance: "for" })).postId;
  cookies.writer = await sessionCookie(t.services, writer.id);
  cookies.reader = await sessionCookie(t.services, reader.id);
  cookies.citizen = await sessionCookie(t.services, citizen.id);
  cookies.commenter = await sessionCookie(t.services, commenter.id);
  // One worker and no page cache (startTestApp): every request is rendered by the process that
  // kept the posts of the one before.
  app = await startTestApp(t.url);
}, 180_000);
afterAll(async () => {
  await app?.stop();
  await t?.close();
});

async function page(path: string, cookie: string | null, locale: "ko" | "en" = "en"): Promise<string> {
  const response = await fetch(app.url + path, { headers: { "accept-language": locale, ...(cookie ? { cookie } : {}) }, redirect: "manual" });
  expect(response.status, path).toBe(200);
  // The nonce differs on every response; the rest of the page must not.
  return (await response.text()).replace(/nonce="[^"]*"/g, 'nonce=""');
}

const messagesOf = (html: string) => JSON.parse(html.match(/<script type="application\/json" id="page-messages"[^>]*>([^<]*)<\/script>/)![1]).messages as Record<string, string>;

/** A post's article, from the start of its item to the end of its article (its replies left out). */
function postArticle(html: string, postId: number): string {
  const start = html.indexOf(`<li id="post-${postId}"`);
  expect(start, `post ${postId} is on the page`).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf("</article>", start));
}

const editForms = (html: string) => (html.match(/name="intent" value="discussion:edit"/g) ?? []).length;

describe("posts written from kept HTML", () => {
  for (const locale of ["ko", "en"] as const) {
    for (const who of ["visitor", "reader", "citizen"] as const) {
      it(`a thread and an idea's comments in ${locale}, for a ${who}: the same page, byte for byte, with the same messages`, async () => {
        const cookie = who === "visitor" ? null : cookies[who];
        for (const path of [`/threads/${thread.id}`, `/ideas/${idea.id}`]) {
          // The first view marks the posts read (no longer new for this reader): the two after it show the
          // same. It is also the posts' first render: the second keeps them, the third is written from them.
          await page(path, cookie, locale);
          const first = await page(path, cookie, locale);
          const second = await page(path, cookie, locale);
          const third = await page(path, cookie, locale);
          expect(first).not.toContain("data-keep-island");
          expect(second).toBe(first);
          expect(third).toBe(first);
          expect(messagesOf(second)).toEqual(messagesOf(first));
          expect(second).toContain(`<li id="post-${path.startsWith("/ideas") ? idea.comment : thread.opening}"`);
        }
      });
    }
  }

  it("the author's own posts keep their edit forms after another reader's view, and the other reader never gets them", async () => {
    const path = `/threads/${thread.id}`;
    await page(path, cookies.reader);
    const writers = await page(path, cookies.writer);
    expect(postArticle(writers, thread.opening)).toContain('name="intent" value="discussion:edit"');
    expect(postArticle(writers, thread.reply)).toContain('name="intent" value="discussion:edit"');
    expect(postArticle(writers, thread.second)).not.toContain('name="intent" value="discussion:edit"');
    const readers = await page(path, cookies.reader);
    expect(postArticle(readers, thread.second)).toContain('name="intent" value="discussion:edit"');
    expect(editForms(readers)).toBe(1);
    expect(editForms(await page(path, null))).toBe(0);
  });

  it("an edited post shows its new text on the next view, not the kept copy", async () => {
    const path = `/ideas/${idea.id}`;
    await page(path, cookies.citizen);
    expect(await page(path, cookies.citizen)).toContain("골목 가로등이 필요합니다.");
    // As another process would edit it (the edit sets edited_at, as editPost does).
    await t.db.updateTable("posts").set({ body: "가로등 두 개면 됩니다.", body_html: "<p>가로등 두 개면 됩니다.</p>", edited_at: new Date() }).where("id", "=", idea.comment).execute();
    const after = await page(path, cookies.citizen);
    expect(postArticle(after, idea.comment)).toContain("가로등 두 개면 됩니다.");
    expect(after).not.toContain("골목 가로등이 필요합니다.");
  });

  it("the reply links carry the address of the page they are on, and the open form is under its own post", async () => {
    const path = `/threads/${thread.id}`;
    await page(path, cookies.reader);
    await page(path, cookies.reader);
    const withQuery = await page(`${path}?from=digest`, cookies.reader);
    expect(postArticle(withQuery, thread.opening).replace(/&amp;/g, "&")).toContain(`href="${path}?from=digest&reply=${thread.opening}#reply-form"`);
    const open = await page(`${path}?reply=${thread.opening}`, cookies.reader);
    expect(postArticle(open, thread.opening)).toContain('id="reply-form"');
    expect(postArticle(open, thread.opening)).toContain('aria-expanded="true"');
    expect(postArticle(open, thread.reply)).not.toContain('id="reply-form"');
    expect(postArticle(open, thread.reply)).toContain(`href="${path}?reply=${thread.reply}#reply-form"`);
  });
});
