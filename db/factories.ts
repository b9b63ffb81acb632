// Builders for rows with sensible defaults: the demo data (db/demo.ts) and the tests use the
// same ones, so what a newcomer clicks through is what the tests check.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { hashPassword } from "../app/domain/accounts/passwords.server";
import type { Database, RoleName } from "./schema";
import { seal, sealingKey, TOTP_PURPOSE, totpOwner } from "./secret-box";

const hashes = new Map<string, Promise<string>>();
function cachedHash(password: string): Promise<string> {
  let hash = hashes.get(password);
  if (!hash) {
    hash = hashPassword(password);
    hashes.set(password, hash);
  }
  return hash;
}

export const FACTORY_PASSWORD = "correct horse battery staple 7";

export interface RoleSpec {
  role: RoleName;
  committee?: string;
  agency?: string;
}

export interface UserSpec {
  email?: string;
  displayName?: string;
  password?: string;
  verified?: boolean;
  locale?: "ko" | "en" | null;
  roles?: RoleSpec[];
  createdAt?: Date;
}

export async function createUser(db: Kysely<Database>, spec: UserSpec = {}) {
  const email = (spec.email ?? `user-${randomUUID()}@example.org`).toLowerCase();
  const password = spec.password ?? FACTORY_PASSWORD;
  const inserted = await db
    .insertInto("users")
    .values({
      email,
      display_name: spec.displayName ?? `Citizen ${email.slice(5, 11)}`,
      password_hash: await cachedHash(password),
      email_verified_at: spec.verified === false ? null : new Date(),
      locale: spec.locale ?? null,
      // A week old unless told: a brand-new account's ideas are held for review (moderation
      // screening), which tests and demo data ask for explicitly with `createdAt`.
      created_at: spec.createdAt ?? new Date(Date.now() - 7 * 86_400_000),
    })
    .onConflict((oc) => oc.column("email").doNothing())
    .returning(["id", "email", "display_name"])
    .executeTakeFirst();
  const user =
    inserted ??
    (await db.selectFrom("users").select(["id", "email", "display_name"]).where("email", "=", email).executeTakeFirstOrThrow());
  for (const spec_ of spec.roles ?? []) await grant(db, user.id, spec_);
  return { ...user, password };
}

export async function grant(db: Kysely<Database>, userId: number, spec: RoleSpec): Promise<void> {
  const committeeId = spec.committee
    ? (await db.selectFrom("committees").select("id").where("slug", "=", spec.committee).executeTakeFirstOrThrow()).id
    : null;
  const agencyId = spec.agency
    ? (await db.selectFrom("agencies").select("id").where("slug", "=", spec.agency).executeTakeFirstOrThrow()).id
    : null;
  const existing = await db
    .selectFrom("role_grants")
    .select("id")
    .where("user_id", "=", userId)
    .where("role", "=", spec.role)
    .where((eb) => (committeeId ? eb("committee_id", "=", committeeId) : eb("committee_id", "is", null)))
    .where((eb) => (agencyId ? eb("agency_id", "=", agencyId) : eb("agency_id", "is", null)))
    .executeTakeFirst();
  if (existing) return;
  await db
    .insertInto("role_grants")
    .values({ user_id: userId, role: spec.role, committee_id: committeeId, agency_id: agencyId })
    .execute();
}

/** A secret for tests that sign staff in: 20 bytes in base32 (app/domain/accounts/two-factor.server.ts). */
export const FACTORY_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/**
 * Enrols an account in two-factor sign-in with a known secret (a test computes its codes with
 * @oslojs/otp), as if it had scanned the code: staff roles apply outside demo mode only then
 * (decision 047). Enrolling again resets the last accepted step, so the current code is good.
 */
export async function enrolTwoFactor(db: Kysely<Database>, userId: number, secret = FACTORY_TOTP_SECRET): Promise<string> {
  // Stored sealed, as enrolling does (decision 056).
  const sealed = seal(sealingKey(TOTP_PURPOSE), totpOwner(userId), secret);
  await db
    .insertInto("two_factor")
    .values({ user_id: userId, secret: sealed, last_step: null })
    .onConflict((oc) => oc.column("user_id").doUpdateSet({ secret: sealed, last_step: null }))
    .execute();
  return secret;
}

export interface CampaignSpec {
  slug?: string;
  titleKo?: string;
  titleEn?: string;
  descriptionKo?: string;
  descriptionEn?: string;
  opensAt?: Date;
  closesAt?: Date;
  threshold?: number;
  windowDays?: number;
  category?: string;
  regionId?: number;
  committee?: string;
  /** Whether paper supports count toward the threshold (assisted entry, decision 039). */
  paperSupports?: "not_counted" | "counted";
  /** Who may take part (decision 049): levels 1 e-mail, 2 identity, 3 in person. */
  proposeLevel?: number;
  supportLevel?: number;
  eligibleRegionId?: number;
  minAge?: number;
  verifiedThreshold?: boolean;
}

export async function createCampaign(db: Kysely<Database>, spec: CampaignSpec = {}) {
  const day = 86_400_000;
  const slug = spec.slug ?? `campaign-${randomUUID().slice(0, 8)}`;
  const lookup = async (table: "categories" | "committees", s?: string) =>
    s ? (await db.selectFrom(table).select("id").where("slug", "=", s).executeTakeFirstOrThrow()).id : null;
  await db
    .insertInto("campaigns")
    .values({
      slug,
      title_ko: spec.titleKo ?? `공모 ${slug}`,
      title_en: spec.titleEn ?? `Call ${slug}`,
      description_ko: spec.descriptionKo ?? "",
      description_en: spec.descriptionEn ?? "",
      opens_at: spec.opensAt ?? new Date(Date.now() - day),
      closes_at: spec.closesAt ?? new Date(Date.now() + 30 * day),
      support_threshold: spec.threshold ?? 5,
      support_window_days: spec.windowDays ?? 30,
      category_id: await lookup("categories", spec.category),
      committee_id: await lookup("committees", spec.committee),
      region_id: spec.regionId ?? null,
      paper_supports: spec.paperSupports ?? "not_counted",
      propose_level: spec.proposeLevel ?? 1,
      support_level: spec.supportLevel ?? 1,
      eligible_region_id: spec.eligibleRegionId ?? null,
      min_age: spec.minAge ?? null,
      verified_threshold: spec.verifiedThreshold ?? false,
    })
    .onConflict((oc) => oc.column("slug").doNothing())
    .execute();
  return db.selectFrom("campaigns").selectAll().where("slug", "=", slug).executeTakeFirstOrThrow();
}

export interface IdeaSpec {
  author: { id: number };
  title?: string;
  body?: string;
  category?: string;
  regionId?: number | null;
  campaignId?: number | null;
  createdAt?: Date;
}

/**
 * Submits an idea through the real use case (so every derived column and counter is right).
 * The author is treated as a verified citizen.
 */
export async function createIdea(db: Kysely<Database>, spec: IdeaSpec) {
  const { submitIdea } = await import("../app/domain/ideas/ideas.server");
  const category = await db
    .selectFrom("categories")
    .select("id")
    .where("slug", "=", spec.category ?? "economy")
    .executeTakeFirstOrThrow();
  const result = await submitIdea(
    db,
    citizenActor(spec.author.id),
    {
      title: spec.title ?? `An idea ${randomUUID().slice(0, 8)}`,
      body: spec.body ?? "A proposal with enough words to pass the minimum length of thirty characters.",
      categoryId: String(category.id),
      regionId: spec.regionId ? String(spec.regionId) : "",
      campaignId: spec.campaignId ? String(spec.campaignId) : "",
    },
    spec.createdAt ?? new Date(),
  );
  if (!result.ok) throw new Error(`createIdea failed: ${JSON.stringify(result.errors)}`);
  return result.ideaId;
}

export interface IdentitySpec {
  method?: "oidc" | "in_person";
  birthYear?: number | null;
  provinceId?: number | null;
  /** Days from now until it runs out (negative: already expired). */
  validDays?: number;
  place?: string;
}

/**
 * Marks a person identity verified, as a provider's answer or a desk would (the HMAC stands for
 * a person of the test's own: random unless given).
 */
export async function verifyIdentity(db: Kysely<Database>, userId: number, spec: IdentitySpec = {}) {
  const method = spec.method ?? "oidc";
  const row = {
    method,
    provider: method === "oidc" ? "demo" : null,
    subject_hmac: method === "oidc" ? randomUUID().replace(/-/g, "").padEnd(64, "0") : null,
    birth_year: spec.birthYear ?? null,
    province_id: spec.provinceId ?? null,
    verified_at: new Date(),
    expires_at: new Date(Date.now() + (spec.validDays ?? 365) * 86_400_000),
    verified_by: null,
    place: method === "in_person" ? (spec.place ?? "Desk") : null,
  };
  await db
    .insertInto("identity_verifications")
    .values({ user_id: userId, ...row })
    .onConflict((oc) => oc.column("user_id").doUpdateSet(row))
    .execute();
}

/** Supports an idea as the given user, through the real use case. */
export async function support(db: Kysely<Database>, userId: number, ideaId: number, at = new Date()) {
  const { supportIdea } = await import("../app/domain/ideas/supports.server");
  const result = await supportIdea(db, citizenActor(userId), ideaId, at);
  if (!result.ok) throw new Error(`support failed: ${JSON.stringify(result.errors)}`);
  return result;
}

export function citizenActor(id: number) {
  return {
    id,
    email: "",
    displayName: "",
    emailVerified: true,
    suspendedUntil: null,
    locale: null,
    grants: [],
  };
}

/** The members (account ids, in order) and the chair of the committee that holds an idea, as actors on demand. */
async function committeeOf(db: Kysely<Database>, ideaId: number, caller: string) {
  const { grantsOf } = await import("../app/domain/accounts/roles.server");
  const idea = await db.selectFrom("ideas").select("committee_id").where("id", "=", ideaId).executeTakeFirstOrThrow();
  const grants = await db
    .selectFrom("role_grants")
    .select(["user_id", "role"])
    .where("committee_id", "=", idea.committee_id)
    .where("role", "in", ["committee_member", "committee_chair"])
    .orderBy("user_id")
    .execute();
  const ids = [...new Set(grants.map((g) => g.user_id))];
  const chairId = grants.find((g) => g.role === "committee_chair")?.user_id;
  if (chairId === undefined) throw new Error(`${caller}: the committee has no chair`);
  const actorOf = async (id: number) => ({ ...citizenActor(id), grants: await grantsOf(db, id) });
  return { ids, chairId, actorOf };
}

export interface CommitteeVoteSpec {
  /** Each current member's vote in turn (by account id order); every member votes "for" unless told. */
  choices?: ("for" | "against" | "abstain")[];
  /** Each voter's public reason, in the same order (default: "My vote: …"). */
  reasons?: string[];
  /** How many members vote (default: all of them). */
  voters?: number;
  /** When the vote closes; it opened two hours before. Default: now. */
  at?: Date;
}

/**
 * Holds the committee's vote on an idea in deliberation through the real use cases: its chair
 * opens it, the members vote, the chair closes it. A recommendation can then be recorded.
 */
export async function holdCommitteeVote(db: Kysely<Database>, ideaId: number, spec: CommitteeVoteSpec = {}) {
  const { openVote, castVote, closeVote } = await import("../app/domain/committees/votes.server");
  const { toKoreaTimeInput } = await import("../app/utils/korea-time");
  const { ids, chairId, actorOf } = await committeeOf(db, ideaId, "holdCommitteeVote");
  const at = spec.at ?? new Date();
  const check = (result: { ok: boolean }, what: string) => {
    if (!result.ok) throw new Error(`holdCommitteeVote: ${what} failed: ${JSON.stringify(result)}`);
  };
  const chair = await actorOf(chairId);
  const opened = new Date(at.getTime() - 2 * 3_600_000);
  check(await openVote(db, chair, ideaId, { closesAt: toKoreaTimeInput(new Date(at.getTime() + 86_400_000)) }, opened), "opening the vote");
  const choices = spec.choices ?? ["for"];
  for (const [i, id] of ids.slice(0, spec.voters ?? ids.length).entries()) {
    const choice = choices[i % choices.length];
    const reason = spec.reasons?.[i % spec.reasons.length] ?? `My vote: ${choice}.`;
    check(await castVote(db, await actorOf(id), ideaId, { choice, reason }, new Date(opened.getTime() + (i + 1) * 1000)), "a vote");
  }
  check(await closeVote(db, chair, ideaId, {}, at), "closing the vote");
}

export interface DigestSpec {
  /** The argument for forwarding (default: a sentence in English). */
  argument?: string;
  /** The open questions (default: one). */
  questions?: string[];
  /** The evidence asked of the agency (default: a sentence in English). */
  evidence?: string;
  /** When it is saved. Default: now. */
  at?: Date;
}

/**
 * Writes the committee's deliberation digest of an idea in deliberation through the real use case,
 * as its chair, which a recommendation needs (decision 034): one argument, drawing on the first
 * post still shown in the idea's discussions, or else on a neutral post the chair writes in the
 * idea's committee thread (a committee post has no rate limit; a neutral stance is counted as such).
 */
export async function writeDigest(db: Kysely<Database>, ideaId: number, spec: DigestSpec = {}) {
  const { saveDigest } = await import("../app/domain/committees/digest.server");
  const { createPost } = await import("../app/domain/deliberation/deliberation.server");
  const { chairId, actorOf } = await committeeOf(db, ideaId, "writeDigest");
  const chair = await actorOf(chairId);
  const at = spec.at ?? new Date();
  const shown = await db
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .select("posts.id")
    .where("threads.idea_id", "=", ideaId)
    .where("posts.removed_at", "is", null)
    .where("posts.hidden_at", "is", null)
    .orderBy("posts.id")
    .executeTakeFirst();
  let postId = shown?.id;
  if (postId === undefined) {
    const thread = await db.selectFrom("threads").select("id").where("idea_id", "=", ideaId).where("kind", "=", "committee").executeTakeFirstOrThrow();
    const written = await createPost(db, chair, thread.id, { body: "The committee has read the proposal and the supporters' comments.", stance: "neutral" }, new Date(at.getTime() - 60_000));
    if (!written.ok) throw new Error(`writeDigest: the chair's post failed: ${JSON.stringify(written)}`);
    postId = written.postId;
  }
  const saved = await saveDigest(
    db,
    chair,
    ideaId,
    {
      for1: spec.argument ?? "The proposal answers a need the committee heard from many citizens.",
      for1Posts: String(postId),
      questions: (spec.questions ?? ["What would it cost in the first year?"]).join("\n"),
      evidence: spec.evidence ?? "The agency's own figures on the need and the cost.",
    },
    at,
  );
  if (!saved.ok) throw new Error(`writeDigest: saving the digest failed: ${JSON.stringify(saved)}`);
}
