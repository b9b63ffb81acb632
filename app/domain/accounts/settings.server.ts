// A person's own account settings: home region (for the regional support charts) and language.
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../../db/schema";
import type { Locale } from "../../utils/i18n";
import { zodErrors, type Result } from "../../utils/result";
import type { Actor } from "./permissions";

export async function setPreferredLocale(db: Kysely<Database>, userId: number, locale: Locale): Promise<void> {
  await db.updateTable("users").set({ locale }).where("id", "=", userId).execute();
}

export async function accountSettings(db: Kysely<Database>, userId: number) {
  const [user, regions] = await Promise.all([
    db.selectFrom("users").select(["home_region_id", "locale"]).where("id", "=", userId).executeTakeFirstOrThrow(),
    db.selectFrom("regions").select(["id", "name_ko", "name_en"]).orderBy("id").execute(),
  ]);
  return { homeRegionId: user.home_region_id, preferredLocale: user.locale, regions };
}

const SettingsSchema = z.object({
  homeRegionId: z
    .string()
    .transform((v) => (v ? Number(v) : null))
    .pipe(z.number().int().min(1, "errors.invalidChoice").max(17, "errors.invalidChoice").nullable()),
  locale: z.enum(["ko", "en"], { message: "errors.invalidChoice" }),
});

export async function updateAccountSettings(
  db: Kysely<Database>,
  actor: Actor,
  input: Record<string, string>,
): Promise<Result> {
  // A suspended account may still change these: they only affect how it reads the site.
  const parsed = SettingsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: zodErrors(parsed.error), status: 400 };
  await db
    .updateTable("users")
    .set({ home_region_id: parsed.data.homeRegionId, locale: parsed.data.locale })
    .where("id", "=", actor.id)
    .execute();
  return { ok: true };
}
