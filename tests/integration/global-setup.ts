// With DATABASE_URL: migrate one template database that every test file copies (fast), and
// drop it at the end. Without: nothing to do, each file starts an in-memory embedded database.
import type { TestProject } from "vitest/node";
import pg from "pg";
import { connect } from "../../db/connect";
import { migrateToLatest } from "../../db/migrate";
import { seedReference } from "../../db/seed";
import { databaseUrlFor } from "./db";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string | null;
  }
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    project.provide("templateDatabase", null);
    return;
  }
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
