// Screening with what lives in the database: the block list, the settings, the author's
// account age. Called by submitIdea inside its transaction; and the personal-data refusal that
// comments and posts get before they are written.
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { fail, msg, type Failure } from "../../utils/result";
import type { SiteSettings } from "../settings.server";
import { findPersonalData, maskMatch } from "./personal-data";
import { screenIdea, type ScreeningHit } from "./screening";

export async function blockedTermList(db: Kysely<Database> | Transaction<Database>): Promise<string[]> {
  const rows = await db.selectFrom("blocked_terms").select("term").orderBy("id").execute();
  return rows.map((r) => r.term);
}

/** The reasons to hold this new idea for review (none: publish it). */
export async function screenSubmission(
  trx: Transaction<Database>,
  authorId: number,
  input: { title: string; body: string },
  settings: SiteSettings,
  now: Date,
): Promise<ScreeningHit[]> {
  const [author, blockedTerms] = await Promise.all([
    trx.selectFrom("users").select("created_at").where("id", "=", authorId).executeTakeFirstOrThrow(),
    blockedTermList(trx),
  ]);
  return screenIdea(input, {
    blockedTerms,
    maxLinks: settings.screening_max_links,
    minAccountMinutes: settings.screening_min_account_minutes,
    accountCreatedAt: author.created_at,
    now,
  });
}

/**
 * A comment or post carrying personal data is refused, with a message that points at the
 * first match (masked) and its line; null when the text is clean.
 */
export function personalDataFailure(text: string, field = "body"): Failure | null {
  const [first] = findPersonalData(text);
  if (!first) return null;
  return fail(field, msg(`moderation.personalData.${first.kind}`, { match: maskMatch(first), line: first.line }));
}
