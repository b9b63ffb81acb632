// A person's own account settings: home region (for the regional support charts) and language.
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../../db/schema";
import type { Locale } from "../../utils/i18n";
import type { Result } from "../../utils/result";
import { execute, useCase } from "../use-case.server";
import type { Actor } from "./permissions";
import { homeRegionId } from "./schemas";

export async function setPreferredLocale(db: Kysely<Database>, userId: number, locale: Locale): Promise<void> {
  await db.updateTable("users").set({ locale }).where("id", "=", userId).execute();
}

/** The regions a person may give as their home region, in their reference order. */
export function regionChoices(db: Kysely<Database>) {
  return db.selectFrom("regions").select(["id", "name_ko", "name_en"]).where("archived_at", "is", null).orderBy("id").execute();
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

const UpdateSettings = useCase({
  name: "account.settings",
  schema: SettingsSchema,
  // A suspended account may still change these: they only affect how it reads the site.
  permit: () => null,
  run: async ({ trx, actor, input }) => {
    await trx
      .updateTable("users")
      .set({
        home_region_id: input.homeRegionId,
        locale: input.locale,
        email_on_own_ideas: input.emailOwn,
        email_on_followed_ideas: input.emailFollowed,
        email_on_staff_deadlines: input.emailStaff,
      })
      .where("id", "=", actor.id)
      .execute();
    return {};
  },
  // A person's own settings: no audit row.
});

export function updateAccountSettings(db: Kysely<Database>, actor: Actor, input: Record<string, string | undefined>): Promise<Result> {
  return execute(db, UpdateSettings, actor, { input });
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
