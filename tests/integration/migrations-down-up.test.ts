// Every migration's `down` runs: the schema goes back past the answer replies and step holders
// (2026-12-06-020, decision 055) and every later migration, with rows in the tables they change,
// then forward again to the latest, on either back end. The answer replies are then gone (their
// table is dropped) and can be written again; the gazette's holidays (2026-12-07-060) go and come back.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerIdea } from "../../app/domain/workflow/workflow.server";
import { migrator } from "../../db/migrate";
import { migrations } from "../../db/migrations/index";
import { ANSWER, ideaAt } from "../fixtures/pipeline";
import { rosterIn, type Roster } from "../fixtures/roster";
import { openTestDatabase, type TestDatabase } from "./db";

let t: TestDatabase;
let roster: Roster;
beforeAll(async () => {
  t = await openTestDatabase();
  roster = await rosterIn(t.db);
});
afterAll(() => t?.close());

const BEFORE_REPLIES = "2026-12-06-010-deliberation-guests";
const tableExists = async (name: string) => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = ${name}`.execute(t.db)).rows[0].n === 1;
const labourDay = async () => (await t.db.selectFrom("holidays").select("date").where("date", "=", "2026-05-01" as never).execute()).length;

describe("the latest migrations, down and up again", () => {
  it("go down past the answer replies with rows in place, and up again to the latest; the app writes replies again", async () => {
    const answered = async () => {
      const { ideaId } = await ideaAt(t.db, "under_review", roster);
      expect(await answerIdea(t.db, roster.officer, ideaId, { outcome: "accepted", answer: ANSWER, reply0: "About 1.2 billion won a year for the pilot." })).toMatchObject({ ok: true });
      return ideaId;
    };
    const first = await answered();
    expect(await t.db.selectFrom("answer_question_replies").select("reply").where("idea_id", "=", first).execute()).toHaveLength(1);
    expect(await labourDay()).toBe(1);

    const later = Object.keys(migrations).filter((name) => name > BEFORE_REPLIES);
    expect(later).toContain("2026-12-06-020-answer-replies-and-step-holders");
    const down = await migrator(t.db).migrateTo(BEFORE_REPLIES);
    try {
      expect(down.error).toBeUndefined();
      expect(down.results?.filter((r) => r.direction === "Down" && r.status === "Success").map((r) => r.migrationName).sort()).toEqual(later.sort());
      expect(await tableExists("answer_question_replies")).toBe(false);
      expect(await labourDay()).toBe(0);
      // The answer itself is kept: only its replies' table went.
      expect(await t.db.selectFrom("answer_revisions").select("version").where("idea_id", "=", first).execute()).toEqual([{ version: 1 }]);
    } finally {
      const up = await migrator(t.db).migrateToLatest();
      expect(up.error).toBeUndefined();
    }
    expect(await tableExists("answer_question_replies")).toBe(true);
    expect(await labourDay()).toBe(1);
    const second = await answered();
    expect(await t.db.selectFrom("answer_question_replies").select("reply").where("idea_id", "=", second).execute()).toEqual([{ reply: "About 1.2 billion won a year for the pilot." }]);
  });
});
