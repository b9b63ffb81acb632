// The use-case kernel (app/domain/use-case.server.ts): what every state-changing use case gets
// from it — a failure rolls back what the work wrote, staff actions leave audit rows, a visitor
// and a wrong id are refused before any work, and two people locking the same rows in opposite
// orders get answers, not a deadlock's 500.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { mergeIdea } from "../../app/domain/moderation/ideas.server";
import { execute, useCase } from "../../app/domain/use-case.server";
import { answerIdea, assignOfficer, postProgress } from "../../app/domain/workflow/workflow.server";
import { fail, msg } from "../../app/utils/result";
import { ideaAt } from "../fixtures/pipeline";
import { person, rosterIn, type Roster } from "../fixtures/roster";
import { openTestDatabase, type TestDatabase } from "./db";

let t: TestDatabase;
let roster: Roster;
beforeAll(async () => {
  t = await openTestDatabase();
  roster = await rosterIn(t.db);
});
afterAll(() => t?.close());

/** An open idea with no supporters yet, in a call of its own. */
async function openIdea(title: string) {
  return (await ideaAt(t.db, "open", { title, supporters: 0 })).ideaId;
}

async function auditActions(ideaId: number): Promise<string[]> {
  const rows = await t.db
    .selectFrom("audit_log")
    .select("action")
    .where("target_type", "=", "idea")
    .where("target_id", "=", String(ideaId))
    .orderBy("id")
    .execute();
  return rows.map((r) => r.action);
}

// A use case written for this test: it writes a timeline event, then fails or succeeds.
const NOTE = "kernel rollback probe";
const Probe = useCase({
  name: "test.probe",
  schema: z.object({ fail: z.enum(["yes", "no"]) }),
  load: (trx, _input, ideaId) => trx.selectFrom("ideas").select(["id"]).where("id", "=", ideaId ?? -1).forUpdate().executeTakeFirst(),
  permit: () => null,
  run: async ({ trx, input, subject, now }) => {
    await trx.insertInto("idea_events").values({ idea_id: subject.id, kind: "progress", note: NOTE, created_at: now }).execute();
    return input.fail === "yes" ? fail("fail", msg("errors.invalidChoice")) : { written: true };
  },
  audit: ({ subject }) => ({ targetType: "idea", targetId: subject.id }),
});

async function probeEvents(ideaId: number) {
  return t.db.selectFrom("idea_events").select("id").where("idea_id", "=", ideaId).where("note", "=", NOTE).execute();
}

describe("the use-case kernel", () => {
  it("rolls back what the work wrote when it returns a failure, and keeps it (with its audit row) when it succeeds", async () => {
    const ideaId = await openIdea("Rollback probe");
    const someone = roster.citizen;
    const failed = await execute(t.db, Probe, someone, { target: ideaId, input: { fail: "yes" } });
    expect(failed).toMatchObject({ ok: false, status: 400 });
    expect(await probeEvents(ideaId)).toHaveLength(0);
    expect(await auditActions(ideaId)).not.toContain("test.probe");

    const done = await execute(t.db, Probe, someone, { target: ideaId, input: { fail: "no" } });
    expect(done).toMatchObject({ ok: true, written: true });
    expect(await probeEvents(ideaId)).toHaveLength(1);
    expect(await auditActions(ideaId)).toContain("test.probe");
  });

  it("refuses a visitor (401), bad input (400, per field) and a missing or out-of-range id (404) before any work", async () => {
    const ideaId = await openIdea("Refusal probe");
    const someone = roster.citizen;
    expect(await execute(t.db, Probe, null, { target: ideaId, input: { fail: "no" } })).toMatchObject({ ok: false, status: 401 });
    const bad = await execute(t.db, Probe, someone, { target: ideaId, input: { fail: "maybe" } });
    expect(bad).toMatchObject({ ok: false, status: 400 });
    expect(Object.keys(bad.ok ? {} : bad.errors)).toEqual(["fail"]);
    expect(await execute(t.db, Probe, someone, { target: 2 ** 62, input: { fail: "no" } })).toMatchObject({ ok: false, status: 404 });
    expect(await execute(t.db, Probe, someone, { target: 987_654_321, input: { fail: "no" } })).toMatchObject({ ok: false, status: 404 });
    expect(await probeEvents(ideaId)).toHaveLength(0);
  });

  it("leaves an audit row for every staff step of the pipeline: take-up, recommendation, officer assignment, answer, progress", async () => {
    const { chair, officer } = roster;
    // Taken up by the chair, voted on and forwarded to the economy ministry by the real use cases.
    const { ideaId } = await ideaAt(t.db, "under_review", { chair });
    expect((await assignOfficer(t.db, officer, ideaId, { officerId: String(officer.id) })).ok).toBe(true);
    const answer = "The ministry accepts this proposal and plans its funding in next year's budget. ".repeat(2);
    expect((await answerIdea(t.db, officer, ideaId, { outcome: "accepted", answer })).ok).toBe(true);
    expect((await postProgress(t.db, officer, ideaId, { percent: "40", note: "Pilot started in two districts." })).ok).toBe(true);
    // The committee's vote in between (committee.vote.*) is audited too: see committees.test.ts.
    const steps = (await auditActions(ideaId)).filter((a) => !a.startsWith("committee."));
    expect(steps).toEqual(["idea.takeUp", "idea.forward", "idea.assignOfficer", "idea.answer", "idea.progress"]);
    expect(await auditActions(ideaId)).toContain("committee.vote.close");
    const actors = await t.db.selectFrom("audit_log").select("actor_id").where("target_id", "=", String(ideaId)).where("action", "not like", "committee.%").execute();
    expect(actors.map((a) => a.actor_id)).toEqual([chair.id, chair.id, officer.id, officer.id, officer.id]);
  });

  it("two moderators merging A into B and B into A at once both get an answer: one merge, one clear refusal", async () => {
    const moderator1 = roster.moderator;
    const moderator2 = await person(t.db, { roles: [{ role: "moderator" }] });
    for (let round = 0; round < 5; round++) {
      const a = await openIdea(`Merge race A ${round}`);
      const b = await openIdea(`Merge race B ${round}`);
      const reason = "Same proposal, posted twice.";
      const [ab, ba] = await Promise.all([
        mergeIdea(t.db, moderator1, a, { targetId: String(b), reason }),
        mergeIdea(t.db, moderator2, b, { targetId: String(a), reason }),
      ]);
      const oks = [ab, ba].filter((r) => r.ok);
      expect(oks).toHaveLength(1);
      const refused = [ab, ba].find((r) => !r.ok);
      expect(refused).toMatchObject({ ok: false, status: 409 });
      const statuses = await t.db.selectFrom("ideas").select("status").where("id", "in", [a, b]).execute();
      expect(statuses.map((s) => s.status).sort()).toEqual(["merged", "open"]);
    }
  });
});
