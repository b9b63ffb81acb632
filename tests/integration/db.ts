// A database of its own for each integration test file, on the same back end the app uses:
// a copy of the migrated template on the DATABASE_URL server, or an in-memory embedded one
// started from the migrated dump (global-setup.ts).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import pg from "pg";
import pino from "pino";
import { inject } from "vitest";
import { connect } from "../../db/connect";
import { startEmbedded } from "../../db/embedded";
import { migrateToLatest } from "../../db/migrate";
import { poolSizeFor } from "../../db/open";
import { seedReference } from "../../db/seed";
import { createServices, type Services } from "../../app/services.server";
import { loadConfig } from "../../app/utils/env.server";

export function databaseUrlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export interface TestDatabase {
  services: Services;
  db: Services["db"];
  url: string;
  close(): Promise<void>;
}

export async function openTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  const template = inject("templateDatabase");
  const dump = inject("templateDump");
  let url: string;
  let cleanup: () => Promise<void>;
  if (serverUrl && template) {
    const name = `madang_test_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    await admin.end();
    url = databaseUrlFor(serverUrl, name);
    cleanup = async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    };
  } else {
    const embedded = await startEmbedded({ dataDir: null, ...(dump ? { loadDataDir: new Blob([fs.readFileSync(dump)]) } : {}) });
    url = embedded.url;
    cleanup = () => embedded.stop();
  }
  const handle = connect(url, { max: poolSizeFor(serverUrl, 8), named: Boolean(serverUrl) });
  if (!template && !dump) {
    await migrateToLatest(handle.db);
    await seedReference(handle.db);
  }
  const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: url, PUBLIC_URL: "http://madang.test" });
  const services = createServices(handle, config, pino({ level: "silent" }));
  return {
    services,
    db: handle.db,
    url,
    async close() {
      // The database goes even when its pool was already ended (the backup test ends it before a
      // restore, and a second end throws): each PostgreSQL run left one behind.
      try {
        await handle.close();
      } finally {
        await cleanup();
      }
    },
  };
}
