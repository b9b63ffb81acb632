// Pages written by admins (decision 033): the operating rules, the privacy notice, the terms of
// use and any other, in Korean and English Markdown. Every edit is a new version (who, when, a
// note of what changed); the newest is shown at /pages/:slug and the others are its public
// history, with a diff between any version and the one before.
import type { Kysely, Transaction } from "kysely";
import { z } from "zod";
import { INTEGER_MAX } from "../../utils/ids";
import { multiLine, noControlChars } from "../../utils/text";
import type { Database, Locale } from "../../../db/schema";
import { renderMarkdown } from "../../utils/markdown.server";
import { fail, FORM, msg } from "../../utils/result";
import type { Actor } from "../accounts/permissions";
import { administrationRefusal } from "../admin/permissions";
import { execute, useCase, type Trx } from "../use-case.server";
import { PAGE_LIMITS } from "./limits";

/** A page's address: starts with a letter (so no slug reads as a number), then letters, digits, hyphens. */
export const SLUG = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

const text = (max: number) =>
  z
    .string({ message: "errors.required" })
    .transform(multiLine)
    .pipe(z.string().min(1, "errors.required").max(max, "errors.tooLong").refine(noControlChars, "errors.controlChars"));

export const PageSchema = z.object({
  titleKo: text(PAGE_LIMITS.title),
  titleEn: text(PAGE_LIMITS.title),
  bodyKo: text(PAGE_LIMITS.body),
  bodyEn: text(PAGE_LIMITS.body),
  note: text(PAGE_LIMITS.note),
});

const EditPageSchema = PageSchema.extend({
  slug: z.string().regex(SLUG, "errors.notFound").max(PAGE_LIMITS.slug),
  /** The version the admin's form was written from. */
  baseVersion: z.coerce.number({ message: "errors.invalidChoice" }).int("errors.invalidChoice").min(0, "errors.invalidChoice").max(INTEGER_MAX, "errors.invalidChoice"),
});

const CreatePageSchema = PageSchema.extend({
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, "errors.required")
    .max(PAGE_LIMITS.slug, "errors.tooLong")
    .regex(SLUG, "pages.errors.slug")
    // /admin/pages/new is the form that creates a page.
    .refine((s) => s !== "new", "pages.errors.slugTaken"),
});

export type PageInput = z.infer<typeof PageSchema>;

async function latestVersion(db: Kysely<Database> | Trx, slug: string) {
  return db.selectFrom("page_versions").selectAll().where("page_slug", "=", slug).orderBy("version", "desc").limit(1).executeTakeFirst();
}

async function writeVersion(trx: Transaction<Database>, slug: string, version: number, page: PageInput, authorId: number | null, now: Date) {
  await trx
    .insertInto("page_versions")
    .values({
      page_slug: slug,
      version,
      title_ko: page.titleKo,
      title_en: page.titleEn,
      body_ko: page.bodyKo,
      body_en: page.bodyEn,
      body_html_ko: renderMarkdown(page.bodyKo),
      body_html_en: renderMarkdown(page.bodyEn),
      note: page.note,
      author_id: authorId,
      created_at: now,
    })
    .execute();
}

const EditPage = useCase({
  name: "pages.edit",
  schema: EditPageSchema,
  load: async (trx, input) => {
    const page = await trx.selectFrom("pages").select("slug").where("slug", "=", input.slug).forUpdate().executeTakeFirst();
    if (!page) return undefined;
    return { slug: page.slug, latest: await latestVersion(trx, page.slug) };
  },
  permit: (actor, _page, { now }) => administrationRefusal(actor, now),
  run: async ({ trx, actor, input, subject, now }) => {
    const current = subject.latest?.version ?? 0;
    // Another admin saved a version after this form was opened: say so rather than overwrite it.
    if (input.baseVersion !== current) return fail(FORM, msg("pages.errors.changedMeanwhile", { version: current }), 409);
    const latest = subject.latest;
    if (
      latest &&
      latest.title_ko === input.titleKo &&
      latest.title_en === input.titleEn &&
      latest.body_ko === input.bodyKo &&
      latest.body_en === input.bodyEn
    ) {
      return fail(FORM, msg("pages.errors.unchanged"), 400);
    }
    await writeVersion(trx, subject.slug, current + 1, input, actor.id, now);
    return { slug: subject.slug, version: current + 1 };
  },
  audit: ({ input }, output) => ({ targetType: "page", targetId: output.slug, details: { version: output.version, note: input.note } }),
});

const CreatePage = useCase({
  name: "pages.create",
  schema: CreatePageSchema,
  permit: (actor, _none: undefined, { now }) => administrationRefusal(actor, now),
  run: async ({ trx, actor, input, now }) => {
    const created = await trx.insertInto("pages").values({ slug: input.slug, created_at: now }).onConflict((oc) => oc.column("slug").doNothing()).returning("slug").executeTakeFirst();
    if (!created) return fail("slug", msg("pages.errors.slugTaken"), 409);
    await writeVersion(trx, input.slug, 1, input, actor.id, now);
    return { slug: input.slug, version: 1 };
  },
  audit: ({ input }, output) => ({ targetType: "page", targetId: output.slug, details: { version: 1, note: input.note } }),
});

export function editPage(db: Kysely<Database>, actor: Actor | null, input: Record<string, unknown>, now = new Date()) {
  return execute(db, EditPage, actor, { input, now });
}

export function createPage(db: Kysely<Database>, actor: Actor | null, input: Record<string, unknown>, now = new Date()) {
  return execute(db, CreatePage, actor, { input, now });
}

/**
 * The seed's pages (db/pages.ts): each written as version 1 only if no page has its slug, so
 * that seeding again never undoes an admin's edit.
 */
export async function seedPages(
  trx: Transaction<Database>,
  pages: readonly { slug: string; title_ko: string; title_en: string; body_ko: string; body_en: string }[],
): Promise<void> {
  for (const p of pages) {
    const created = await trx.insertInto("pages").values({ slug: p.slug }).onConflict((oc) => oc.column("slug").doNothing()).returning("slug").executeTakeFirst();
    if (!created) continue;
    await writeVersion(trx, p.slug, 1, { titleKo: p.title_ko, titleEn: p.title_en, bodyKo: p.body_ko, bodyEn: p.body_en, note: "" }, null, new Date());
  }
}

// ——— Reading ———

export function pageTitleIn(row: { title_ko: string; title_en: string }, locale: Locale): string {
  return locale === "en" ? row.title_en : row.title_ko;
}

/** The page as a visitor reads it: its newest version in the visitor's language. */
export async function publishedPage(db: Kysely<Database>, slug: string, locale: Locale) {
  if (!SLUG.test(slug) || slug.length > PAGE_LIMITS.slug) return null;
  const latest = await latestVersion(db, slug);
  if (!latest) return null;
  const first = await db.selectFrom("page_versions").select("created_at").where("page_slug", "=", slug).where("version", "=", 1).executeTakeFirst();
  return {
    slug,
    version: latest.version,
    title: pageTitleIn(latest, locale),
    html: locale === "en" ? latest.body_html_en : latest.body_html_ko,
    note: latest.note,
    changedAt: new Date(latest.created_at).toISOString(),
    publishedAt: new Date(first?.created_at ?? latest.created_at).toISOString(),
  };
}

/** Every version of a page, newest first: when, the note, who (a staff name), without bodies. */
export async function pageHistory(db: Kysely<Database>, slug: string) {
  if (!SLUG.test(slug)) return [];
  const rows = await db
    .selectFrom("page_versions")
    .leftJoin("users", "users.id", "page_versions.author_id")
    .select(["page_versions.version", "page_versions.note", "page_versions.created_at", "users.display_name as author_name"])
    .where("page_versions.page_slug", "=", slug)
    .orderBy("page_versions.version", "desc")
    .execute();
  return rows.map((r) => ({ ...r, created_at: new Date(r.created_at).toISOString() }));
}

/** A version and the one before it, in one language: the two texts a diff compares. */
export async function versionPair(db: Kysely<Database>, slug: string, version: number, locale: Locale) {
  if (!SLUG.test(slug) || !Number.isSafeInteger(version) || version < 1) return null;
  const rows = await db
    .selectFrom("page_versions")
    .selectAll()
    .where("page_slug", "=", slug)
    .where("version", "in", [version - 1, version])
    .execute();
  const now = rows.find((r) => r.version === version);
  if (!now) return null;
  const before = rows.find((r) => r.version === version - 1) ?? null;
  const body = (r: typeof now) => (locale === "en" ? r.body_en : r.body_ko);
  const title = (r: typeof now) => pageTitleIn(r, locale);
  return {
    version,
    note: now.note,
    changedAt: new Date(now.created_at).toISOString(),
    title: { before: before ? title(before) : null, after: title(now) },
    body: { before: before ? body(before) : null, after: body(now) },
  };
}

/** The admins' list: every page with its newest version's titles, date and note. */
export async function pagesForAdmin(db: Kysely<Database>, search = "") {
  let query = db
    .selectFrom("pages")
    .innerJoin("page_versions as v", "v.page_slug", "pages.slug")
    .select(["pages.slug", "v.version", "v.title_ko", "v.title_en", "v.created_at", "v.note"])
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom("page_versions as w").select("w.id").whereRef("w.page_slug", "=", "pages.slug").whereRef("w.version", ">", "v.version"))),
    )
    .orderBy("pages.slug")
    .limit(200);
  const q = search.trim();
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb("pages.slug", "ilike", like), eb("v.title_ko", "ilike", like), eb("v.title_en", "ilike", like)]));
  }
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, created_at: new Date(r.created_at).toISOString() }));
}

/** The newest version's source, for the edit form. */
export async function pageForEdit(db: Kysely<Database>, slug: string) {
  if (!SLUG.test(slug)) return null;
  const latest = await latestVersion(db, slug);
  if (!latest) return null;
  return {
    slug,
    version: latest.version,
    values: { titleKo: latest.title_ko, titleEn: latest.title_en, bodyKo: latest.body_ko, bodyEn: latest.body_en, note: "" },
  };
}
