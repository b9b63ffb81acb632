// A connection the database server drops (a restart, a failover, an administrator) must cost
// the request that was using it, never the process. And a read that PostgreSQL misjudges runs
// without JIT compilation, leaving the connection as it was (decision 103). Only on a real
// server: the embedded database has one connection and nobody to drop it, and no JIT.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, type DbHandle } from "../../db/connect";
import { withoutJit } from "../../db/local-settings";
import { openTestDatabase, type TestDatabase } from "./db";

const onServer = Boolean(process.env.DATABASE_URL);
let t: TestDatabase;
let handle: DbHandle;
beforeAll(async () => {
  if (!onServer) return;
  t = await openTestDatabase();
  handle = connect(t.url, { max: 2 });
});
afterAll(async () => {
  await handle?.close();
  await t?.close();
});

describe.runIf(onServer)("a connection the server drops", () => {
  it("fails the transaction holding it, does not bring the process down, and the next query gets a fresh one", async () => {
    const uncaught: unknown[] = [];
    const note = (error: unknown) => uncaught.push(error);
    process.on("uncaughtException", note);
    try {
      const held = handle.db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
        // Between two statements the connection is checked out and idle: the server drops it.
        await sql`select pg_terminate_backend(${rows[0].pid})`.execute(t.db);
        await new Promise((r) => setTimeout(r, 300));
        await sql`select 1`.execute(trx);
      });
      await expect(held).rejects.toThrow();
      await new Promise((r) => setTimeout(r, 100));
      expect(uncaught).toEqual([]);
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(handle.db);
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      process.off("uncaughtException", note);
    }
  });
});

describe.runIf(onServer)("a read without JIT", () => {
  it("runs with JIT off where the session has it on, and the connection keeps its own setting", async () => {
    const one = connect(t.url, { max: 1 });
    const jit = async (db: typeof one.db) => (await sql<{ jit: string }>`SHOW jit`.execute(db)).rows[0].jit;
    try {
      await sql`SET jit = on`.execute(one.db);
      expect(await withoutJit(one.db, jit)).toBe("off");
      expect(await jit(one.db)).toBe("on");
    } finally {
      await one.close();
    }
  });
});
