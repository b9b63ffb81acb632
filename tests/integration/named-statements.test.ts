// Named statements (db/named.ts, decision 073): on a PostgreSQL server a marked statement is
// prepared once per connection and run again by name; on the embedded database, whose
// connections share one backend session, it runs as plain text on every connection (a name
// prepared by one connection is refused to the next: "prepared statement already exists").
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { readIdea } from "../../app/domain/ideas/record.server";
import { connect, type DbHandle } from "../../db/connect";
import { createIdea } from "../../db/factories";
import { supportIdea } from "../../app/domain/ideas/supports.server";
import { markRead } from "../../app/domain/deliberation/deliberation.server";
import { supportLimits } from "../../app/domain/moderation/integrity.server";
import { createLimiters } from "../../app/auth/rate-limit.server";
import { ideaAt } from "../fixtures/pipeline";
import { person, rosterIn } from "../fixtures/roster";
import { openTestDatabase, type TestDatabase } from "./db";

const onServer = Boolean(process.env.DATABASE_URL);
let t: TestDatabase;
const opened: DbHandle[] = [];
// The tests below give real names other texts on purpose, which the process then refuses for the
// rest of its life; test files share a process (vitest.config.ts), so these calls go through a
// copy of db/named.ts of their own, dropped at the end (the next file imports a clean one), and
// the app's statements in later files keep their names.
let named: typeof import("../../db/named").named;
let namedBuilt: typeof import("../../db/named").namedBuilt;
beforeAll(async () => {
  vi.resetModules();
  ({ named, namedBuilt } = await import("../../db/named"));
  t = await openTestDatabase();
}, 60_000);
afterAll(async () => {
  for (const handle of opened) await handle.close();
  await t?.close();
  vi.resetModules();
});

/** A pool of one connection, as the app opens it on this back end. */
function oneConnection() {
  const handle = connect(t.url, { max: 1, named: onServer });
  opened.push(handle);
  return handle;
}

const preparedOn = async (handle: DbHandle) =>
  (await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements order by name`.execute(handle.db)).rows;

describe("named statements", () => {
  it("read the same idea as plain text does, on every connection, one after another", async () => {
    const { ideaId } = await ideaAt(t.db, "answered", await rosterIn(t.db));
    const expected = await readIdea(t.db, ideaId);
    expect(expected?.shown.id).toBe(ideaId);
    for (let connection = 0; connection < 2; connection++) {
      const handle = oneConnection();
      for (let run = 0; run < 7; run++) expect(JSON.stringify(await readIdea(handle.db, ideaId))).toBe(JSON.stringify(expected));
      await handle.close();
    }
  });

  it.runIf(onServer)("are prepared once per connection on a server, under their name", async () => {
    const { ideaId } = await ideaAt(t.db, "open", await rosterIn(t.db));
    const handle = oneConnection();
    await readIdea(handle.db, ideaId);
    await readIdea(handle.db, ideaId);
    const prepared = await preparedOn(handle);
    expect(prepared.map((p) => p.name)).toEqual(["idea-record"]);
    expect(prepared[0].statement).toMatch(/^\/\* idea-record \*\/ select /);
  });

  it.runIf(onServer)("run as plain text when a marked name comes with another text than its first", async () => {
    const handle = oneConnection();
    const one = await sql<{ n: number }>`/* posts-top-oldest-after */ select 1 as n`.execute(handle.db);
    const other = await sql<{ n: number }>`/* posts-top-oldest-after */ select 2 as n`.execute(handle.db);
    expect([one.rows, other.rows]).toEqual([[{ n: 1 }], [{ n: 2 }]]);
    expect((await preparedOn(handle)).map((p) => p.name)).toEqual(["posts-top-oldest-after"]);
  });

  it("a name stands for one text: built with another text, or with other parameters than it is given, it is refused", async () => {
    const query = (n: number) => t.db.selectFrom("users").select(sql<number>`${n}::int`.as("n")).limit(1);
    expect(await named(t.db, "posts-top-oldest", [7, 1], () => query(7))).toEqual([{ n: 7 }]);
    // The same text with other values: the values given are the ones sent.
    expect(await named(t.db, "posts-top-oldest", [8, 1], () => query(8))).toEqual([{ n: 8 }]);
    await expect(named(t.db, "posts-top-oldest", [9, 1], () => t.db.selectFrom("users").select(sql<number>`${9}::int + 0`.as("n")).limit(1))).rejects.toThrow(/another text/);
    await expect(named(t.db, "posts-top-oldest", [1, 7], () => query(7))).rejects.toThrow(/parameters/);
  });

  it.runIf(!onServer)("are not prepared on the embedded database", async () => {
    const handle = oneConnection();
    const { ideaId } = await ideaAt(t.db, "open", await rosterIn(t.db));
    await readIdea(handle.db, ideaId);
    expect(await preparedOn(handle)).toEqual([]);
  });

  it("a support runs under its name on a server, and counts every supporter once on every back end (decision 085)", async () => {
    const ideaId = await createIdea(t.db, { author: await person(t.db) });
    const handle = oneConnection();
    const limiters = createLimiters(handle.pool);
    const count = async () => Number((await t.db.selectFrom("supports").select((eb) => eb.fn.countAll<string>().as("n")).where("idea_id", "=", ideaId).executeTakeFirstOrThrow()).n);
    const before = await count(); // the author's own, where the factory adds it
    const supporters = [];
    for (let k = 0; k < 8; k++) supporters.push(await person(t.db, { createdAt: new Date(Date.now() - 30 * 86_400_000) }));
    // More than five runs: PostgreSQL then plans the statement once for all (a generic plan).
    for (const [k, who] of supporters.entries()) {
      const address = `198.51.100.${k + 1}`;
      expect(await supportIdea(handle.db, who, ideaId, new Date(), address, supportLimits(limiters, who.id, address))).toMatchObject({ ok: true, supportCount: before + k + 1 });
    }
    // Again: counted once.
    expect(await supportIdea(handle.db, supporters[0], ideaId, new Date(), "198.51.100.1", supportLimits(limiters, supporters[0].id, "198.51.100.1"))).toMatchObject({ ok: true, supportCount: before + 8 });
    expect(await count()).toBe(before + 8);
    const names = (await preparedOn(handle)).map((p) => p.name);
    expect(names).toEqual(onServer ? ["support-spending"] : []);
  });

  it("a thread's read mark runs under its name on a server, and still says what the reader last saw", async () => {
    const { ideaId } = await ideaAt(t.db, "in_deliberation", await rosterIn(t.db));
    const { id: threadId } = await t.db.selectFrom("threads").select("id").where("idea_id", "=", ideaId).where("kind", "=", "committee").executeTakeFirstOrThrow();
    const handle = oneConnection();
    const readers = [];
    for (let k = 0; k < 7; k++) readers.push(await person(t.db));
    const firstVisit = new Date(Date.now() - 60_000);
    // A first visit has no earlier mark; a second one finds the first (nothing was posted since).
    for (const reader of readers) expect(await markRead(handle.db, reader, threadId, firstVisit)).toBeNull();
    for (const reader of readers) expect(await markRead(handle.db, reader, threadId, new Date())).toEqual(firstVisit);
    expect((await preparedOn(handle)).map((p) => p.name)).toEqual(onServer ? ["thread-read"] : []);
  });

  it("a name built anew on every run stands for one text too", async () => {
    expect(await namedBuilt(t.db, "thread-record", sql<{ n: number }>`select ${3}::int as n`)).toEqual([{ n: 3 }]);
    expect(await namedBuilt(t.db, "thread-record", sql<{ n: number }>`select ${4}::int as n`)).toEqual([{ n: 4 }]);
    await expect(namedBuilt(t.db, "thread-record", sql<{ n: number }>`select ${5}::int + 0 as n`)).rejects.toThrow(/another text/);
  });
});
