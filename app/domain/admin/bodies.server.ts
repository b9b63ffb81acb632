// Bodies and taxonomy that admins keep (issue 16, part 5; first step): committees, agencies,
// categories and regions, renamed in Korean and English, and new committees, agencies and
// categories created, without a deploy. Each change is a kernel use case with an audit row
// ("bodies.rename", "bodies.create"). The seed no longer refreshes names (db/seed.ts), so seeding
// again never undoes a rename. Archiving (and moving the ideas in a body's care) is not built yet.
import type { Kysely } from "kysely";
import { z } from "zod";
import { INTEGER_MAX } from "../../utils/ids";
import { noControlChars } from "../../utils/text";
import type { Database } from "../../../db/schema";
import { fail, msg } from "../../utils/result";
import type { Actor } from "../accounts/permissions";
import { execute, useCase } from "../use-case.server";
import { administrationRefusal } from "./permissions";

export const BODY_KINDS = ["committees", "agencies", "categories", "regions"] as const;
export type BodyKind = (typeof BODY_KINDS)[number];
/** Regions are the 17 metropolitan areas: renamed, never created here. */
export const CREATABLE: readonly BodyKind[] = ["committees", "agencies", "categories"];

const NAME_MAX = 80;
const name = z
  .string({ message: "errors.required" })
  .transform((s) => s.normalize("NFC").replace(/\s+/g, " ").trim())
  .pipe(z.string().min(1, "errors.required").max(NAME_MAX, "errors.tooLong").refine(noControlChars, "errors.controlChars"));

const RenameSchema = z.object({
  id: z.coerce.number({ message: "errors.notFound" }).int("errors.notFound").positive("errors.notFound").max(INTEGER_MAX, "errors.notFound"),
  nameKo: name,
  nameEn: name,
});

const CreateSchema = z.object({
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, "errors.required")
    .max(60, "errors.tooLong")
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "pages.errors.slug"),
  nameKo: name,
  nameEn: name,
  kind: z.enum(["ministry", "local", ""], { message: "errors.invalidChoice" }).default(""),
});

function renameCase(kind: BodyKind) {
  return useCase({
    name: "bodies.rename",
    schema: RenameSchema,
    load: async (trx, input) =>
      trx
        .selectFrom(kind as "committees")
        .select(["id", "name_ko", "name_en"])
        .where("id", "=", input.id)
        .forUpdate()
        .executeTakeFirst(),
    permit: (actor, _row, { now }) => administrationRefusal(actor, now),
    run: async ({ trx, input, subject }) => {
      if (subject.name_ko === input.nameKo && subject.name_en === input.nameEn) return fail("nameKo", msg("bodies.errors.unchanged"), 400);
      await trx
        .updateTable(kind as "committees")
        .set({ name_ko: input.nameKo, name_en: input.nameEn })
        .where("id", "=", subject.id)
        .execute();
      return { id: Number(subject.id), from: { ko: subject.name_ko, en: subject.name_en } };
    },
    audit: ({ input }, output) => ({
      targetType: kind.replace(/ies$/, "y").replace(/s$/, ""),
      targetId: output.id,
      details: { from: output.from, to: { ko: input.nameKo, en: input.nameEn } },
    }),
  });
}

function createCase(kind: BodyKind) {
  return useCase({
    name: "bodies.create",
    schema: CreateSchema,
    permit: (actor, _none: undefined, { now, input }) => {
      const refusal = administrationRefusal(actor, now);
      if (refusal) return refusal;
      if (kind === "agencies" && input.kind === "") return { message: msg("errors.invalidChoice"), status: 400, field: "kind" };
      return null;
    },
    run: async ({ trx, input }) => {
      const values = { slug: input.slug, name_ko: input.nameKo, name_en: input.nameEn, ...(kind === "agencies" ? { kind: input.kind as "ministry" | "local" } : {}) };
      const row = await trx
        .insertInto(kind as "agencies")
        .values(values as never)
        .onConflict((oc) => oc.column("slug").doNothing())
        .returning("id")
        .executeTakeFirst();
      if (!row) return fail("slug", msg("bodies.errors.slugTaken"), 409);
      return { id: Number(row.id) };
    },
    audit: ({ input }, output) => ({
      targetType: kind.replace(/ies$/, "y").replace(/s$/, ""),
      targetId: output.id,
      details: { slug: input.slug, ko: input.nameKo, en: input.nameEn },
    }),
  });
}

const RENAME = Object.fromEntries(BODY_KINDS.map((k) => [k, renameCase(k)])) as Record<BodyKind, ReturnType<typeof renameCase>>;
const CREATE = Object.fromEntries(CREATABLE.map((k) => [k, createCase(k)])) as Partial<Record<BodyKind, ReturnType<typeof createCase>>>;

export function renameBody(db: Kysely<Database>, actor: Actor | null, kind: BodyKind, input: Record<string, unknown>, now = new Date()) {
  return execute(db, RENAME[kind], actor, { input, now });
}

export function createBody(db: Kysely<Database>, actor: Actor | null, kind: BodyKind, input: Record<string, unknown>, now = new Date()) {
  const uc = CREATE[kind];
  if (!uc) return Promise.resolve(fail("_form", msg("errors.forbidden"), 403));
  return execute(db, uc, actor, { input, now });
}

/** A kind's rows for the admin page, searched by slug or name; at most 200 (the lists are short). */
export async function bodiesFor(db: Kysely<Database>, kind: BodyKind, search = "") {
  let query = db
    .selectFrom(kind as "committees")
    .select(["id", "name_ko", "name_en"])
    .select(kind === "regions" ? (eb) => eb.ref("code" as never).as("slug") : (eb) => eb.ref("slug").as("slug"))
    .orderBy("id")
    .limit(200);
  const q = search.trim();
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb("name_ko", "ilike", like), eb("name_en", "ilike", like), eb(kind === "regions" ? ("code" as never) : "slug", "ilike", like)]));
  }
  const rows = await query.execute();
  return rows.map((r) => ({ id: Number(r.id), slug: String(r.slug), name_ko: r.name_ko, name_en: r.name_en }));
}
