import { sql, type Kysely } from "kysely";
import type { Database } from "./schema";
import { AGENCIES, CATEGORIES, COMMITTEES, DEFAULT_SETTINGS, REGIONS } from "./reference-data";
import { seedPages } from "../app/domain/pages/pages.server";
import { SEED_PAGES } from "./pages";

/**
 * Loads the reference data. Idempotent: what exists is left as it is (an admin may have renamed
 * it at /admin/...; seeding again never undoes that), nothing is duplicated.
 */
export async function seedReference(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("regions")
      .values(REGIONS.map(([id, code, name_ko, name_en]) => ({ id, code, name_ko, name_en })))
      .onConflict((oc) => oc.column("id").doNothing())
      .execute();
    await trx
      .insertInto("committees")
      .values(COMMITTEES.map((c) => ({ ...c })))
      .onConflict((oc) => oc.column("slug").doNothing())
      .execute();
    for (const category of CATEGORIES) {
      await trx
        .insertInto("categories")
        .values({
          slug: category.slug,
          name_ko: category.name_ko,
          name_en: category.name_en,
          default_committee_id: sql<number>`(select id from committees where slug = ${category.committee})`,
        })
        .onConflict((oc) => oc.column("slug").doNothing())
        .execute();
    }
    await trx
      .insertInto("agencies")
      .values(
        AGENCIES.map((a) => ({
          slug: a.slug,
          kind: a.kind,
          name_ko: a.name_ko,
          name_en: a.name_en,
          region_id: a.region,
        })),
      )
      .onConflict((oc) => oc.column("slug").doNothing())
      .execute();
    await trx
      .insertInto("settings")
      .values(Object.entries(DEFAULT_SETTINGS).map(([key, value]) => ({ key, value: JSON.stringify(value) })))
      .onConflict((oc) => oc.column("key").doNothing())
      .execute();
    // Written once: an admin's later edits are new versions that a second seed leaves alone.
    await seedPages(trx, SEED_PAGES);
  });
}
