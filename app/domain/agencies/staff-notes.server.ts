// Private staff notes on an idea (issue 15, decision 035): written and read by the idea's
// committee members and its agency's staff only. They never leave through open data, the feed
// or a personal-data export (those read other tables), and the audit row names the idea, not
// the words.
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../../db/schema";
import { multiLine, noControlChars } from "../../utils/text";
import { STAFF_NOTE_MAX } from "./limits";
import type { Actor } from "../accounts/permissions";
import { execute, useCase } from "../use-case.server";
import { mayUseStaffNotes } from "./permissions";

const NoteSchema = z.object({
  body: z
    .string({ message: "errors.required" })
    .transform(multiLine)
    .pipe(z.string().min(1, "errors.required").max(STAFF_NOTE_MAX, "transfers.errors.noteLength").refine(noControlChars, "errors.controlChars")),
});

const AddNote = useCase({
  name: "staffNote.add",
  schema: NoteSchema,
  load: async (trx, _input, ideaId) =>
    ideaId === undefined ? undefined : trx.selectFrom("ideas").select(["id", "committee_id", "agency_id"]).where("id", "=", ideaId).executeTakeFirst(),
  permit: (actor, idea, { now }) => (mayUseStaffNotes(actor, { committeeId: idea.committee_id, agencyId: idea.agency_id }, now) ? null : "forbidden"),
  run: async ({ trx, actor, input, subject: idea, now }) => {
    const row = await trx.insertInto("staff_notes").values({ idea_id: idea.id, author_id: actor.id, body: input.body, created_at: now }).returning("id").executeTakeFirstOrThrow();
    return { noteId: row.id };
  },
  audit: ({ subject }) => ({ targetType: "idea", targetId: subject.id }),
});

export function addStaffNote(db: Kysely<Database>, actor: Actor | null, ideaId: number, input: Record<string, unknown>, now = new Date()) {
  return execute(db, AddNote, actor, { target: ideaId, input, now });
}

/** The notes of an idea for a reader who may see them; null for anyone else. */
export async function staffNotes(db: Kysely<Database>, ideaId: number, actor: Actor | null, idea: { committeeId: number | null; agencyId: number | null }) {
  if (!mayUseStaffNotes(actor, idea)) return null;
  const rows = await db
    .selectFrom("staff_notes")
    .leftJoin("users", "users.id", "staff_notes.author_id")
    .select(["staff_notes.id", "staff_notes.body", "staff_notes.created_at", "users.display_name"])
    .where("staff_notes.idea_id", "=", ideaId)
    .orderBy("staff_notes.id")
    .execute();
  return rows.map((r) => ({ ...r, created_at: new Date(r.created_at).toISOString() }));
}
