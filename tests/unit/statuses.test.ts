// The status table (app/domain/workflow/statuses.ts) and what is derived from it. The expected
// lists are written here from docs/DESIGN.md's pipeline, not read from the table.
import { describe, expect, it } from "vitest";
import { IDEA_STATUSES } from "../../db/migrations/2026-11-24-002-ideas";
import { DEFAULT_STATUSES, LISTABLE_STATUSES } from "../../app/domain/ideas/list";
import { MERGE_TARGETS } from "../../app/domain/moderation/ideas.server";
import { STATUS_DATES } from "../../app/domain/opendata/queries.server";
import { ALL_STATUSES, PIPELINE_STAGES, statusesWhere, statusesWithDeadline, STATUS_TABLE } from "../../app/domain/workflow/statuses";
import { currentDeadline, stepOf, TRANSITIONS } from "../../app/domain/workflow/transitions";

describe("the status table", () => {
  it("has one record for each status the database allows, and no other", () => {
    expect([...ALL_STATUSES].sort()).toEqual([...IDEA_STATUSES].sort());
  });

  it("an idea's road has ended exactly when no move leads on from its status (a rejection reversed on appeal aside)", () => {
    for (const status of ALL_STATUSES) {
      const leadsOn = TRANSITIONS.some((t) => t.to !== null && t.action !== "reinstate" && t.from.includes(status));
      expect(STATUS_TABLE[status].ended, status).toBe(!leadsOn);
    }
  });

  it("derives the public lists: pending and rejected are never listed; withdrawn and merged only when asked for", () => {
    expect(LISTABLE_STATUSES).toEqual(["open", "fast_tracked", "in_deliberation", "under_review", "answered", "implementing", "implemented", "closed", "expired", "withdrawn", "merged"]);
    expect(DEFAULT_STATUSES).toEqual(["open", "fast_tracked", "in_deliberation", "under_review", "answered", "implementing", "implemented", "closed", "expired"]);
    // The open data publishes the first date of each listable status, in the same order.
    expect([...STATUS_DATES]).toEqual(LISTABLE_STATUSES);
  });

  it("derives where deadlines run, the merge targets and the home page's stages", () => {
    expect(statusesWithDeadline("committee")).toEqual(["fast_tracked", "in_deliberation"]);
    expect(statusesWithDeadline("agency")).toEqual(["under_review"]);
    expect(MERGE_TARGETS).toEqual(["open", "fast_tracked", "in_deliberation", "under_review", "answered", "implementing", "implemented"]);
    expect(PIPELINE_STAGES.map((stage) => statusesWhere((s) => s.stage === stage))).toEqual([
      ["open"],
      ["fast_tracked", "in_deliberation"],
      ["under_review"],
      ["answered"],
      ["implementing", "implemented"],
    ]);
  });

  it("gives the step indicator's step and whether the road ended", () => {
    expect(stepOf("pending")).toEqual({ step: "support", ended: false });
    expect(stepOf("merged")).toEqual({ step: "support", ended: true });
    expect(stepOf("in_deliberation")).toEqual({ step: "committee", ended: false });
    expect(stepOf("closed")).toEqual({ step: "committee", ended: true });
    expect(stepOf("under_review")).toEqual({ step: "agency", ended: false });
    expect(stepOf("answered")).toEqual({ step: "answer", ended: false });
    expect(stepOf("implemented")).toEqual({ step: "implementation", ended: true });
  });

  it("names the deadline that runs now, from the status alone", () => {
    const now = new Date("2026-12-02T00:00:00Z");
    const dates = { committee_due_at: "2026-12-10T15:00:00Z", agency_due_at: "2026-11-30T15:00:00Z" };
    expect(currentDeadline({ status: "in_deliberation", ...dates }, now)).toEqual({ step: "committee", dueAt: new Date(dates.committee_due_at), overdue: false });
    expect(currentDeadline({ status: "under_review", ...dates }, now)).toEqual({ step: "agency", dueAt: new Date(dates.agency_due_at), overdue: true });
    expect(currentDeadline({ status: "answered", ...dates }, now)).toBeNull();
    expect(currentDeadline({ status: "fast_tracked", committee_due_at: null, agency_due_at: null }, now)).toBeNull();
  });
});
