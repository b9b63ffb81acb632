// Bodies and taxonomy that admins keep (issue 16, part 5; first step): committees, agencies,
// categories and regions, renamed in Korean and English, and new committees, agencies and
// categories created, without a deploy. Each change is a kernel use case with an audit row
// ("bodies.rename", "bodies.create"). The seed no longer refreshes names (db/seed.ts), so seeding
// again never undoes a rename, an archive or a detail an admin set. Archiving never deletes: an
// archived body stays on the ideas that point to it and leaves the choosers; a committee's or an
// agency's ideas still in its care move, as reassignments, to the body the admin names, in the
// same transaction (decision 043).
import type { Kysely } from "kysely";
import { z } from "zod";
import { INTEGER_MAX } from "../../utils/ids";
import { multiLine, noControlChars, oneLine } from "../../utils/text";
import type { Database, IdeaStatus } from "../../../db/schema";
import { fail, msg } from "../../utils/result";
import type { Actor } from "../accounts/permissions";
import { execute, lockInOrder, useCase, type Trx } from "../use-case.server";
import { REASSIGN_REASON } from "../workflow/limits";
import { reassignWithin } from "../workflow/workflow.server";
import { isId } from "../../utils/ids";
import { administrationRefusal } from "./permissions";

export const BODY_KINDS = ["committees", "agencies", "categories", "regions"] as const;
export type BodyKind = (typeof BODY_KINDS)[number];
/** Regions are the 17 metropolitan areas: renamed, never created here. */
export const CREATABLE: readonly BodyKind[] = ["committees", "agencies", "categories"];

const NAME_MAX = 80;
const name = z
  .string({ message: "errors.required" })
  .transform(oneLine)
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
      targetType: targetType(kind),
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
      targetType: targetType(kind),
      targetId: output.id,
      details: { slug: input.slug, ko: input.nameKo, en: input.nameEn },
    }),
  });
}

const PAGE = 50;

/** The statuses in which an idea is in a committee's or an agency's care (its step runs there). */
const CARE_STATUSES: Partial<Record<BodyKind, IdeaStatus[]>> = { committees: ["fast_tracked", "in_deliberation"], agencies: ["under_review"] };
const CARE_COLUMN: Partial<Record<BodyKind, "committee_id" | "agency_id">> = { committees: "committee_id", agencies: "agency_id" };

const targetType = (kind: BodyKind) => kind.replace(/ies$/, "y").replace(/s$/, "");

const optionalId = z
  .string()
  .optional()
  .transform((v) => (v ? Number(v) : null))
  .refine((v) => v === null || isId(v, INTEGER_MAX), "errors.invalidChoice");

const ArchiveSchema = z.object({
  id: RenameSchema.shape.id,
  targetId: optionalId,
  reason: z
    .string()
    .optional()
    .transform((s) => multiLine(s ?? ""))
    .pipe(z.string().max(REASSIGN_REASON.max, "errors.tooLong").refine(noControlChars, "errors.controlChars")),
});

async function lockBody(trx: Trx, kind: BodyKind, id: number) {
  return trx
    .selectFrom(kind as "committees")
    .select(["id", "name_ko", "name_en", "archived_at"])
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

function archiveCase(kind: BodyKind) {
  return useCase({
    name: "bodies.archive",
    schema: ArchiveSchema,
    load: (trx, input) => lockBody(trx, kind, input.id),
    permit: (actor, body, { now }) => administrationRefusal(actor, now) ?? (body.archived_at ? { message: msg("bodies.errors.archived"), status: 409 } : null),
    run: async ({ trx, actor, input, subject, now }) => {
      const column = CARE_COLUMN[kind];
      let moved: number[] = [];
      if (column) {
        const inCare = await trx.selectFrom("ideas").select("id").where(column, "=", subject.id).where("status", "in", CARE_STATUSES[kind]!).orderBy("id").execute();
        moved = inCare.map((r) => Number(r.id));
        if (moved.length > 0) {
          // Where the ideas go is asked first; then each moves through the reassign transition
          // (its own timeline event, notice and audit row) inside this transaction.
          if (input.targetId === null) return fail("targetId", msg("bodies.errors.chooseTarget", { count: moved.length }));
          if (input.targetId === subject.id) return fail("targetId", msg("bodies.errors.sameTarget"));
          if (input.reason.length < REASSIGN_REASON.min) return fail("reason", msg("workflow.errors.reason", REASSIGN_REASON));
          await lockInOrder(trx, kind as "committees", [input.targetId]);
          for (const ideaId of moved) {
            await reassignWithin(trx, actor, ideaId, kind === "committees" ? "committee" : "agency", { targetId: String(input.targetId), reason: input.reason }, now);
          }
        }
      }
      // A category that sent its ideas to the archived committee sends them to the new one.
      if (kind === "committees") {
        await trx.updateTable("categories").set({ default_committee_id: moved.length > 0 ? input.targetId : null }).where("default_committee_id", "=", subject.id).execute();
      }
      await trx.updateTable(kind as "committees").set({ archived_at: now }).where("id", "=", subject.id).execute();
      return { id: Number(subject.id), moved: moved.length, targetId: moved.length > 0 ? input.targetId : null };
    },
    audit: (_c, output) => ({ targetType: targetType(kind), targetId: output.id, details: { moved: output.moved, to: output.targetId } }),
  });
}

function restoreCase(kind: BodyKind) {
  return useCase({
    name: "bodies.restore",
    schema: z.object({ id: RenameSchema.shape.id }),
    load: (trx, input) => lockBody(trx, kind, input.id),
    permit: (actor, body, { now }) => administrationRefusal(actor, now) ?? (body.archived_at ? null : { message: msg("bodies.errors.notArchived"), status: 409 }),
    run: async ({ trx, subject }) => {
      await trx.updateTable(kind as "committees").set({ archived_at: null }).where("id", "=", subject.id).execute();
      return { id: Number(subject.id) };
    },
    audit: (_c, output) => ({ targetType: targetType(kind), targetId: output.id }),
  });
}

const CommitteeDetailsSchema = z.object({
  id: RenameSchema.shape.id,
  // The checked categories, as the form sends them joined by commas.
  categoryIds: z
    .string()
    .optional()
    .transform((v) => (v ?? "").split(",").filter(Boolean).map(Number))
    .refine((ids) => ids.length <= 200 && ids.every((id) => isId(id, INTEGER_MAX)), "errors.invalidChoice"),
});

/** A committee's default categories: the ideas of these categories come to it when fast-tracked. */
const CommitteeDetails = useCase({
  name: "bodies.details",
  schema: CommitteeDetailsSchema,
  load: (trx, input) => lockBody(trx, "committees", input.id),
  permit: (actor, body, { now }) => administrationRefusal(actor, now) ?? (body.archived_at ? { message: msg("bodies.errors.archived"), status: 409 } : null),
  run: async ({ trx, input, subject }) => {
    const wanted = [...new Set(input.categoryIds)];
    const found = wanted.length ? await trx.selectFrom("categories").select("id").where("id", "in", wanted).where("archived_at", "is", null).execute() : [];
    if (found.length !== wanted.length) return fail("categoryIds", msg("errors.invalidChoice"));
    const before = await trx.selectFrom("categories").select("id").where("default_committee_id", "=", subject.id).orderBy("id").execute();
    const dropped = before.map((r) => r.id).filter((id) => !wanted.includes(id));
    if (dropped.length) await trx.updateTable("categories").set({ default_committee_id: null }).where("id", "in", dropped).execute();
    if (wanted.length) await trx.updateTable("categories").set({ default_committee_id: subject.id }).where("id", "in", wanted).execute();
    return { id: Number(subject.id), from: before.map((r) => r.id), to: wanted.sort((a, b) => a - b) };
  },
  audit: (_c, output) => ({ targetType: "committee", targetId: output.id, details: { categories: { from: output.from, to: output.to } } }),
});

const AgencyDetailsSchema = z.object({
  id: RenameSchema.shape.id,
  kind: z.enum(["ministry", "local"], { message: "errors.invalidChoice" }),
  regionId: optionalId,
  supervisorId: optionalId,
});

/** An agency's kind, region and supervising office. */
const AgencyDetails = useCase({
  name: "bodies.details",
  schema: AgencyDetailsSchema,
  load: (trx, input) =>
    trx.selectFrom("agencies").select(["id", "kind", "region_id", "supervising_agency_id", "archived_at"]).where("id", "=", input.id).forUpdate().executeTakeFirst(),
  permit: (actor, body, { now }) => administrationRefusal(actor, now) ?? (body.archived_at ? { message: msg("bodies.errors.archived"), status: 409 } : null),
  run: async ({ trx, input, subject }) => {
    if (input.regionId !== null && !(await trx.selectFrom("regions").select("id").where("id", "=", input.regionId).executeTakeFirst())) {
      return fail("regionId", msg("errors.invalidChoice"));
    }
    if (input.supervisorId !== null) {
      if (input.supervisorId === subject.id) return fail("supervisorId", msg("bodies.errors.ownSupervisor"));
      const supervisor = await trx.selectFrom("agencies").select("id").where("id", "=", input.supervisorId).where("archived_at", "is", null).executeTakeFirst();
      if (!supervisor) return fail("supervisorId", msg("errors.invalidChoice"));
    }
    const from = { kind: subject.kind, regionId: subject.region_id, supervisorId: subject.supervising_agency_id };
    const to = { kind: input.kind, regionId: input.regionId, supervisorId: input.supervisorId };
    if (JSON.stringify(from) === JSON.stringify(to)) return fail("kind", msg("bodies.errors.unchanged"));
    await trx.updateTable("agencies").set({ kind: to.kind, region_id: to.regionId, supervising_agency_id: to.supervisorId }).where("id", "=", subject.id).execute();
    return { id: Number(subject.id), from, to };
  },
  audit: (_c, output) => ({ targetType: "agency", targetId: output.id, details: { from: output.from, to: output.to } }),
});

const ARCHIVE = Object.fromEntries(BODY_KINDS.map((k) => [k, archiveCase(k)])) as Record<BodyKind, ReturnType<typeof archiveCase>>;
const RESTORE = Object.fromEntries(BODY_KINDS.map((k) => [k, restoreCase(k)])) as Record<BodyKind, ReturnType<typeof restoreCase>>;

/** Archives a body; a committee's or an agency's ideas in its care move to `targetId` as reassignments. */
export function archiveBody(db: Kysely<Database>, actor: Actor | null, kind: BodyKind, input: Record<string, unknown>, now = new Date()) {
  return execute(db, ARCHIVE[kind], actor, { input, now });
}

/** Takes a body out of the archive: it is offered in the choosers again. */
export function restoreBody(db: Kysely<Database>, actor: Actor | null, kind: BodyKind, input: Record<string, unknown>, now = new Date()) {
  return execute(db, RESTORE[kind], actor, { input, now });
}

/** A committee's default categories, or an agency's kind, region and supervising office. */
export function setBodyDetails(db: Kysely<Database>, actor: Actor | null, kind: BodyKind, input: Record<string, unknown>, now = new Date()) {
  if (kind === "committees") return execute(db, CommitteeDetails, actor, { input, now });
  if (kind === "agencies") return execute(db, AgencyDetails, actor, { input, now });
  return Promise.resolve(fail("_form", msg("errors.forbidden"), 403));
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

/** A kind's rows for the admin page, searched by slug or name, a page at a time (ids after `after`). */
export async function bodiesFor(db: Kysely<Database>, kind: BodyKind, search = "", after = 0) {
  let query = db
    .selectFrom(kind as "committees")
    .select(["id", "name_ko", "name_en", "archived_at"])
    .select(kind === "regions" ? (eb) => eb.ref("code" as never).as("slug") : (eb) => eb.ref("slug").as("slug"))
    .where("id", ">", after)
    .orderBy("id")
    .limit(PAGE + 1);
  const q = search.trim();
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb("name_ko", "ilike", like), eb("name_en", "ilike", like), eb(kind === "regions" ? ("code" as never) : "slug", "ilike", like)]));
  }
  const rows = await query.execute();
  const page = rows.slice(0, PAGE).map((r) => ({
    id: Number(r.id),
    slug: String(r.slug),
    name_ko: r.name_ko,
    name_en: r.name_en,
    archived: r.archived_at !== null,
  }));
  return Object.assign(page, { next: rows.length > PAGE ? page[page.length - 1].id : null });
}

/** How many ideas are in each listed committee's or agency's care now (what archiving would move). */
export async function ideasInCare(db: Kysely<Database>, kind: BodyKind, ids: number[]): Promise<Record<number, number>> {
  const column = CARE_COLUMN[kind];
  if (!column || ids.length === 0) return {};
  const rows = await db
    .selectFrom("ideas")
    .select([column, (eb) => eb.fn.countAll<string>().as("n")])
    .where(column, "in", ids)
    .where("status", "in", CARE_STATUSES[kind]!)
    .groupBy(column)
    .execute();
  return Object.fromEntries(rows.map((r) => [Number(r[column]), Number(r.n)]));
}

/** The bodies of a kind that are not archived: where the ideas of an archived one may go. */
export async function activeBodies(db: Kysely<Database>, kind: BodyKind) {
  return db.selectFrom(kind as "committees").select(["id", "name_ko", "name_en"]).where("archived_at", "is", null).orderBy("id").limit(1000).execute();
}

/** What the detail forms offer and hold: categories and their default committee; agencies' kind, region, supervisor. */
export async function bodyDetails(db: Kysely<Database>, kind: BodyKind) {
  if (kind === "committees") {
    const categories = await db.selectFrom("categories").select(["id", "name_ko", "name_en", "default_committee_id"]).where("archived_at", "is", null).orderBy("id").execute();
    return { categories: categories.map((c) => ({ id: c.id, name_ko: c.name_ko, name_en: c.name_en, committeeId: c.default_committee_id })) };
  }
  if (kind === "agencies") {
    const [regions, agencies] = await Promise.all([
      db.selectFrom("regions").select(["id", "name_ko", "name_en"]).where("archived_at", "is", null).orderBy("id").execute(),
      db.selectFrom("agencies").select(["id", "name_ko", "name_en", "kind", "region_id", "supervising_agency_id", "archived_at"]).orderBy("id").limit(1000).execute(),
    ]);
    return {
      regions,
      agencies: agencies.map((a) => ({ id: a.id, name_ko: a.name_ko, name_en: a.name_en, kind: a.kind, regionId: a.region_id, supervisorId: a.supervising_agency_id, archived: a.archived_at !== null })),
    };
  }
  return {};
}
