// A person's own account settings.
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { Locale } from "../../utils/i18n";

export async function setPreferredLocale(db: Kysely<Database>, userId: number, locale: Locale): Promise<void> {
  await db.updateTable("users").set({ locale }).where("id", "=", userId).execute();
}
