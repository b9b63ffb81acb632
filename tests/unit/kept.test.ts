// Values a process keeps for a few seconds (app/domain/kept.server.ts): read once while fresh,
// shared by requests that arrive together, read afresh in a transaction, and forgotten when a
// use case that changes them commits.
import type { Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import type { Database } from "../../db/schema";
import { kept, keptPerKey, KeptValue, useCaseCommitted } from "../../app/domain/kept.server";

const fakeDb = (isTransaction = false) => ({ isTransaction }) as unknown as Kysely<Database>;

describe("a kept value", () => {
  it("is read once while younger than its time, and again after", async () => {
    let now = 0;
    let reads = 0;
    const copy = new KeptValue<number>(1_000, () => now);
    const read = async () => ++reads;
    expect(await copy.get(read)).toBe(1);
    now = 999;
    expect(await copy.get(read)).toBe(1);
    now = 1_000;
    expect(await copy.get(read)).toBe(2);
  });

  it("is read once for requests that arrive together", async () => {
    let reads = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const copy = new KeptValue<string>(1_000);
    const read = async () => {
      reads++;
      await gate;
      return "value";
    };
    const together = [copy.get(read), copy.get(read), copy.get(read)];
    release();
    expect(await Promise.all(together)).toEqual(["value", "value", "value"]);
    expect(reads).toBe(1);
  });

  it("keeps a falsy value too (an empty count is a count)", async () => {
    let reads = 0;
    const copy = new KeptValue<number>(1_000);
    await copy.get(async () => (reads++, 0));
    await copy.get(async () => (reads++, 0));
    expect(reads).toBe(1);
  });

  it("after a failed read, the next request reads again", async () => {
    const copy = new KeptValue<number>(1_000);
    await expect(copy.get(async () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await copy.get(async () => 7)).toBe(7);
  });
});

describe("kept per database", () => {
  it("each database handle has its own copy; a transaction always reads", async () => {
    const reads: string[] = [];
    const a = fakeDb();
    const b = fakeDb();
    const trx = fakeDb(true);
    const value = kept(60_000, async (db) => (reads.push(db === a ? "a" : db === b ? "b" : "trx"), reads.length));
    expect(await value.get(a)).toBe(1);
    expect(await value.get(a)).toBe(1);
    expect(await value.get(b)).toBe(2);
    expect(await value.get(trx)).toBe(3);
    expect(await value.get(trx)).toBe(4);
    expect(reads).toEqual(["a", "b", "trx", "trx"]);
  });

  it("is forgotten when a use case that changes it commits, by full name or by prefix, and only for that database", async () => {
    let reads = 0;
    const db = fakeDb();
    const other = fakeDb();
    const value = kept(60_000, async () => ++reads, ["bodies.", "campaign.create"]);
    await value.get(db);
    await value.get(other);
    expect(reads).toBe(2);
    useCaseCommitted(db, "ideas.support");
    useCaseCommitted(db, "campaign.update");
    useCaseCommitted(db, "bodiesX.create");
    expect(await value.get(db)).toBe(1);
    useCaseCommitted(db, "bodies.rename");
    expect(await value.get(db)).toBe(3);
    useCaseCommitted(db, "campaign.create");
    expect(await value.get(db)).toBe(4);
    expect(await value.get(other)).toBe(2);
  });
});

describe("a value kept per key (decision 071)", () => {
  it("keeps one copy per key, reads again when the caller's version changes, and is forgotten by its use cases", async () => {
    const reads: number[] = [];
    const db = fakeDb();
    const value = keptPerKey(60_000, async (_db, key) => (reads.push(key), `${key}:${reads.length}`), ["workflow.recommend"]);
    expect(await value.get(db, 1, "3|9")).toBe("1:1");
    expect(await value.get(db, 1, "3|9")).toBe("1:1");
    expect(await value.get(db, 2, "5|7")).toBe("2:2");
    // A row more (another process recommended): read again at once, whatever the time.
    expect(await value.get(db, 1, "4|12")).toBe("1:3");
    expect(await value.get(db, 2, "5|7")).toBe("2:2");
    useCaseCommitted(db, "workflow.recommend");
    expect(await value.get(db, 2, "5|7")).toBe("2:4");
    expect(await value.get(fakeDb(true), 2, "5|7")).toBe("2:5");
    expect(reads).toEqual([1, 2, 1, 2, 2]);
  });
});
