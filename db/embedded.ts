// The embedded PostgreSQL (PGlite) that `npm start` uses when DATABASE_URL is not set.
// It is served on a loopback port through pglite-socket so that the app talks to it with
// `pg`, exactly as it talks to a real server (see docs/decisions/002-embedded-database.md).
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface EmbeddedDatabase {
  url: string;
  /** The whole database as a tarball, for `startEmbedded({ loadDataDir })` (no connection may be open). */
  dump(): Promise<Blob>;
  stop(): Promise<void>;
}

export class DataDirInUseError extends Error {}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

// PGlite does not stop two processes from opening one data folder (which would corrupt it),
// so a lock file holding our pid guards it. A lock left by a dead process is taken over.
export function takeLock(lockPath: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, "wx");
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => fs.rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number.parseInt(fs.readFileSync(lockPath, "utf8"), 10);
      if (Number.isFinite(holder) && holder !== process.pid && processAlive(holder)) {
        throw new DataDirInUseError(
          `The embedded database in ${path.dirname(lockPath)} is in use by another process (pid ${holder}). ` +
            `Stop that process first, or point this one at another folder with MADANG_DATA_DIR, ` +
            `or at a PostgreSQL server with DATABASE_URL.`,
        );
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirInUseError(`Could not lock ${lockPath}.`);
}

/**
 * Opens (creating if needed) the PGlite database in `dataDir`, or an in-memory one when
 * `dataDir` is null, and serves it on 127.0.0.1 at a free port. `loadDataDir` starts a new
 * database as a copy of a dump (`dump()`) instead of an empty one: the tests copy one
 * migrated database rather than create and migrate one per file (an empty database costs
 * about 4 s of CPU to make, a copy under 1 s).
 */
export async function startEmbedded(options: {
  dataDir: string | null;
  maxConnections?: number;
  loadDataDir?: Blob;
}): Promise<EmbeddedDatabase> {
  let releaseLock = () => {};
  let pgDir: string | undefined;
  if (options.dataDir) {
    fs.mkdirSync(options.dataDir, { recursive: true });
    releaseLock = takeLock(path.join(options.dataDir, "madang.lock"));
    pgDir = path.join(options.dataDir, "pg");
  }
  try {
    const pglite = await PGlite.create(pgDir, { extensions: { pg_trgm }, ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}) });
    const server = new PGLiteSocketServer({
      db: pglite,
      host: "127.0.0.1",
      port: 0,
      // Above any pool we open against it; pglite-socket drops connections past this.
      maxConnections: options.maxConnections ?? 64,
    });
    await server.start();
    return {
      url: `postgres://postgres@${server.getServerConn()}/postgres`,
      dump: () => pglite.dumpDataDir("none"),
      async stop() {
        await server.stop();
        await pglite.close();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}
