// The agencies' accountability in the open data (issue 15 item 6; decision 035): each step's
// original and extended due dates, extensions with their reasons, transfers, every version of
// the answer, follow-up answers owed, and the citizens' follow-through in aggregate. Staff notes
// and drafts are never read here.
import type { Kysely } from "kysely";
import { sql } from "kysely";
import type { Database } from "../../../db/schema";
import { repliesByVersion, type VersionReply } from "../agencies/question-replies.server";

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The flat columns (CSV and JSON) of each idea's accountability record. */
export const ACCOUNTABILITY_FIELDS = [
  "committee_due_at",
  "committee_original_due_at",
  "agency_due_at",
  "agency_original_due_at",
  "agency_extension_reason",
  "transfers",
  "answer_versions",
  "follow_up_due_at",
  "follow_through_yes",
  "follow_through_partly",
  "follow_through_no",
] as const;

export type AccountabilityFlat = Record<(typeof ACCOUNTABILITY_FIELDS)[number], string | number | null>;

export interface AccountabilityDetail {
  /** `agency`: the agency that held the step (its answer or a follow-up); null for the committee's. */
  extensions: { step: string; agency: string | null; original_due_at: string; new_due_at: string; business_days: number; reason: string; at: string }[];
  transfers: { from_agency: string; to_agency: string; reason: string; state: string; proposed_at: string; reply_due_at: string; decided_at: string | null; decline_reason: string | null; new_due_at: string | null }[];
  /** Each version with its replies to the frozen digest's open questions (decision 055). */
  answer_versions: { version: number; outcome: string; reason: string | null; at: string; question_replies: VersionReply[] }[];
  follow_ups: { kind: string; due_at: string; fulfilled_at: string | null; fulfilled_version: number | null }[];
}

function group<T extends { idea_id: number }>(rows: T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const r of rows) map.set(Number(r.idea_id), [...(map.get(Number(r.idea_id)) ?? []), r]);
  return map;
}

/** The accountability record of a page of ideas (ids), flat and in detail. */
export async function accountabilityOf(db: Kysely<Database>, ideas: { id: number; agency: string | null; committee_due_at: Date | string | null; agency_due_at: Date | string | null }[]) {
  const ids = ideas.map((i) => i.id);
  const out = new Map<number, { flat: AccountabilityFlat; detail: AccountabilityDetail }>();
  if (ids.length === 0) return out;
  const [extensions, transfers, versions, followUps, ratings, replies] = await Promise.all([
    db
      .selectFrom("step_extensions")
      .leftJoin("agencies", "agencies.id", "step_extensions.agency_id")
      .select(["idea_id", "step", "agencies.slug as agency", "original_due_at", "new_due_at", "business_days", "reason", "step_extensions.created_at"])
      .where("idea_id", "in", ids)
      .orderBy("step_extensions.id")
      .execute(),
    db
      .selectFrom("idea_transfers")
      .innerJoin("agencies as f", "f.id", "idea_transfers.from_agency_id")
      .innerJoin("agencies as t", "t.id", "idea_transfers.to_agency_id")
      .select(["idea_transfers.idea_id", "f.slug as from_agency", "t.slug as to_agency", "reason", "state", "proposed_at", "reply_due_at", "decided_at", "decline_reason", "new_due_at"])
      .where("idea_transfers.idea_id", "in", ids)
      .orderBy("idea_transfers.id")
      .execute(),
    db.selectFrom("answer_revisions").select(["idea_id", "version", "outcome", "reason", "created_at"]).where("idea_id", "in", ids).orderBy("idea_id").orderBy("version").execute(),
    db.selectFrom("follow_ups").select(["idea_id", "kind", "due_at", "fulfilled_at", "fulfilled_version"]).where("idea_id", "in", ids).orderBy("id").execute(),
    db
      .selectFrom("follow_through_ratings")
      .select([
        "idea_id",
        sql<number>`count(*) filter (where rating = 'yes')::int`.as("yes"),
        sql<number>`count(*) filter (where rating = 'partly')::int`.as("partly"),
        sql<number>`count(*) filter (where rating = 'no')::int`.as("no"),
      ])
      .where("idea_id", "in", ids)
      .groupBy("idea_id")
      .execute(),
    repliesByVersion(db, ids),
  ]);
  const ext = group(extensions);
  const tr = group(transfers);
  const ver = group(versions);
  const fu = group(followUps);
  const rated = new Map(ratings.map((r) => [Number(r.idea_id), r]));
  for (const idea of ideas) {
    const e = ext.get(idea.id) ?? [];
    const committeeExt = e.find((x) => x.step === "committee");
    // The step of the agency that holds the idea now (after a transfer, the receiving agency's: decision 055).
    const agencyExt = e.find((x) => x.step === "agency" && x.agency === idea.agency);
    const owed = (fu.get(idea.id) ?? []).filter((f) => f.fulfilled_at === null).sort((a, b) => new Date(a.due_at).getTime() - new Date(b.due_at).getTime())[0];
    const r = rated.get(idea.id);
    out.set(idea.id, {
      flat: {
        committee_due_at: iso(idea.committee_due_at),
        committee_original_due_at: iso(committeeExt ? committeeExt.original_due_at : idea.committee_due_at),
        agency_due_at: iso(idea.agency_due_at),
        agency_original_due_at: iso(agencyExt ? agencyExt.original_due_at : idea.agency_due_at),
        agency_extension_reason: agencyExt?.reason ?? null,
        transfers: (tr.get(idea.id) ?? []).length,
        answer_versions: (ver.get(idea.id) ?? []).length,
        follow_up_due_at: owed ? iso(owed.due_at) : null,
        follow_through_yes: r ? Number(r.yes) : 0,
        follow_through_partly: r ? Number(r.partly) : 0,
        follow_through_no: r ? Number(r.no) : 0,
      },
      detail: {
        extensions: e.map((x) => ({ step: x.step, agency: x.agency, original_due_at: iso(x.original_due_at)!, new_due_at: iso(x.new_due_at)!, business_days: x.business_days, reason: x.reason, at: iso(x.created_at)! })),
        transfers: (tr.get(idea.id) ?? []).map((x) => ({
          from_agency: x.from_agency,
          to_agency: x.to_agency,
          reason: x.reason,
          state: x.state,
          proposed_at: iso(x.proposed_at)!,
          reply_due_at: iso(x.reply_due_at)!,
          decided_at: iso(x.decided_at),
          decline_reason: x.decline_reason,
          new_due_at: iso(x.new_due_at),
        })),
        answer_versions: (ver.get(idea.id) ?? []).map((v) => ({
          version: v.version,
          outcome: v.outcome,
          reason: v.reason,
          at: iso(v.created_at)!,
          question_replies: replies.get(`${idea.id}:${v.version}`) ?? [],
        })),
        follow_ups: (fu.get(idea.id) ?? []).map((f) => ({ kind: f.kind, due_at: iso(f.due_at)!, fulfilled_at: iso(f.fulfilled_at), fulfilled_version: f.fulfilled_version })),
      },
    });
  }
  return out;
}
