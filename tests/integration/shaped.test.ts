// Queries built once per shape (db/shaped.ts, decision 094): later runs send the first run's text
// with their own values in their places, and a query that uses a value other than as a parameter
// is refused outside production (where every run is also built and compared).
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/schema";
import { shaped } from "../../db/shaped";
import { openTestDatabase, type TestDatabase } from "./db";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t?.close());

/** Regions by name and, when given, by id (an optional part: another shape). */
function regionsQuery(db: Kysely<Database>, v: { prefix: string; id?: number | null; limit: number }) {
  let query = db
    .selectFrom("regions")
    .select(["id", "name_en"])
    .where(sql<boolean>`name_en LIKE ${v.prefix} || '%'`)
    .orderBy("id")
    .limit(v.limit);
  if (v.id) query = query.where("id", "=", v.id);
  return query;
}

describe("a query built once per shape", () => {
  it("gives each run the rows of its own values, whichever run built the shape", async () => {
    const all = await t.db.selectFrom("regions").select(["id", "name_en"]).orderBy("id").execute();
    expect(all.length).toBeGreaterThan(3);
    const starting = (prefix: string) => all.filter((r) => r.name_en.startsWith(prefix));
    const first = all[0].name_en.slice(0, 1);
    const other = all.find((r) => !r.name_en.startsWith(first))!.name_en.slice(0, 1);

    const run = (v: { prefix: string; id?: number | null; limit: number }) => shaped(t.db, "test-regions", v, (values) => regionsQuery(t.db, values));
    expect(await run({ prefix: first, limit: 50 })).toEqual(starting(first));
    expect(await run({ prefix: other, limit: 50 })).toEqual(starting(other));
    expect(await run({ prefix: other, limit: 1 })).toEqual(starting(other).slice(0, 1));
    // The optional part present, then absent again (null makes the same shape as absent).
    const one = starting(other)[0];
    expect(await run({ prefix: other, id: Number(one.id), limit: 50 })).toEqual([one]);
    expect(await run({ prefix: first, id: null, limit: 50 })).toEqual(starting(first));
  });

  it("refuses a query whose text depends on a value (outside production)", async () => {
    const byText = (v: { prefix: string }) => t.db.selectFrom("regions").select("id").where(sql<boolean>`name_en LIKE ${sql.lit(`${v.prefix}%`)}`);
    await expect(shaped(t.db, "test-literal", { prefix: "S" }, byText)).rejects.toThrow(/other than as a parameter/);

    const byContent = (v: { limit: number }) => t.db.selectFrom("regions").select("id").limit(v.limit > 5 ? 5 : v.limit);
    await shaped(t.db, "test-content", { limit: 2 }, byContent).catch(() => undefined);
    await expect(shaped(t.db, "test-content", { limit: 9 }, byContent)).rejects.toThrow(/other than as a parameter/);
  });
});
