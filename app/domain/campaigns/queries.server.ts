import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";

export async function openCampaigns(db: Kysely<Database>, limit = 6) {
  return db
    .selectFrom("campaigns")
    .leftJoin("regions", "regions.id", "campaigns.region_id")
    .select([
      "campaigns.id",
      "campaigns.slug",
      "campaigns.title_ko",
      "campaigns.title_en",
      "campaigns.description_ko",
      "campaigns.description_en",
      "campaigns.closes_at",
      "campaigns.support_threshold",
      "regions.name_ko as region_ko",
      "regions.name_en as region_en",
    ])
    .where("campaigns.opens_at", "<=", sql<Date>`now()`)
    .where("campaigns.closes_at", ">", sql<Date>`now()`)
    .orderBy("campaigns.closes_at")
    .limit(limit)
    .execute();
}
