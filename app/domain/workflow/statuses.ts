// One record per status of an idea: everything the rest of the code needs to know about a status
// is here, and the lists the pages, the queries and the jobs use are derived from it (issue 13).
// Adding a status is one entry here (the compiler asks for it: the table is keyed by IdeaStatus)
// plus a migration widening the `ideas.status` check; the transitions into and out of it are
// rows of TRANSITIONS (transitions.ts).
import type { IdeaStatus } from "../../../db/schema";

/** The steps of the pipeline, for the step indicator. */
export const STEPS = ["support", "committee", "agency", "answer", "implementation"] as const;
export type Step = (typeof STEPS)[number];

/** The home page's pipeline at a glance: where an idea is counted (null: not counted). */
export const PIPELINE_STAGES = ["support", "committee", "agency", "answered", "implement"] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

/** Whose deadline runs while an idea is in a status. */
export type DeadlineKind = "committee" | "agency";

export interface StatusRecord {
  /** The step indicator's step. */
  step: Step;
  /** The idea's road ended here (it can still be read). */
  ended: boolean;
  /** Anyone may read it and find it in lists and the open data (pending and rejected: no). */
  listable: boolean;
  /** In the idea list when no status is chosen (alive, or with an outcome). */
  listedByDefault: boolean;
  /** Where the home page's pipeline counts it. */
  stage: PipelineStage | null;
  /** The deadline that runs while an idea is in this status. */
  deadline: DeadlineKind | null;
  /** Another idea may be merged into one in this status (open, or further along). */
  mergeTarget: boolean;
}

export const STATUS_TABLE: Record<IdeaStatus, StatusRecord> = {
  pending: { step: "support", ended: false, listable: false, listedByDefault: false, stage: null, deadline: null, mergeTarget: false },
  open: { step: "support", ended: false, listable: true, listedByDefault: true, stage: "support", deadline: null, mergeTarget: true },
  fast_tracked: { step: "committee", ended: false, listable: true, listedByDefault: true, stage: "committee", deadline: "committee", mergeTarget: true },
  in_deliberation: { step: "committee", ended: false, listable: true, listedByDefault: true, stage: "committee", deadline: "committee", mergeTarget: true },
  under_review: { step: "agency", ended: false, listable: true, listedByDefault: true, stage: "agency", deadline: "agency", mergeTarget: true },
  answered: { step: "answer", ended: false, listable: true, listedByDefault: true, stage: "answered", deadline: null, mergeTarget: true },
  implementing: { step: "implementation", ended: false, listable: true, listedByDefault: true, stage: "implement", deadline: null, mergeTarget: true },
  implemented: { step: "implementation", ended: true, listable: true, listedByDefault: true, stage: "implement", deadline: null, mergeTarget: true },
  closed: { step: "committee", ended: true, listable: true, listedByDefault: true, stage: null, deadline: null, mergeTarget: false },
  expired: { step: "support", ended: true, listable: true, listedByDefault: true, stage: null, deadline: null, mergeTarget: false },
  withdrawn: { step: "support", ended: true, listable: true, listedByDefault: false, stage: null, deadline: null, mergeTarget: false },
  rejected: { step: "support", ended: true, listable: false, listedByDefault: false, stage: null, deadline: null, mergeTarget: false },
  merged: { step: "support", ended: true, listable: true, listedByDefault: false, stage: null, deadline: null, mergeTarget: false },
};

/** Every status, in the table's order: along the pipeline, then the ways an idea ends early. */
export const ALL_STATUSES = Object.keys(STATUS_TABLE) as IdeaStatus[];

/** The statuses whose record satisfies `test`, in the table's order. */
export function statusesWhere(test: (record: StatusRecord, status: IdeaStatus) => boolean): IdeaStatus[] {
  return ALL_STATUSES.filter((status) => test(STATUS_TABLE[status], status));
}

/** The statuses during which this deadline runs: its overdue job, its reminders, its queues. */
export function statusesWithDeadline(kind: DeadlineKind): IdeaStatus[] {
  return statusesWhere((r) => r.deadline === kind);
}
