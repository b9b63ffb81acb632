// The deliberation digest (issue 14, decision 034): written by the chair or the member the chair
// names while the idea is in deliberation; every argument draws on posts of the idea's own
// discussions (its committee thread or its public comments); frozen with the recommendation.
import type { Kysely } from "kysely";
import type { Database, DigestArgument, IdeaStatus } from "../../../db/schema";
import { fail, msg, type Failure } from "../../utils/result";
import type { Actor } from "../accounts/permissions";
import { everyTable, type HasRows } from "../ideas/record.server";
import { execute, useCase, type CustomRefusal, type KernelRefusal, type Trx } from "../use-case.server";
import { digestFormValues, nameWriterRefusal, writeDigestRefusal, type DigestFacts, type DigestRefusal } from "./digest";
import { DigestSchema, NameWriterSchema } from "./digest-schemas";

type Db = Kysely<Database>;

const MESSAGES: Record<Exclude<DigestRefusal, "signin" | "unverified" | "suspended" | "forbidden">, CustomRefusal> = {
  notChair: { message: msg("committees.errors.notChair"), status: 403 },
  notWriter: { message: msg("digest.errors.notWriter"), status: 403 },
  notInDeliberation: { message: msg("committees.errors.notInDeliberation"), status: 409 },
  digestFrozen: { message: msg("digest.errors.frozen"), status: 409 },
};

function refusalOf(refusal: DigestRefusal | null): KernelRefusal | CustomRefusal | null {
  if (refusal === null) return null;
  return refusal in MESSAGES ? MESSAGES[refusal as keyof typeof MESSAGES] : (refusal as KernelRefusal);
}

/** Locks the idea's row first (as the recommendation does, which freezes the digest). */
async function lockDigestSubject(trx: Trx, ideaId: number | undefined) {
  if (ideaId === undefined) return undefined;
  const idea = await trx.selectFrom("ideas").select(["id", "status", "committee_id"]).where("id", "=", ideaId).forUpdate().executeTakeFirst();
  if (!idea) return undefined;
  const digest = await trx.selectFrom("deliberation_digests").selectAll().where("idea_id", "=", ideaId).executeTakeFirst();
  const facts: DigestFacts = { committeeId: idea.committee_id, ideaStatus: idea.status, writerId: digest?.writer_id ?? null, frozen: digest?.frozen_at != null };
  return { idea, digest, facts };
}

const SaveDigest = useCase({
  name: "committee.digest.save",
  schema: DigestSchema,
  load: (trx, _input, ideaId) => lockDigestSubject(trx, ideaId),
  permit: (actor, s, { now }) => refusalOf(writeDigestRefusal(actor, s.facts, now)),
  run: async ({ trx, actor, input, subject: s, now }) => {
    // Every post drawn on is one of this idea's discussions, and still shown.
    const wanted = [...new Set([...input.for, ...input.against].flatMap((a) => a.posts))];
    if (wanted.length) {
      const found = await trx
        .selectFrom("posts")
        .innerJoin("threads", "threads.id", "posts.thread_id")
        .select("posts.id")
        .where("posts.id", "in", wanted)
        .where("threads.idea_id", "=", s.idea.id)
        .where("posts.removed_at", "is", null)
        .where("posts.hidden_at", "is", null)
        .execute();
      const ok = new Set(found.map((p) => p.id));
      for (const side of ["for", "against"] as const) {
        for (const [i, a] of input[side].entries()) {
          const missing = a.posts.find((p) => !ok.has(p));
          if (missing !== undefined) return fail(`${side}${i + 1}Posts`, msg("digest.errors.postNotHere", { post: missing }));
        }
      }
    }
    const values = {
      arguments_for: JSON.stringify(input.for),
      arguments_against: JSON.stringify(input.against),
      open_questions: JSON.stringify(input.questions),
      evidence: input.evidence,
      written_by: actor.id,
      updated_at: now,
    };
    if (s.digest) await trx.updateTable("deliberation_digests").set(values).where("id", "=", s.digest.id).execute();
    else await trx.insertInto("deliberation_digests").values({ idea_id: s.idea.id, committee_id: s.idea.committee_id!, ...values }).execute();
    return { saved: true };
  },
  audit: ({ subject }) => ({ targetType: "idea", targetId: subject.idea.id }),
});

const NameWriter = useCase({
  name: "committee.digest.nameWriter",
  schema: NameWriterSchema,
  load: (trx, _input, ideaId) => lockDigestSubject(trx, ideaId),
  permit: (actor, s, { now }) => refusalOf(nameWriterRefusal(actor, s.facts, now)),
  run: async ({ trx, input, subject: s }) => {
    const member = await trx
      .selectFrom("role_grants")
      .select("user_id")
      .where("user_id", "=", input.writerId)
      .where("committee_id", "=", s.idea.committee_id)
      .where("role", "in", ["committee_member", "committee_chair"])
      .executeTakeFirst();
    if (!member) return fail("writerId", msg("digest.errors.writer"));
    if (s.digest) await trx.updateTable("deliberation_digests").set({ writer_id: input.writerId }).where("id", "=", s.digest.id).execute();
    else
      await trx
        .insertInto("deliberation_digests")
        .values({ idea_id: s.idea.id, committee_id: s.idea.committee_id!, writer_id: input.writerId, arguments_for: "[]", arguments_against: "[]", open_questions: "[]" })
        .execute();
    return { writerId: input.writerId };
  },
  audit: ({ subject }, output) => ({ targetType: "idea", targetId: subject.idea.id, details: { writerId: output.writerId } }),
});

export function saveDigest(db: Db, actor: Actor | null, ideaId: number, input: Record<string, unknown>, now = new Date()) {
  return execute(db, SaveDigest, actor, { target: ideaId, input, now });
}
export function nameDigestWriter(db: Db, actor: Actor | null, ideaId: number, input: Record<string, unknown>, now = new Date()) {
  return execute(db, NameWriter, actor, { target: ideaId, input, now });
}

/**
 * The recommendation needs the digest written (decision 034, amended): it goes to the agency with
 * it. A writer named with nothing saved is not a digest. Read in the recommendation's
 * transaction, after the idea's lock, so a save and the recording queue.
 */
export async function digestMissing(trx: Trx, ideaId: number): Promise<Failure | null> {
  const written = await trx.selectFrom("deliberation_digests").select("id").where("idea_id", "=", ideaId).where("updated_at", "is not", null).executeTakeFirst();
  return written ? null : fail("digest", msg("digest.errors.required"), 409);
}

/**
 * Freezes the idea's digest with its recommendation, in the recommendation's transaction (which
 * locked the idea first). An empty digest (a writer named, nothing written) is not frozen.
 */
export async function freezeDigest(trx: Trx, ideaId: number, recommendationId: number, now: Date): Promise<void> {
  await trx
    .updateTable("deliberation_digests")
    .set({ frozen_at: now, recommendation_id: recommendationId })
    .where("idea_id", "=", ideaId)
    .where("frozen_at", "is", null)
    .where("updated_at", "is not", null)
    .execute();
}

/**
 * The digest as the idea's page and the digest form show it: frozen, to everyone; a draft, to
 * the committee's members only. Each post drawn on comes with the address that shows it.
 */
export async function ideaDigest(db: Db, ideaId: number, actor: Actor | null, now = new Date()) {
  const idea = await db.selectFrom("ideas").select(["id", "title", "status", "committee_id"]).where("id", "=", ideaId).executeTakeFirst();
  return idea ? digestView(db, idea, actor, now) : null;
}

/** The same, from the idea already read (its page reads it once: app/domain/ideas/page.server.ts). */
export async function digestView(
  db: Db,
  idea: { id: number; title: string; status: IdeaStatus; committee_id: number | null },
  actor: Actor | null,
  now = new Date(),
  has: HasRows = everyTable,
) {
  const ideaId = idea.id;
  const d = has("deliberation_digests")
    ? await db
        .selectFrom("deliberation_digests")
        .leftJoin("users as writer", "writer.id", "deliberation_digests.writer_id")
        .selectAll("deliberation_digests")
        .select("writer.display_name as writer_name")
        .where("idea_id", "=", ideaId)
        .executeTakeFirst()
    : undefined;
  const facts: DigestFacts = { committeeId: idea.committee_id, ideaStatus: idea.status, writerId: d?.writer_id ?? null, frozen: d?.frozen_at != null };
  const member = idea.committee_id !== null && actor?.grants.some((g) => g.committeeId === idea.committee_id && (g.role === "committee_member" || g.role === "committee_chair"));
  const can = { write: writeDigestRefusal(actor, facts, now) === null, name: nameWriterRefusal(actor, facts, now) === null };
  // The chair chooses the writer among the committee's members.
  const members = can.name
    ? await db
        .selectFrom("role_grants")
        .innerJoin("users", "users.id", "role_grants.user_id")
        .select(["users.id", "users.display_name as name"])
        .distinct()
        .where("role_grants.committee_id", "=", idea.committee_id)
        .where("role_grants.role", "in", ["committee_member", "committee_chair"])
        .orderBy("users.id")
        .execute()
    : [];
  const base = { title: idea.title, status: idea.status, writerId: d?.writer_id ?? null, members, can };
  const written = d?.updated_at != null;
  if (!d || !written || (!d.frozen_at && !member)) return { ...base, digest: null, writerName: member ? (d?.writer_name ?? null) : null };
  const argsFor = d.arguments_for as DigestArgument[];
  const argsAgainst = d.arguments_against as DigestArgument[];
  const postIds = [...new Set([...argsFor, ...argsAgainst].flatMap((a) => a.posts))];
  const posts = postIds.length
    ? await db
        .selectFrom("posts")
        .innerJoin("threads", "threads.id", "posts.thread_id")
        .select(["posts.id", "posts.thread_id", "threads.kind"])
        .where("posts.id", "in", postIds)
        .execute()
    : [];
  const href = new Map(posts.map((p) => [p.id, p.kind === "committee" ? `/threads/${p.thread_id}#post-${p.id}` : `/ideas/${ideaId}#post-${p.id}`]));
  const withLinks = (list: DigestArgument[]) => list.map((a) => ({ text: a.text, posts: a.posts.map((id) => ({ id, href: href.get(id) ?? null })) }));
  const input = { for: argsFor, against: argsAgainst, questions: d.open_questions as string[], evidence: d.evidence };
  return {
    digest: {
      for: withLinks(argsFor),
      against: withLinks(argsAgainst),
      questions: input.questions,
      evidence: d.evidence,
      frozenAt: d.frozen_at === null ? null : new Date(d.frozen_at).toISOString(),
      updatedAt: new Date(d.updated_at!).toISOString(),
      values: digestFormValues(input),
    },
    writerName: d.writer_name,
    ...base,
  };
}

export type IdeaDigestView = Awaited<ReturnType<typeof digestView>>;
