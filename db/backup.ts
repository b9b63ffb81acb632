// npm run db:backup -- <file>   /   npm run db:restore -- <file>
// On DATABASE_URL: pg_dump's custom format, restored with pg_restore (PostgreSQL client tools).
// On the embedded database: PGlite's own data-folder archive; the app must be stopped first
// (one process at a time may open the folder — the lock file says who has it).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { loadConfig } from "../app/utils/env.server";
import { DataDirInUseError, takeLock } from "./embedded";

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", (error) =>
      reject(new Error(`${command} could not be started (${error.message}); install the PostgreSQL client tools.`)),
    );
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}`))));
  });
}

export async function backupServer(databaseUrl: string, file: string): Promise<void> {
  await run("pg_dump", ["--format=custom", "--no-owner", "--file", file, databaseUrl]);
}

export async function restoreServer(databaseUrl: string, file: string): Promise<void> {
  await run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--dbname", databaseUrl, file]);
}

export async function backupEmbedded(dataDir: string, file: string): Promise<void> {
  const pgDir = path.join(dataDir, "pg");
  if (!fs.existsSync(pgDir)) throw new Error(`There is no embedded database in ${dataDir}.`);
  const release = takeLock(path.join(dataDir, "madang.lock"));
  try {
    const db = await PGlite.create(pgDir, { extensions: { pg_trgm } });
    const archive = await db.dumpDataDir("gzip");
    await db.close();
    fs.writeFileSync(file, Buffer.from(await archive.arrayBuffer()));
  } finally {
    release();
  }
}

/** Replaces the embedded database with the archive; the previous folder is kept beside it. */
export async function restoreEmbedded(dataDir: string, file: string): Promise<string | null> {
  fs.mkdirSync(dataDir, { recursive: true });
  const release = takeLock(path.join(dataDir, "madang.lock"));
  try {
    const pgDir = path.join(dataDir, "pg");
    let kept: string | null = null;
    if (fs.existsSync(pgDir)) {
      kept = `${pgDir}.before-restore-${Date.now()}`;
      fs.renameSync(pgDir, kept);
    }
    const archive = new Blob([fs.readFileSync(file)]);
    const db = await PGlite.create(pgDir, { extensions: { pg_trgm }, loadDataDir: archive });
    await db.query("select 1");
    await db.close();
    return kept;
  } finally {
    release();
  }
}

async function main() {
  const [command, file] = process.argv.slice(2);
  if (!["backup", "restore"].includes(command) || !file) {
    console.error("usage: npm run db:backup -- <file>  |  npm run db:restore -- <file>");
    process.exit(2);
  }
  const config = loadConfig();
  const target = path.resolve(file);
  if (command === "restore" && !fs.existsSync(target)) throw new Error(`No backup file at ${target}.`);
  if (config.databaseUrl) {
    await (command === "backup" ? backupServer(config.databaseUrl, target) : restoreServer(config.databaseUrl, target));
  } else if (command === "backup") {
    await backupEmbedded(config.dataDir, target);
  } else {
    const kept = await restoreEmbedded(config.dataDir, target);
    if (kept) console.log(`The previous database was kept in ${kept}.`);
  }
  console.log(command === "backup" ? `Backed up to ${target}.` : `Restored from ${target}.`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  main().catch((error) => {
    console.error(error instanceof DataDirInUseError ? `${error.message} Stop the app before a backup or restore of the embedded database.` : (error as Error).message);
    process.exit(1);
  });
}
