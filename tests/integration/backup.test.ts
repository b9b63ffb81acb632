// A backup and a restore, round trip, on the back end the suite runs on.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { backupEmbedded, backupServer, restoreEmbedded, restoreServer } from "../../db/backup";
import { createIdea, createUser } from "../../db/factories";
import { connect } from "../../db/connect";
import { startEmbedded } from "../../db/embedded";
import { migrateToLatest } from "../../db/migrate";
import { seedReference } from "../../db/seed";
import { openTestDatabase } from "./db";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "madang-backup-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe.runIf(Boolean(process.env.DATABASE_URL))("backup of a PostgreSQL server", () => {
  it("restores exactly what was there, after the data was damaged", async () => {
    const t = await openTestDatabase();
    try {
      const author = await createUser(t.db, { email: "backup-author@example.org" });
      const ideaId = await createIdea(t.db, { author, title: "An idea worth keeping safe" });
      const file = path.join(tmp, "server.dump");
      await backupServer(t.url, file);
      expect(fs.statSync(file).size).toBeGreaterThan(1000);
      await sql`update ideas set title = 'vandalised'`.execute(t.db);
      await sql`delete from follows`.execute(t.db);
      await t.services.pool.end().catch(() => {});
      await restoreServer(t.url, file);
      const check = connect(t.url, { max: 1 });
      const idea = await check.db.selectFrom("ideas").select(["title", "support_count"]).where("id", "=", ideaId).executeTakeFirstOrThrow();
      expect(idea).toEqual({ title: "An idea worth keeping safe", support_count: 1 });
      const follows = await check.db.selectFrom("follows").select("idea_id").where("idea_id", "=", ideaId).execute();
      expect(follows).toHaveLength(1);
      await check.close();
    } finally {
      await t.close().catch(() => {});
    }
  });
});

describe.runIf(!process.env.DATABASE_URL)("backup of the embedded database", () => {
  it("restores the data folder from its archive and keeps the replaced one", async () => {
    const dataDir = path.join(tmp, "data");
    const embedded = await startEmbedded({ dataDir });
    const handle = connect(embedded.url, { max: 1 });
    await migrateToLatest(handle.db);
    await seedReference(handle.db);
    const author = await createUser(handle.db, { email: "embedded-author@example.org" });
    const ideaId = await createIdea(handle.db, { author, title: "Kept in the embedded archive" });
    await handle.close();
    await embedded.stop();

    const file = path.join(tmp, "embedded.tgz");
    await backupEmbedded(dataDir, file);
    // Damage, then restore.
    const damaged = await PGlite.create(path.join(dataDir, "pg"), { extensions: { pg_trgm } });
    await damaged.exec("update ideas set title = 'vandalised'");
    await damaged.close();
    const kept = await restoreEmbedded(dataDir, file);
    expect(kept && fs.existsSync(kept)).toBe(true);

    const reopened = await startEmbedded({ dataDir });
    const check = connect(reopened.url, { max: 1 });
    const idea = await check.db.selectFrom("ideas").select("title").where("id", "=", ideaId).executeTakeFirstOrThrow();
    expect(idea.title).toBe("Kept in the embedded archive");
    await check.close();
    await reopened.stop();
  });

  it("refuses while another process (the app) holds the data folder", async () => {
    const dataDir = path.join(tmp, "busy");
    fs.mkdirSync(path.join(dataDir, "pg"), { recursive: true });
    // The lock names a live process other than this one: our parent stands in for the app.
    fs.writeFileSync(path.join(dataDir, "madang.lock"), String(process.ppid));
    await expect(backupEmbedded(dataDir, path.join(tmp, "x.tgz"))).rejects.toThrow(/in use by another process/);
    await expect(restoreEmbedded(dataDir, path.join(tmp, "x.tgz"))).rejects.toThrow(/in use by another process/);
  });
});
