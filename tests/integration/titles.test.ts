// Every page names itself in its own language (the browser's tab, bookmarks, and the first
// thing a screen reader says): the <title> of every page route, in Korean and in English, read
// from the real app's HTML. The routes are found by walking app/routes, so a page added later is
// checked without touching this file, unless its address has a parameter not seen before: then
// this test fails and asks for a sample value below.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemo } from "../../db/demo";
import { createIdea, createUser } from "../../db/factories";
import en from "../../app/locales/en";
import ko from "../../app/locales/ko";
import { sessionCookie, startTestApp, type TestApp } from "../fixtures/app";
import { openTestDatabase, type TestDatabase } from "./db";

type Lang = "ko" | "en";
const SITE: Record<Lang, string> = { ko: ko.site.name, en: en.site.name };
const HANGUL = /[\u3131-\u318E\uAC00-\uD7A3]/;

const routesDir = path.resolve(import.meta.dirname, "../../app/routes");

/** Page routes (those that render a page: a default export), as URL patterns such as /ideas/$id. */
function pageRoutes(): { file: string; pattern: string }[] {
  return fs
    .readdirSync(routesDir)
    .filter((file) => /\.tsx?$/.test(file) && /export default/.test(fs.readFileSync(path.join(routesDir, file), "utf8")))
    .map((file) => {
      // Remix's flat routes: dots separate segments, [.] is a literal dot, _index is the index.
      const name = file.replace(/\.tsx?$/, "").replace(/\[\.\]/g, "\u0000");
      const segments = name
        .split(".")
        .map((s) => s.replace(/\u0000/g, "."))
        .filter((s) => s !== "_index")
        .map((s) => s.replace(/_$/, ""));
      return { file, pattern: `/${segments.join("/")}` };
    });
}

let t: TestDatabase;
let app: TestApp;
const cookies: Record<Lang, string> = { ko: "", en: "" };
/** Sample values of each URL parameter, per language (English content on English pages). */
const samples: Record<Lang, Record<string, string>> = { ko: {}, en: {} };
/** Pages that answer with an error status when opened without more (a token, a real address). */
// `/appeal` is its author's only (the appeal of their own rejected idea or hidden post): to anyone
// else, staff included, it is a 404, whose page is titled like any other (the form's own page is
// checked in tests/e2e/administration.spec.ts, where an author appeals).
// `/identity-desk` is the identity verifiers' and, to revoke verifications, the admins' (decision
// 057): the staff account here is an admin. `/confirm-email` and `/secure-account` are the links
// of an address change (decision 056): without a live token they say the link does not work (400).
const EXPECTED_STATUS: Record<string, number> = { "/$": 404, "/unsubscribe": 400, "/appeal": 404, "/confirm-email": 400, "/secure-account": 400 };
/** Query strings some pages need to show themselves (not a 404). */
const queries: Record<string, string> = {};

beforeAll(async () => {
  t = await openTestDatabase();
  const { db } = t;
  await loadDemo(db);
  const everyRole = [
    { role: "admin" as const },
    { role: "moderator" as const },
    { role: "committee_chair" as const, committee: "economy" },
    { role: "agency_officer" as const, agency: "moef" },
  ];
  const ownIdea: Record<Lang, string> = { ko: "", en: "" };
  for (const lang of ["ko", "en"] as const) {
    const staff = await createUser(db, { locale: lang, roles: everyRole, displayName: lang === "ko" ? "모든 역할" : "Every Role" });
    cookies[lang] = await sessionCookie(t.services, staff.id);
    ownIdea[lang] = String(await createIdea(db, { author: staff }));
  }
  const ideaId = async (title: string) => String((await db.selectFrom("ideas").select("id").where("title", "=", title).executeTakeFirstOrThrow()).id);
  const threadOf = async (ideaTitle: string) =>
    String(
      (
        await db
          .selectFrom("threads")
          .innerJoin("ideas", "ideas.id", "threads.idea_id")
          .select("threads.id")
          .where("ideas.title", "=", ideaTitle)
          .where("threads.kind", "=", "committee")
          .executeTakeFirstOrThrow()
      ).id,
    );
  const userId = async (email: string) => String((await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id);
  const campaign = await db.selectFrom("campaigns").select(["id", "slug"]).where("slug", "=", "everyday-recovery").executeTakeFirstOrThrow();
  const mail = await db
    .insertInto("email_outbox")
    .values({ to_address: "someone@example.org", subject: "Madang", text_body: "Hello", kind: "test" })
    .returning("id")
    .executeTakeFirstOrThrow();
  // The demo forum held three weeks ago (db/demo-events.ts): it has minutes and their history.
  const forum = await db.selectFrom("civic_events").select("id").where("title_ko", "=", "골목상권 살리기 시민 포럼").executeTakeFirstOrThrow();
  // The demo committee's meeting held in the past (its minutes published).
  const meeting = await db.selectFrom("committee_meetings").select("id").orderBy("starts_at").executeTakeFirstOrThrow();
  const common = { slug: "economy", mailId: String(mail.id), campaignId: String(campaign.id), eventId: String(forum.id), meetingId: String(meeting.id) };
  samples.ko = { ...common, userId: await userId("citizen@madang.example.org"), ownIdeaId: ownIdea.ko, id: await ideaId("대중교통 요금을 낮춰 주세요"), threadId: await threadOf("전통시장 온라인 장보기를 지원해 주세요") };
  samples.en = { ...common, userId: await userId("citizen2@madang.example.org"), ownIdeaId: ownIdea.en, id: await ideaId("Public transit fares for students"), threadId: await threadOf("Rent support for young workers in their first job") };
  queries["/flag"] = "?type=idea&id=";
  app = await startTestApp(t.url);
}, 180_000);

afterAll(async () => {
  await app?.stop();
  await t?.close();
});

/** The address of a route pattern in a language, or the names of the parameters it lacks samples for. */
function urlFor(pattern: string, lang: Lang): { url: string; missing: string[] } {
  const missing: string[] = [];
  const url = pattern
    .split("/")
    .map((segment) => {
      if (segment === "$") return "no-such-page";
      if (!segment.startsWith("$")) return segment;
      const name = segment.slice(1);
      // Which sample a parameter takes, by the route it belongs to.
      const key =
        pattern.startsWith("/threads/") ? "threadId"
        : pattern.endsWith("/edit") && pattern.startsWith("/ideas/") ? "ownIdeaId"
        : pattern.startsWith("/dev/mail/") ? "mailId"
        : /^\/committees\/[^/]+\/meetings\//.test(pattern) && name === "id" ? "meetingId"
        : /^\/(admin\/users|moderation\/accounts)\//.test(pattern) ? "userId"
        : pattern.startsWith("/admin/campaigns/") ? "campaignId"
        : pattern.startsWith("/campaigns/") ? "campaign"
        : pattern.startsWith("/agencies/") ? "agency"
        : pattern.startsWith("/events/") ? "eventId"
        : /^\/(admin\/)?pages\//.test(pattern) ? "page"
        : name;
      const value = key === "campaign" ? "everyday-recovery" : key === "agency" ? "moef" : key === "page" ? "operating-rules" : samples[lang][key];
      if (value === undefined) missing.push(`${pattern}: ${segment}`);
      return value ?? segment;
    })
    .join("/");
  const query = queries[pattern];
  return { url: query ? `${url}${query}${query.endsWith("=") ? samples[lang].id : ""}` : url, missing };
}

function descriptionOf(html: string): string | null {
  const tags = html.match(/<meta name="description" content="[^"]*"\s*\/?>/g) ?? [];
  if (tags.length !== 1) return null;
  return /content="([^"]*)"/.exec(tags[0])![1].trim() || null;
}

function titleOf(html: string): string | null {
  const match = /<title>([^<]*)<\/title>/.exec(html);
  if (!match) return null;
  return match[1].replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** The page as a visitor in this language sees it, or as a staff member when a visitor may not. */
async function fetchPage(url: string, lang: Lang): Promise<{ status: number; who: string; html: string }> {
  const visitor = await fetch(app.url + url, { redirect: "manual", headers: { cookie: `madang_lang=${lang}` } });
  if (visitor.status < 300 || visitor.status === 404 || visitor.status === 400) return { status: visitor.status, who: "visitor", html: await visitor.text() };
  await visitor.body?.cancel();
  const staff = await fetch(app.url + url, { redirect: "manual", headers: { cookie: `${cookies[lang]}; madang_lang=${lang}` } });
  return { status: staff.status, who: "staff", html: await staff.text() };
}

describe("page titles", () => {
  it("finds the page routes, and has a sample for every parameter they take", () => {
    const routes = pageRoutes();
    expect(routes.length).toBeGreaterThan(40);
    const missing = routes.flatMap((r) => urlFor(r.pattern, "ko").missing.concat(urlFor(r.pattern, "en").missing));
    expect(missing, "add a sample value for these parameters in tests/integration/titles.test.ts").toEqual([]);
  });

  for (const lang of ["ko", "en"] as const) {
    it(`every page's <title> and meta description are in ${lang === "ko" ? "Korean" : "English"}, and the title names the page`, async () => {
      const problems: string[] = [];
      for (const { file, pattern } of pageRoutes()) {
        const { url } = urlFor(pattern, lang);
        const page = await fetchPage(url, lang);
        const title = titleOf(page.html);
        const where = `${file} ${url} (${page.who}, ${page.status})`;
        if (page.status !== (EXPECTED_STATUS[pattern] ?? 200)) {
          problems.push(`${where}: not the page itself`);
          continue;
        }
        if (!page.html.includes(`<html lang="${lang}"`)) problems.push(`${where}: not shown in ${lang}`);
        if (!title) {
          problems.push(`${where}: no <title>`);
          continue;
        }
        const suffix = ` · ${SITE[lang]}`;
        if (!title.endsWith(suffix)) {
          problems.push(`${where}: "${title}" does not end with "${suffix}"`);
          continue;
        }
        const own = title.slice(0, -suffix.length);
        if (own.trim() === "") problems.push(`${where}: "${title}" names only the site`);
        else if (lang === "ko" && !HANGUL.test(own)) problems.push(`${where}: "${title}" is not Korean`);
        else if (lang === "en" && HANGUL.test(own)) problems.push(`${where}: "${title}" is not English`);
        // A description for search engines (and Lighthouse's SEO audit), in the page's language.
        const description = descriptionOf(page.html);
        if (!description) problems.push(`${where}: no meta description`);
        else if (lang === "ko" && !HANGUL.test(description)) problems.push(`${where}: description "${description}" is not Korean`);
        else if (lang === "en" && HANGUL.test(description)) problems.push(`${where}: description "${description}" is not English`);
      }
      expect(problems, problems.join("\n")).toEqual([]);
    }, 120_000);
  }

  it("error pages are titled in the page's language too", async () => {
    for (const [lang, expected] of [
      ["ko", `${ko.errors.notFoundTitle} · ${ko.site.name}`],
      ["en", `${en.errors.notFoundTitle} · ${en.site.name}`],
    ] as const) {
      const page = await fetchPage("/ideas/999999999", lang);
      expect(page.status).toBe(404);
      expect(titleOf(page.html)).toBe(expected);
    }
  });
});
