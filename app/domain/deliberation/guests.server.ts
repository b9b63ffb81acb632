// Guests in a deliberation (issue 14, decision 054): the chair of an idea's committee invites the
// idea's author, or an officer of the agency the idea is likely to go to, to post in the idea's
// deliberation thread until the recommendation is recorded, and may withdraw the invitation.
// Posting as a guest is the discussion's own use case (deliberation.server.ts): it reads the
// invitations of the thread's idea. The pure rules are in ./guests and ./permissions.
import { sql, type Kysely } from "kysely";
import { z } from "zod";
import type { Database, GuestKind, IdeaStatus } from "../../../db/schema";
import { INTEGER_MAX, isId } from "../../utils/ids";
import { fail, FORM, msg } from "../../utils/result";
import type { Actor } from "../accounts/permissions";
import { notify } from "../notifications/notify.server";
import { execute, useCase, type CustomRefusal, type KernelRefusal, type Trx } from "../use-case.server";
import { inviteGuestRefusal, withdrawGuestRefusal, type GuestFacts, type GuestRefusal } from "./guests";

type Db = Kysely<Database>;

const MESSAGES: Record<Exclude<GuestRefusal, "signin" | "unverified" | "suspended" | "forbidden">, CustomRefusal> = {
  notChair: { message: msg("guests.errors.notChair"), status: 403 },
  notInDeliberation: { message: msg("guests.errors.notInDeliberation"), status: 409 },
};

function refusalOf(refusal: GuestRefusal | null): KernelRefusal | CustomRefusal | null {
  if (refusal === null) return null;
  return refusal in MESSAGES ? MESSAGES[refusal as keyof typeof MESSAGES] : (refusal as KernelRefusal);
}

const optionalId = (key: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v ? Number(v) : null))
    .refine((v) => v === null || isId(v, INTEGER_MAX), key);

const InviteSchema = z
  .object({
    kind: z.enum(["author", "officer"], { message: "guests.errors.kind" }),
    agencyId: optionalId("guests.errors.agency"),
    officerId: optionalId("guests.errors.officer"),
  })
  .superRefine((v, ctx) => {
    if (v.kind !== "officer") return;
    if (v.agencyId === null) ctx.addIssue({ code: "custom", path: ["agencyId"], message: "guests.errors.agency" });
    if (v.officerId === null) ctx.addIssue({ code: "custom", path: ["officerId"], message: "guests.errors.officer" });
  });

const WithdrawSchema = z.object({
  guestId: z.coerce.number({ message: "errors.invalidChoice" }).int("errors.invalidChoice").positive("errors.invalidChoice").max(INTEGER_MAX, "errors.invalidChoice"),
});

/**
 * The deliberation thread and its idea, the idea's row locked (as the recommendation locks it:
 * an invitation and the recording queue). Not a committee thread: not found here.
 */
async function lockGuestSubject(trx: Trx, threadId: number | undefined) {
  if (threadId === undefined) return undefined;
  const thread = await trx.selectFrom("threads").select(["id", "kind", "committee_id", "idea_id"]).where("id", "=", threadId).executeTakeFirst();
  if (!thread || thread.kind !== "committee") return undefined;
  const idea =
    thread.idea_id === null
      ? null
      : ((await trx.selectFrom("ideas").select(["id", "title", "status", "author_id"]).where("id", "=", thread.idea_id).forUpdate().executeTakeFirst()) ?? null);
  const facts: GuestFacts = { committeeId: thread.committee_id, ideaId: idea?.id ?? null, ideaStatus: idea?.status ?? null };
  return { thread, idea, facts };
}

type GuestSubject = NonNullable<Awaited<ReturnType<typeof lockGuestSubject>>>;

async function sitsOn(trx: Trx, userId: number, committeeId: number): Promise<boolean> {
  const row = await trx
    .selectFrom("role_grants")
    .select("id")
    .where("user_id", "=", userId)
    .where("committee_id", "=", committeeId)
    .where("role", "in", ["committee_member", "committee_chair"])
    .executeTakeFirst();
  return row !== undefined;
}

/** Tells a guest of their invitation or its withdrawal: in the app, and by e-mail by their own choice (the author's ideas, an officer's staff notices). */
function tellGuest(trx: Trx, kind: "guest_invited" | "guest_withdrawn", guest: { userId: number; kind: GuestKind }, idea: { id: number; title: string }, threadId: number, now: Date) {
  const payload = { title: idea.title, threadId, guestKind: guest.kind };
  return notify(trx, [guest.userId], kind, idea.id, payload, guest.kind === "author" ? "email_on_own_ideas" : "email_on_staff_deadlines", now);
}

const Invite = useCase({
  name: "deliberation.guest.invite",
  schema: InviteSchema,
  load: (trx, _input, threadId) => lockGuestSubject(trx, threadId),
  permit: (actor, s: GuestSubject, { now }) => refusalOf(inviteGuestRefusal(actor, s.facts, now)),
  run: async ({ trx, actor, input, subject: s, now }) => {
    const idea = s.idea!;
    const committeeId = s.thread.committee_id!;
    let userId = idea.author_id;
    let agencyId: number | null = null;
    if (input.kind === "officer") {
      // An officer of that agency (not archived), chosen among its officers.
      const officer = await trx
        .selectFrom("role_grants")
        .innerJoin("agencies", "agencies.id", "role_grants.agency_id")
        .select(["role_grants.user_id", "agencies.id as agency_id"])
        .where("role_grants.user_id", "=", input.officerId!)
        .where("role_grants.agency_id", "=", input.agencyId!)
        .where("role_grants.role", "=", "agency_officer")
        .where("agencies.archived_at", "is", null)
        .executeTakeFirst();
      if (!officer) return fail("officerId", msg("guests.errors.officer"));
      userId = officer.user_id;
      agencyId = officer.agency_id;
    }
    const field = input.kind === "officer" ? "officerId" : FORM;
    // A member posts as a member: a guest's place is for people outside the committee.
    if (await sitsOn(trx, userId, committeeId)) return fail(field, msg("guests.errors.member"), 409);
    const active = await trx
      .selectFrom("deliberation_guests")
      .select("id")
      .where("idea_id", "=", idea.id)
      .where("user_id", "=", userId)
      .where("withdrawn_at", "is", null)
      .executeTakeFirst();
    if (active) return fail(field, msg("guests.errors.already"), 409);
    const guest = await trx
      .insertInto("deliberation_guests")
      .values({ idea_id: idea.id, committee_id: committeeId, user_id: userId, kind: input.kind, agency_id: agencyId, invited_by: actor.id, invited_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    // The invited person hears of it in the app and, by their e-mail choice, by e-mail: with the thread's address.
    await tellGuest(trx, "guest_invited", { userId, kind: input.kind as GuestKind }, idea, s.thread.id, now);
    return { guestId: guest.id, userId, kind: input.kind as GuestKind };
  },
  audit: ({ subject: s }, out) => ({
    targetType: "idea",
    targetId: s.idea!.id,
    details: { threadId: s.thread.id, guestId: out.guestId, userId: out.userId, kind: out.kind },
  }),
});

const Withdraw = useCase({
  name: "deliberation.guest.withdraw",
  schema: WithdrawSchema,
  load: async (trx, input, threadId) => {
    const s = await lockGuestSubject(trx, threadId);
    if (!s?.idea) return undefined;
    const guest = await trx
      .selectFrom("deliberation_guests")
      .select(["id", "user_id", "kind", "withdrawn_at"])
      .where("id", "=", input.guestId)
      .where("idea_id", "=", s.idea.id)
      .forUpdate()
      .executeTakeFirst();
    return guest ? { ...s, guest } : undefined;
  },
  permit: (actor, s, { now }) => refusalOf(withdrawGuestRefusal(actor, s.facts, now)),
  run: async ({ trx, actor, subject: s, now }) => {
    const guest = s.guest;
    // Withdrawing twice (a double click, a second tab) is not an error: it is withdrawn once.
    if (guest.withdrawn_at) return { guestId: guest.id, withdrawn: false };
    await trx.updateTable("deliberation_guests").set({ withdrawn_at: now, withdrawn_by: actor.id }).where("id", "=", guest.id).execute();
    // The guest is told, as they were of the invitation: they can no longer post there.
    await tellGuest(trx, "guest_withdrawn", { userId: guest.user_id, kind: guest.kind }, s.idea!, s.thread.id, now);
    return { guestId: guest.id, withdrawn: true };
  },
  audit: ({ subject: s }, out) =>
    out.withdrawn ? { targetType: "idea", targetId: s.idea!.id, details: { threadId: s.thread.id, guestId: out.guestId, userId: s.guest.user_id, kind: s.guest.kind } } : null,
});

/** The chair invites the idea's author, or an officer of an agency, to post in the idea's deliberation thread. */
export function inviteGuest(db: Db, actor: Actor | null, threadId: number, input: Record<string, unknown>, now = new Date()) {
  return execute(db, Invite, actor, { target: threadId, input, now });
}

/** The chair withdraws an invitation: the guest can no longer post; their past posts stay. */
export function withdrawGuest(db: Db, actor: Actor | null, threadId: number, input: Record<string, unknown>, now = new Date()) {
  return execute(db, Withdraw, actor, { target: threadId, input, now });
}

// ——— Reading ———

/** The guests invited to an idea's deliberation and not withdrawn, as the thread page lists them. */
export async function activeGuests(db: Db, ideaId: number) {
  const rows = await db
    .selectFrom("deliberation_guests")
    .innerJoin("users", "users.id", "deliberation_guests.user_id")
    .leftJoin("agencies", "agencies.id", "deliberation_guests.agency_id")
    .select([
      "deliberation_guests.id",
      "deliberation_guests.user_id",
      "users.display_name as name",
      "deliberation_guests.kind",
      "agencies.name_ko as agency_ko",
      "agencies.name_en as agency_en",
      "deliberation_guests.invited_at",
    ])
    .where("deliberation_guests.idea_id", "=", ideaId)
    .where("deliberation_guests.withdrawn_at", "is", null)
    .orderBy("deliberation_guests.id")
    .execute();
  return rows.map((r) => ({ ...r, invited_at: new Date(r.invited_at).toISOString() }));
}

export type ActiveGuest = Awaited<ReturnType<typeof activeGuests>>[number];

/**
 * The agency an idea is likely to be forwarded to: the one its committee forwarded most ideas of
 * the same call for ideas to, then of the same category, then of any (archived agencies left
 * out). Null when the committee has forwarded nothing yet: the chair picks one.
 */
export async function likelyAgency(db: Db, idea: { id: number; committeeId: number; campaignId: number | null; categoryId: number | null }): Promise<number | null> {
  const row = await sql<{ agency_id: number }>`
    SELECT r.agency_id FROM recommendations r
    JOIN ideas i ON i.id = r.idea_id
    JOIN agencies a ON a.id = r.agency_id AND a.archived_at IS NULL
    WHERE r.decision = 'forward' AND r.committee_id = ${idea.committeeId} AND r.idea_id <> ${idea.id}
    GROUP BY r.agency_id
    ORDER BY count(*) FILTER (WHERE i.campaign_id = ${idea.campaignId}) DESC,
             count(*) FILTER (WHERE i.category_id = ${idea.categoryId}) DESC,
             count(*) DESC, r.agency_id
    LIMIT 1`.execute(db);
  return row.rows[0] ? Number(row.rows[0].agency_id) : null;
}

/**
 * What the chair's invitation forms need: whether the author can be invited (not a member, not
 * invited already), the agencies (the likely one first), the agency chosen (`?agency=`, else the
 * likely one) and its officers who are not invited yet.
 */
export async function inviteOptions(
  db: Db,
  thread: { committeeId: number; ideaId: number; ideaStatus: IdeaStatus },
  chosenAgency: number | null,
  guests: readonly ActiveGuest[],
) {
  const idea = await db.selectFrom("ideas").select(["id", "author_id", "campaign_id", "category_id"]).where("id", "=", thread.ideaId).executeTakeFirstOrThrow();
  const [author, likely, agencies] = await Promise.all([
    db
      .selectFrom("users")
      .select(["users.id", "users.display_name as name"])
      .select((eb) =>
        eb
          .exists(
            eb
              .selectFrom("role_grants")
              .select("role_grants.id")
              .whereRef("role_grants.user_id", "=", "users.id")
              .where("role_grants.committee_id", "=", thread.committeeId)
              .where("role_grants.role", "in", ["committee_member", "committee_chair"]),
          )
          .as("member"),
      )
      .where("users.id", "=", idea.author_id)
      .executeTakeFirstOrThrow(),
    likelyAgency(db, { id: idea.id, committeeId: thread.committeeId, campaignId: idea.campaign_id, categoryId: idea.category_id }),
    db.selectFrom("agencies").select(["id", "name_ko", "name_en"]).where("archived_at", "is", null).orderBy("id").execute(),
  ]);
  const agencyId = agencies.some((a) => a.id === chosenAgency) ? chosenAgency : likely;
  const invited = new Set(guests.map((g) => g.user_id));
  const officers =
    agencyId === null
      ? []
      : (
          await db
            .selectFrom("role_grants")
            .innerJoin("users", "users.id", "role_grants.user_id")
            .select(["users.id", "users.display_name as name"])
            .distinct()
            .where("role_grants.role", "=", "agency_officer")
            .where("role_grants.agency_id", "=", agencyId)
            .where("users.deleted_at", "is", null)
            .orderBy("users.display_name")
            .orderBy("users.id")
            .execute()
        ).filter((o) => !invited.has(o.id));
  return {
    author: { id: author.id, name: author.name, invitable: !author.member && !invited.has(author.id) },
    likelyAgencyId: likely,
    agencyId,
    // The likely agency first, then the others in their order.
    agencies: [...agencies.filter((a) => a.id === likely), ...agencies.filter((a) => a.id !== likely)],
    officers,
  };
}

export type InviteOptions = Awaited<ReturnType<typeof inviteOptions>>;
