// One migrated database that every test file copies (fast), removed at the end. With
// DATABASE_URL: a template database on that server. Without: a dump of an embedded database in
// tests/.tmp, from which each file starts its in-memory embedded database (making an empty one
// and migrating it costs each file about 5 s of CPU; starting from the dump, under 1 s).
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import pg from "pg";
import { connect } from "../../db/connect";
import { startEmbedded } from "../../db/embedded";
import { migrateToLatest } from "../../db/migrate";
import { seedReference } from "../../db/seed";
import { databaseUrlFor } from "./db";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string | null;
    /** The file holding the migrated embedded database (without DATABASE_URL). */
    templateDump: string | null;
  }
}

async function embeddedTemplate(project: TestProject) {
  const file = path.resolve(import.meta.dirname, "..", ".tmp", `pglite-template-${process.pid}.tar`);
  const embedded = await startEmbedded({ dataDir: null });
  try {
    const handle = connect(embedded.url, { max: 1 });
    try {
      await migrateToLatest(handle.db);
      await seedReference(handle.db);
    } finally {
      await handle.close();
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, Buffer.from(await (await embedded.dump()).arrayBuffer()));
  } finally {
    await embedded.stop();
  }
  project.provide("templateDatabase", null);
  project.provide("templateDump", file);
  return () => fs.rmSync(file, { force: true });
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return embeddedTemplate(project);
  project.provide("templateDump", null);
  const template = `madang_test_tpl_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  const handle = connect(databaseUrlFor(serverUrl, template), { max: 2 });
  try {
    await migrateToLatest(handle.db);
    await seedReference(handle.db);
  } finally {
    await handle.close();
  }
  project.provide("templateDatabase", template);
  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.end();
  };
}
