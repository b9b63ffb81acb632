// Demo data of verifiable totals (issue 17, decision 051): the demo citizen supported the
// English citizen's idea four days ago, and every past day's root is published, as the daily
// job would have done; so /me offers a receipt to download and /verify-receipt says it matches.
// Loading it again adds nothing (a support stands once; a published day is never redone).
import type { Kysely } from "kysely";
import type { Database } from "./schema";
import { support } from "./factories";

export async function loadDemoReceipts(db: Kysely<Database>): Promise<void> {
  const { publishDueRoots } = await import("../app/domain/receipts/publish.server");
  const citizen = await db.selectFrom("users").select("id").where("email", "=", "citizen@madang.example.org").executeTakeFirst();
  const idea = await db.selectFrom("ideas").select(["id", "status"]).where("title", "=", "Public transit fares for students").executeTakeFirst();
  if (citizen && idea?.status === "open") await support(db, citizen.id, idea.id, new Date(Date.now() - 4 * 86_400_000));
  await publishDueRoots(db, new Date());
}
