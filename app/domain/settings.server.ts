// Site settings as stored (table `settings`), read through the registry in ./settings.ts and
// through a short cache (decision 032), kept as ./kept.server.ts keeps values.
//
// Every app process keeps the settings it read for a few seconds (SETTINGS_CACHE_MS), then reads
// them again: a change made by an admin in one process is seen by every other process within
// that time, without a message between processes (the database is the only shared state). The
// process that makes a change forgets its copy at once (`forgetSettings`). A read inside a
// transaction always goes to the database: a use case that locks rows sees the settings as they
// are.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { kept } from "./kept.server";
import { settingsFrom, type SiteSettings } from "./settings";

export { settingsFrom, type SiteSettings };

/** How long a process keeps the settings it read before reading them again. */
export const SETTINGS_CACHE_MS = 5_000;

/** The settings as the database holds them now (no cache). */
export async function readSettings(db: Kysely<Database>): Promise<SiteSettings> {
  const rows = await db.selectFrom("settings").select(["key", "value"]).execute();
  return settingsFrom(Object.fromEntries(rows.map((r) => [r.key, r.value])));
}

const keptSettings = kept(SETTINGS_CACHE_MS, readSettings, ["settings.change"]);

/** The site settings: fresh inside a transaction, otherwise at most a few seconds old. */
export function getSettings(db: Kysely<Database>): Promise<SiteSettings> {
  return keptSettings.get(db);
}

/**
 * Drops this process's copy, so that its next read sees a change it just made (an admin's
 * change; a test or a script that wrote the table directly).
 */
export function forgetSettings(db: Kysely<Database>): void {
  keptSettings.forget(db);
}
