// A person's own account settings: home region (for the regional support charts) and language.
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../../db/schema";
import type { Locale } from "../../utils/i18n";
import { invalidInput, type Result } from "../../utils/result";
import type { Actor } from "./permissions";
import { homeRegionId } from "./schemas";

export async function setPreferredLocale(db: Kysely<Database>, userId: number, locale: Locale): Promise<void> {
  await db.updateTable("users").set({ locale }).where("id", "=", userId).execute();
}

/** The regions a person may give as their home region, in their reference order. */
export function regionChoices(db: Kysely<Database>) {
  return db.selectFrom("regions").select(["id", "name_ko", "name_en"]).orderBy("id").execute();
}

export async function accountSettings(db: Kysely<Database>, userId: number) {
  const [user, regions] = await Promise.all([
    db
      .selectFrom("users")
      .select(["home_region_id", "locale", "email_on_own_ideas", "email_on_followed_ideas", "email_on_staff_deadlines"])
      .where("id", "=", userId)
      .executeTakeFirstOrThrow(),
    regionChoices(db),
  ]);
  return {
    homeRegionId: user.home_region_id,
    preferredLocale: user.locale,
    email: { own: user.email_on_own_ideas, followed: user.email_on_followed_ideas, staff: user.email_on_staff_deadlines },
    regions,
  };
}

const SettingsSchema = z.object({
  homeRegionId,
  locale: z.enum(["ko", "en"], { message: "errors.invalidChoice" }),
  // Checkboxes: present ("on") when ticked, absent when not.
  emailOwn: z.string().optional().transform((v) => v === "on"),
  emailFollowed: z.string().optional().transform((v) => v === "on"),
  emailStaff: z.string().optional().transform((v) => v === "on"),
});

export async function updateAccountSettings(
  db: Kysely<Database>,
  actor: Actor,
  input: Record<string, string | undefined>,
): Promise<Result> {
  // A suspended account may still change these: they only affect how it reads the site.
  const parsed = SettingsSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  await db
    .updateTable("users")
    .set({
      home_region_id: parsed.data.homeRegionId,
      locale: parsed.data.locale,
      email_on_own_ideas: parsed.data.emailOwn,
      email_on_followed_ideas: parsed.data.emailFollowed,
      email_on_staff_deadlines: parsed.data.emailStaff,
    })
    .where("id", "=", actor.id)
    .execute();
  return { ok: true };
}

/** One-click unsubscribe from an e-mail's link: turns off every notification e-mail. */
export async function unsubscribe(db: Kysely<Database>, token: string): Promise<boolean> {
  if (!/^[0-9a-f]{32}$/.test(token)) return false;
  const row = await db
    .updateTable("users")
    .set({ email_on_own_ideas: false, email_on_followed_ideas: false, email_on_staff_deadlines: false })
    .where("unsubscribe_token", "=", token)
    .returning("id")
    .executeTakeFirst();
  return Boolean(row);
}
