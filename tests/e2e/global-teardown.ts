// Belt and braces after the run: tests/e2e/server.ts drops its own database (or removes its
// embedded data folder) when Playwright stops it. If an earlier run's server was killed before it
// could (SIGKILL, a power cut), this removes what it left behind:
// - databases named exactly madang_e2e_<pid>_<ms> (never any other name), created before this run
//   started, whose server process is gone and which nobody is connected to (so a run of someone
//   else on this machine, still going, is left alone; this run's own database is newer);
// - folders tests/.tmp/e2e-<pid> whose process is gone.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const DATABASE_NAME = /^madang_e2e_(\d+)_(\d+)$/;
const DATA_DIR_NAME = /^e2e-(\d+)(?:-\d+)?$/;
const DAY = 86_400_000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function dropLeftoverDatabases(serverUrl: string, runStartedAt: number): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string; connections: string }>(
      `select d.datname, (select count(*) from pg_stat_activity a where a.datname = d.datname) as connections
         from pg_database d
        where d.datname like 'madang\\_e2e\\_%'`,
    );
    for (const { datname, connections } of rows) {
      const match = DATABASE_NAME.exec(datname);
      if (!match) continue;
      const pid = Number(match[1]);
      const createdAt = Number(match[2]);
      if (createdAt >= runStartedAt) continue; // this run's, or a later one's
      const abandoned = !processAlive(pid) && Number(connections) === 0;
      if (!abandoned && runStartedAt - createdAt < DAY) continue;
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      console.log(`[e2e teardown] dropped leftover database ${datname}`);
    }
  } finally {
    await client.end().catch(() => {});
  }
}

function removeLeftoverDataDirs(): void {
  const tmp = path.join(root, "tests", ".tmp");
  if (!fs.existsSync(tmp)) return;
  for (const entry of fs.readdirSync(tmp, { withFileTypes: true })) {
    const match = entry.isDirectory() ? DATA_DIR_NAME.exec(entry.name) : null;
    if (!match || processAlive(Number(match[1]))) continue;
    fs.rmSync(path.join(tmp, entry.name), { recursive: true, force: true });
    console.log(`[e2e teardown] removed leftover folder tests/.tmp/${entry.name}`);
  }
}

export default async function globalTeardown(): Promise<void> {
  const runStartedAt = Date.now() - process.uptime() * 1000;
  removeLeftoverDataDirs();
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    try {
      await dropLeftoverDatabases(serverUrl, runStartedAt);
    } catch (error) {
      console.warn("[e2e teardown] could not look for leftover databases:", error);
    }
  }
}
