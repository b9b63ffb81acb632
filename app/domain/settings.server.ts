// Site settings as stored (table `settings`), read through the registry in ./settings.ts.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { settingsFrom, type SiteSettings } from "./settings";

export { settingsFrom, type SiteSettings };

export async function getSettings(db: Kysely<Database>): Promise<SiteSettings> {
  const rows = await db.selectFrom("settings").select(["key", "value"]).execute();
  return settingsFrom(Object.fromEntries(rows.map((r) => [r.key, r.value])));
}
