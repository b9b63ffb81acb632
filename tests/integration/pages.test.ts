// Pages written by admins (/pages/:slug, /admin/pages): seeded once, edited as public versions
// with a note, shown to visitors in their language with when they last changed and what changed,
// sanitised, refused with 409 when someone saved meanwhile, and never undone by a second seed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/domain/accounts/permissions";
import { createPage, editPage } from "../../app/domain/pages/pages.server";
import { action as editAction } from "../../app/routes/admin.pages.$slug";
import { loader as historyLoader } from "../../app/routes/pages.$slug.history";
import { loader as pageLoader } from "../../app/routes/pages.$slug._index";
import { seedReference } from "../../db/seed";
import { person } from "../fixtures/roster";
import { openTestDatabase, type TestDatabase } from "./db";
import { call, contextFor } from "./harness";

let t: TestDatabase;
let admin: Actor;
beforeAll(async () => {
  t = await openTestDatabase();
  admin = await person(t.db, { roles: [{ role: "admin" }] });
}, 180_000);
afterAll(() => t?.close());

function visit(path: string, slug: string, locale: "ko" | "en" = "en") {
  const fn = path.endsWith("/history") || path.includes("/history?") ? historyLoader : pageLoader;
  return call(fn as never, { path, params: { slug }, context: { ...contextFor(t.services, null), locale } as never });
}

type PageData = { page: { title: string; html: string; version: number; note: string } };

const rulesEdit = (baseVersion: number, extra: Record<string, string> = {}) => ({
  slug: "operating-rules",
  baseVersion: String(baseVersion),
  titleKo: "운영 원칙",
  titleEn: "Operating rules",
  bodyKo: "## 허용되는 것\n- 정책 제안\n\n## 새 규칙\n- 같은 제안을 하루에 두 번 올리지 않습니다.",
  bodyEn: "## Allowed\n- Policy proposals\n\n## New rule\n- Do not post the same idea twice a day.",
  note: "Added a rule on reposting",
  ...extra,
});

describe("the seeded pages", () => {
  it("the operating rules, the privacy notice and the terms of use are there in both languages", async () => {
    for (const [slug, en, ko] of [
      ["operating-rules", "Operating rules", "운영 원칙"],
      ["privacy", "Privacy notice", "개인정보 처리방침"],
      ["terms", "Terms of use", "이용약관"],
    ]) {
      const inEnglish = await visit(`/pages/${slug}`, slug, "en");
      expect(inEnglish.status).toBe(200);
      expect((inEnglish.data as PageData).page.title).toBe(en);
      const inKorean = await visit(`/pages/${slug}`, slug, "ko");
      expect((inKorean.data as PageData).page.title).toBe(ko);
      expect((inKorean.data as PageData).page.html).toContain("<h2>");
    }
  });

  it("an unknown page or a malformed address is a 404", async () => {
    expect((await visit("/pages/no-such-page", "no-such-page")).status).toBe(404);
    expect((await visit("/pages/..%2Fadmin", "../admin")).status).toBe(404);
  });
});

describe("editing a page", () => {
  it("makes a new version that visitors read, with its date and note, and an audit row", async () => {
    const result = await editPage(t.db, admin, rulesEdit(1));
    expect(result).toMatchObject({ ok: true, slug: "operating-rules", version: 2 });
    const page = (await visit("/pages/operating-rules", "operating-rules")).data as PageData;
    expect(page.page).toMatchObject({ version: 2, note: "Added a rule on reposting" });
    expect(page.page.html).toContain("Do not post the same idea twice a day.");
    const audit = await t.db.selectFrom("audit_log").selectAll().where("action", "=", "pages.edit").executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_id: admin.id, target_type: "page", target_id: "operating-rules", details: { version: 2, note: "Added a rule on reposting" } });
  });

  it("the history shows every version and what the newest changed, line by line, in the visitor's language", async () => {
    const history = await visit("/pages/operating-rules/history", "operating-rules", "en");
    expect(history.status).toBe(200);
    const data = history.data as { versions: { version: number }[]; diff: { kind: string; text?: string }[] };
    expect(data.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(data.diff).toContainEqual({ kind: "added", text: "- Do not post the same idea twice a day." });
    expect(data.diff.some((d) => d.kind === "removed")).toBe(true);
    const korean = (await visit("/pages/operating-rules/history?v=2", "operating-rules", "ko")).data as typeof data;
    expect(korean.diff).toContainEqual({ kind: "added", text: "- 같은 제안을 하루에 두 번 올리지 않습니다." });
    const first = (await visit("/pages/operating-rules/history?v=1", "operating-rules")).data as { diff: unknown };
    expect(first.diff).toBeNull();
    expect((await visit("/pages/operating-rules/history?v=9", "operating-rules")).status).toBe(404);
    expect((await visit("/pages/operating-rules/history?v=abc", "operating-rules")).status).toBe(400);
  });

  it("from a form opened before someone else saved is refused with 409, the typed text kept", async () => {
    const answer = await call(editAction as never, {
      path: "/admin/pages/operating-rules",
      params: { slug: "operating-rules" },
      form: rulesEdit(1, { bodyEn: "My version typed from the old one" }),
      context: contextFor(t.services, admin),
    });
    expect(answer.status).toBe(409);
    expect(answer.data).toMatchObject({ errors: { _form: [{ key: "pages.errors.changedMeanwhile", values: { version: 2 } }] }, values: { bodyEn: "My version typed from the old one" } });
  });

  it("with an empty title or nothing changed is refused with 400, next to the field", async () => {
    const empty = await call(editAction as never, {
      path: "/admin/pages/operating-rules",
      params: { slug: "operating-rules" },
      form: rulesEdit(2, { titleEn: "  " }),
      context: contextFor(t.services, admin),
    });
    expect(empty.status).toBe(400);
    expect(empty.data).toMatchObject({ errors: { titleEn: [{ key: "errors.required" }] }, values: { titleEn: "  " } });
    expect(await editPage(t.db, admin, rulesEdit(2))).toMatchObject({ ok: false, status: 400, errors: { _form: [{ key: "pages.errors.unchanged" }] } });
  });

  it("keeps scripts and event handlers out of the page", async () => {
    const result = await editPage(t.db, admin, {
      ...rulesEdit(2),
      bodyEn: 'Rules <script>alert(1)</script><img src=x onerror="alert(2)"> [x](javascript:alert(3))',
      note: "Testing the sanitiser",
    });
    expect(result.ok).toBe(true);
    const html = ((await visit("/pages/operating-rules", "operating-rules")).data as PageData).page.html;
    expect(html).not.toMatch(/<script|onerror|javascript:/i);
  });

  it("is for administrators only", async () => {
    const moderator = await person(t.db, { roles: [{ role: "moderator" }] });
    const asModerator = moderator;
    expect(await editPage(t.db, asModerator, rulesEdit(3, { note: "x" }))).toMatchObject({ ok: false, status: 403 });
    expect(await editPage(t.db, null, rulesEdit(3))).toMatchObject({ ok: false, status: 401 });
  });

  it("seeding again leaves the admin's version in place", async () => {
    const before = ((await visit("/pages/operating-rules", "operating-rules")).data as PageData).page;
    await seedReference(t.db);
    const after = ((await visit("/pages/operating-rules", "operating-rules")).data as PageData).page;
    expect(after).toEqual(before);
    expect(after.version).toBe(3);
  });
});

describe("a new page", () => {
  it("is created at its address, which must be free and well formed", async () => {
    const page = { titleKo: "접근성", titleEn: "Accessibility", bodyKo: "본문", bodyEn: "Text", note: "First version" };
    expect(await createPage(t.db, admin, { ...page, slug: "Accessibility Statement" })).toMatchObject({ ok: false, status: 400, errors: { slug: [{ key: "pages.errors.slug" }] } });
    expect(await createPage(t.db, admin, { ...page, slug: "accessibility" })).toMatchObject({ ok: true, version: 1 });
    expect(await createPage(t.db, admin, { ...page, slug: "accessibility" })).toMatchObject({ ok: false, status: 409, errors: { slug: [{ key: "pages.errors.slugTaken" }] } });
    expect(await createPage(t.db, admin, { ...page, slug: "new" })).toMatchObject({ ok: false, status: 400 });
    expect(((await visit("/pages/accessibility", "accessibility", "ko")).data as PageData).page.title).toBe("접근성");
  });
});
