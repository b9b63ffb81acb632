import { sql, type Kysely } from "kysely";

// Committees that decide in public (issue 14, decision 028): each committee's quorum, the vote
// on an idea in deliberation (opened and closed by the chair, extendable once), one vote per
// (idea, member) with every change kept in a history, and the record of the vote stored with
// the recommendation (the counts, who voted how, and the chair's dissent note).
export async function up(db: Kysely<any>): Promise<void> {
  // No rule: a majority of the current members. A count: that many votes. A share: that
  // percentage of the current members, rounded up.
  await db.schema
    .alterTable("committees")
    .addColumn("quorum_kind", "text", (c) => c.check(sql`quorum_kind IN ('count', 'share')`))
    .addColumn("quorum_value", "integer")
    .execute();
  await sql`ALTER TABLE committees ADD CONSTRAINT committees_quorum_rule CHECK (
    (quorum_kind IS NULL AND quorum_value IS NULL)
    OR (quorum_kind = 'count' AND quorum_value BETWEEN 1 AND 1000)
    OR (quorum_kind = 'share' AND quorum_value BETWEEN 1 AND 100))`.execute(db);

  // The vote on one idea: at most one per idea. A vote that closed without quorum may be
  // opened again (round + 1); the members' votes stay and may be changed.
  await db.schema
    .createTable("committee_ballots")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("idea_id", "bigint", (c) => c.notNull().unique().references("ideas.id").onDelete("cascade"))
    .addColumn("committee_id", "bigint", (c) => c.notNull().references("committees.id"))
    .addColumn("round", "integer", (c) => c.notNull().defaultTo(1).check(sql`round >= 1`))
    .addColumn("opened_by", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("opened_at", "timestamptz", (c) => c.notNull())
    .addColumn("closes_at", "timestamptz", (c) => c.notNull())
    .addColumn("extended_at", "timestamptz")
    .addColumn("closed_at", "timestamptz")
    .addColumn("closed_by", "bigint", (c) => c.references("users.id"))
    // Frozen when the vote closes: the members it was counted against and the quorum then.
    .addColumn("member_count", "integer")
    .addColumn("quorum_needed", "integer")
    .addCheckConstraint("committee_ballots_closes_after_opening", sql`closes_at > opened_at`)
    .execute();

  await db.schema
    .createTable("committee_votes")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("idea_id", "bigint", (c) => c.notNull().references("ideas.id").onDelete("cascade"))
    .addColumn("committee_id", "bigint", (c) => c.notNull().references("committees.id"))
    .addColumn("user_id", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("choice", "text", (c) => c.notNull().check(sql`choice IN ('for', 'against', 'abstain')`))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("cast_at", "timestamptz", (c) => c.notNull())
    .addColumn("changed_at", "timestamptz")
    .addColumn("changes", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("committee_votes_one_per_member", ["idea_id", "user_id"])
    .execute();
  await db.schema.createIndex("committee_votes_user").on("committee_votes").columns(["user_id", "idea_id"]).execute();

  // Every vote as cast, first and changed: nothing is overwritten silently.
  await db.schema
    .createTable("committee_vote_history")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("vote_id", "bigint", (c) => c.notNull().references("committee_votes.id").onDelete("cascade"))
    .addColumn("idea_id", "bigint", (c) => c.notNull())
    .addColumn("user_id", "bigint", (c) => c.notNull())
    .addColumn("choice", "text", (c) => c.notNull().check(sql`choice IN ('for', 'against', 'abstain')`))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("committee_vote_history_vote").on("committee_vote_history").columns(["vote_id", "id"]).execute();

  await db.schema
    .alterTable("recommendations")
    .addColumn("vote_for", "integer")
    .addColumn("vote_against", "integer")
    .addColumn("vote_abstain", "integer")
    .addColumn("vote_members", "integer")
    .addColumn("vote_quorum", "integer")
    .addColumn("votes", "jsonb")
    .addColumn("dissent_note", "text")
    .addColumn("dissent_note_html", "text")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("recommendations")
    .dropColumn("vote_for")
    .dropColumn("vote_against")
    .dropColumn("vote_abstain")
    .dropColumn("vote_members")
    .dropColumn("vote_quorum")
    .dropColumn("votes")
    .dropColumn("dissent_note")
    .dropColumn("dissent_note_html")
    .execute();
  await db.schema.dropTable("committee_vote_history").ifExists().execute();
  await db.schema.dropTable("committee_votes").ifExists().execute();
  await db.schema.dropTable("committee_ballots").ifExists().execute();
  await sql`ALTER TABLE committees DROP CONSTRAINT IF EXISTS committees_quorum_rule`.execute(db);
  await db.schema.alterTable("committees").dropColumn("quorum_kind").dropColumn("quorum_value").execute();
}
