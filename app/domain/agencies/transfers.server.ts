// Transfers between agencies (issue 15, decision 035). An officer of the agency that holds an
// idea proposes, with a public reason, that another agency (central or local government) is
// competent; the receiving agency's officers accept or decline within
// `transfer_reply_business_days` (declining needs a reason and returns the idea). The deadline
// rule: the proposing agency's due date keeps running while the proposal waits (and stays
// its own when the proposal is declined or lapses); on acceptance the receiving agency gets a
// full answer period from the acceptance, shown on the timeline as a new deadline. Answering
// while a proposal waits withdraws it. Every step locks the idea: an acceptance and an answer
// at the same time give one result.
import type { Kysely } from "kysely";
import { sql } from "kysely";
import { z } from "zod";
import type { Database } from "../../../db/schema";
import { INTEGER_MAX } from "../../utils/ids";
import { fail, msg } from "../../utils/result";
import { multiLineText } from "../../utils/text-schema";
import type { Actor } from "../accounts/permissions";
import { appendEvent } from "../ideas/timeline.server";
import { notifyAgencyOfficers } from "../notifications/notify.server";
import { getSettings } from "../settings.server";
import { execute, useCase, type CustomRefusal, type Trx } from "../use-case.server";
import { ideaTransition, lockIdea, runIdeaTransition } from "../workflow/workflow.server";
import { dueInBusinessDays } from "./holidays.server";
import { TRANSFER_REASON } from "./limits";
import { transferReplyRefusal, transferTargetRefusal } from "./permissions";
import { everyTable, type HasRows } from "../ideas/record.server";

const reasonText = (key: string) => multiLineText(TRANSFER_REASON.min, TRANSFER_REASON.max, key);

const ProposeSchema = z.object({
  agencyId: z.coerce.number({ message: "transfers.errors.agency" }).int("transfers.errors.agency").positive("transfers.errors.agency").max(INTEGER_MAX, "transfers.errors.agency"),
  reason: reasonText("transfers.errors.reason"),
  expectedStatus: z.string().optional(),
});

/** The pending proposal of an idea, if any (read under the idea's lock). */
async function pendingTransfer(trx: Trx | Kysely<Database>, ideaId: number) {
  return trx.selectFrom("idea_transfers").selectAll().where("idea_id", "=", ideaId).where("state", "=", "pending").executeTakeFirst();
}

const Propose = ideaTransition({
  name: "transfer.propose",
  schema: ProposeSchema,
  action: "proposeTransfer",
  audit: { action: "transfer.propose", details: ({ input }) => ({ toAgencyId: input.agencyId }) },
  prepare: async ({ trx, actor, input, subject: idea, now }) => {
    if (transferTargetRefusal(idea.agency_id, input.agencyId)) return fail("agencyId", msg("transfers.errors.sameAgency"));
    const target = await trx.selectFrom("agencies").select("id").where("id", "=", input.agencyId).executeTakeFirst();
    if (!target) return fail("agencyId", msg("transfers.errors.agency"));
    if (await pendingTransfer(trx, idea.id)) return fail("agencyId", msg("transfers.errors.pending"), 409);
    const settings = await getSettings(trx);
    const replyDue = await dueInBusinessDays(trx, now, settings.transfer_reply_business_days);
    const held = await trx.selectFrom("ideas").select("agency_due_at").where("id", "=", idea.id).executeTakeFirstOrThrow();
    const row = await trx
      .insertInto("idea_transfers")
      .values({
        idea_id: idea.id,
        from_agency_id: idea.agency_id!,
        to_agency_id: target.id,
        reason: input.reason,
        proposed_by: actor.id,
        proposed_at: now,
        reply_due_at: replyDue,
        agency_due_at: held.agency_due_at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await notifyAgencyOfficers(trx, target.id, "transfer_proposed", idea.id, { title: idea.title, due: replyDue.toISOString(), reason: input.reason }, now);
    return { kind: "transfer_proposed", note: input.reason, output: { transferId: row.id, replyDueAt: replyDue.toISOString() } };
  },
});

/** An officer proposes that another agency answer the idea, with a public reason. */
export function proposeTransfer(db: Kysely<Database>, actor: Actor | null, ideaId: number, input: Record<string, unknown>, now = new Date()) {
  return runIdeaTransition(db, Propose, actor, ideaId, input, now);
}

const REPLY_REFUSALS = {
  forbidden: "forbidden",
  movedOn: "movedOn",
  lapsed: { message: msg("transfers.errors.lapsed"), status: 409 },
} as const satisfies Record<string, "forbidden" | "movedOn" | CustomRefusal>;

async function loadWithTransfer(trx: Trx, ideaId: number | undefined) {
  if (ideaId === undefined) return undefined;
  const idea = await lockIdea(trx, ideaId);
  if (!idea) return undefined;
  const transfer = await trx
    .selectFrom("idea_transfers")
    .selectAll()
    .where("idea_id", "=", ideaId)
    .where("state", "=", "pending")
    .forUpdate()
    .executeTakeFirst();
  return { idea, transfer: transfer ?? null };
}

type Loaded = NonNullable<Awaited<ReturnType<typeof loadWithTransfer>>>;

const replyPermit = (actor: Actor, { idea, transfer }: Loaded, { now }: { now: Date }) => {
  const refusal = transferReplyRefusal(actor, idea, transfer ? { toAgencyId: transfer.to_agency_id, replyDueAt: new Date(transfer.reply_due_at) } : null, now);
  return refusal ? REPLY_REFUSALS[refusal] : null;
};

const Accept = useCase({
  name: "transfer.accept",
  schema: z.object({}),
  load: (trx, _input, ideaId) => loadWithTransfer(trx, ideaId),
  permit: replyPermit,
  run: async ({ trx, actor, subject: { idea, transfer }, now }) => {
    const t = transfer!;
    const settings = await getSettings(trx);
    // The receiving agency gets a full answer period from its acceptance.
    const dueAt = await dueInBusinessDays(trx, now, settings.agency_deadline_days);
    await trx.updateTable("idea_transfers").set({ state: "accepted", decided_by: actor.id, decided_at: now, new_due_at: dueAt }).where("id", "=", t.id).execute();
    await trx
      .updateTable("ideas")
      .set({ agency_id: t.to_agency_id, agency_due_at: dueAt, assigned_officer_id: null, updated_at: now })
      .where("id", "=", idea.id)
      .execute();
    // The proposing agency's draft was private to it: it does not travel with the idea.
    await trx.deleteFrom("answer_drafts").where("idea_id", "=", idea.id).execute();
    await appendEvent(trx, { ideaId: idea.id, actorId: actor.id, kind: "transfer_accepted", note: null, at: now });
    await appendEvent(trx, { ideaId: idea.id, actorId: null, kind: "deadline_reset", note: dueAt.toISOString(), at: now });
    await notifyAgencyOfficers(trx, t.from_agency_id, "transfer_decided", idea.id, { title: idea.title, reason: "" }, now);
    return { dueAt: dueAt.toISOString() };
  },
  audit: ({ subject }, { dueAt }) => ({ targetType: "idea", targetId: subject.idea.id, details: { from: subject.transfer!.from_agency_id, to: subject.transfer!.to_agency_id, dueAt } }),
});

const Decline = useCase({
  name: "transfer.decline",
  schema: z.object({ reason: reasonText("transfers.errors.declineReason") }),
  load: (trx, _input, ideaId) => loadWithTransfer(trx, ideaId),
  permit: replyPermit,
  run: async ({ trx, actor, input, subject: { idea, transfer }, now }) => {
    const t = transfer!;
    // The idea stays with the proposing agency, its due date unchanged (the clock ran on).
    await trx.updateTable("idea_transfers").set({ state: "declined", decided_by: actor.id, decided_at: now, decline_reason: input.reason }).where("id", "=", t.id).execute();
    await appendEvent(trx, { ideaId: idea.id, actorId: actor.id, kind: "transfer_declined", note: input.reason, at: now });
    await notifyAgencyOfficers(trx, t.from_agency_id, "transfer_decided", idea.id, { title: idea.title, reason: input.reason }, now);
    return { declined: true };
  },
  audit: ({ subject }) => ({ targetType: "idea", targetId: subject.idea.id, details: { from: subject.transfer!.from_agency_id, to: subject.transfer!.to_agency_id } }),
});

/** The receiving agency's officer accepts: the idea becomes its own, with a full answer period. */
export function acceptTransfer(db: Kysely<Database>, actor: Actor | null, ideaId: number, now = new Date()) {
  return execute(db, Accept, actor, { target: ideaId, input: {}, now });
}

/** The receiving agency's officer declines, with a reason: the idea returns to the proposing agency. */
export function declineTransfer(db: Kysely<Database>, actor: Actor | null, ideaId: number, input: Record<string, unknown>, now = new Date()) {
  return execute(db, Decline, actor, { target: ideaId, input, now });
}

/**
 * Proposals whose reply period ended without a reply lapse, once each, in public: the idea stays
 * with the proposing agency, its due date unchanged (the time spent counts against it), and the
 * proposing agency's officers are told (decision 055).
 */
export async function lapseTransfers(db: Kysely<Database>, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const lapsed = await sql<{ idea_id: number; from_agency_id: number }>`
      UPDATE idea_transfers SET state = 'lapsed', decided_at = ${now}::timestamptz
      WHERE state = 'pending' AND reply_due_at <= ${now}::timestamptz
      RETURNING idea_id, from_agency_id`.execute(trx);
    for (const row of lapsed.rows) {
      const ideaId = Number(row.idea_id);
      await appendEvent(trx, { ideaId, actorId: null, kind: "transfer_lapsed", note: null, at: now });
      const idea = await trx.selectFrom("ideas").select(["title", "agency_due_at"]).where("id", "=", ideaId).executeTakeFirstOrThrow();
      const due = idea.agency_due_at ? new Date(idea.agency_due_at).toISOString() : "";
      await notifyAgencyOfficers(trx, Number(row.from_agency_id), "transfer_lapsed", ideaId, { title: idea.title, due }, now);
    }
    return lapsed.rows.length;
  });
}

/** The transfers of an idea, oldest first, for its public record. */
export async function ideaTransfers(db: Kysely<Database>, ideaId: number, has: HasRows = everyTable) {
  if (!has("idea_transfers")) return [];
  const rows = await db
    .selectFrom("idea_transfers")
    .innerJoin("agencies as f", "f.id", "idea_transfers.from_agency_id")
    .innerJoin("agencies as t", "t.id", "idea_transfers.to_agency_id")
    .select([
      "idea_transfers.id",
      "idea_transfers.state",
      "idea_transfers.reason",
      "idea_transfers.decline_reason",
      "idea_transfers.proposed_at",
      "idea_transfers.reply_due_at",
      "idea_transfers.decided_at",
      "idea_transfers.agency_due_at",
      "idea_transfers.new_due_at",
      "idea_transfers.to_agency_id",
      "f.name_ko as from_ko",
      "f.name_en as from_en",
      "t.name_ko as to_ko",
      "t.name_en as to_en",
    ])
    .where("idea_transfers.idea_id", "=", ideaId)
    .orderBy("idea_transfers.id")
    .execute();
  const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
  return rows.map((r) => ({
    ...r,
    proposed_at: iso(r.proposed_at)!,
    reply_due_at: iso(r.reply_due_at)!,
    decided_at: iso(r.decided_at),
    agency_due_at: iso(r.agency_due_at),
    new_due_at: iso(r.new_due_at),
  }));
}
