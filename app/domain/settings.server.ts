// Site settings as stored (table `settings`), read through the registry in ./settings.ts and
// through a short cache (decision 032).
//
// Every app process keeps the settings it read for a few seconds (SETTINGS_CACHE_MS), then reads
// them again: a change made by an admin in one process is seen by every other process within
// that time, without a message between processes (the database is the only shared state). The
// process that makes a change forgets its copy at once (`forgetSettings`). A read inside a
// transaction always goes to the database: a use case that locks rows sees the settings as they
// are.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { settingsFrom, type SiteSettings } from "./settings";

export { settingsFrom, type SiteSettings };

/** How long a process keeps the settings it read before reading them again. */
export const SETTINGS_CACHE_MS = 5_000;

/** The settings as the database holds them now (no cache). */
export async function readSettings(db: Kysely<Database>): Promise<SiteSettings> {
  const rows = await db.selectFrom("settings").select(["key", "value"]).execute();
  return settingsFrom(Object.fromEntries(rows.map((r) => [r.key, r.value])));
}

/** One process's copy of the settings, read again once it is older than `ttlMs`. */
export class SettingsCache {
  private value: SiteSettings | null = null;
  private readAt = 0;
  private pending: Promise<SiteSettings> | null = null;

  constructor(
    private readonly ttlMs = SETTINGS_CACHE_MS,
    private readonly clock: () => number = Date.now,
  ) {}

  async get(db: Kysely<Database>): Promise<SiteSettings> {
    if (this.value && this.clock() - this.readAt < this.ttlMs) return this.value;
    // Requests arriving together share one read.
    this.pending ??= (async () => {
      const startedAt = this.clock();
      try {
        const value = await readSettings(db);
        this.value = value;
        this.readAt = startedAt;
        return value;
      } finally {
        this.pending = null;
      }
    })();
    return this.pending;
  }

  forget(): void {
    this.value = null;
    this.readAt = 0;
  }
}

/** One cache per database handle (one per process; each test database has its own). */
const caches = new WeakMap<Kysely<Database>, SettingsCache>();

function cacheOf(db: Kysely<Database>): SettingsCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new SettingsCache();
    caches.set(db, cache);
  }
  return cache;
}

/** The site settings: fresh inside a transaction, otherwise at most a few seconds old. */
export async function getSettings(db: Kysely<Database>): Promise<SiteSettings> {
  if (db.isTransaction) return readSettings(db);
  return cacheOf(db).get(db);
}

/**
 * Drops this process's copy, so that its next read sees a change it just made (an admin's
 * change; a test or a script that wrote the table directly).
 */
export function forgetSettings(db: Kysely<Database>): void {
  caches.get(db)?.forget();
}
