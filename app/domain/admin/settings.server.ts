// An administrator changes one site setting (decision 032). The value is checked by the
// registry's own schema for that key (app/domain/settings.ts), refused with a message that names
// the allowed range, compared with what the page showed (someone else may have changed it since),
// stored, and audited: who, the old and the new value, when, and why.
import type { Kysely } from "kysely";
import { z } from "zod";
import { noControlChars } from "../../utils/text";
import type { Database } from "../../../db/schema";
import { fail, msg, type Message } from "../../utils/result";
import type { Actor } from "../accounts/permissions";
import { SETTING_KEYS, SETTINGS, isSettingKey, settingsFrom, type SettingGroup, type SettingKey, type SettingUnit } from "../settings";
import { execute, useCase, type Trx } from "../use-case.server";
import { REASON_MAX } from "./limits";
import { administrationRefusal } from "./permissions";

const ChangeSettingSchema = z.object({
  key: z.string().refine(isSettingKey, "errors.invalidChoice"),
  value: z.string().max(10_000, "errors.tooLong").refine(noControlChars, "errors.controlChars"),
  /** The value the page showed when the admin started (empty: do not check). */
  was: z.string().max(10_000).optional().default(""),
  reason: z.string().trim().max(REASON_MAX, "errors.tooLong").refine(noControlChars, "errors.controlChars").optional().default(""),
});

const NUMBER = /^\s*[-+]?\d+(\.\d+)?\s*$/;

/** The value typed for a setting, read by the registry's schema; or the message that refuses it. */
export function parseSettingValue(key: SettingKey, raw: string): { ok: true; value: unknown } | { ok: false; message: Message } {
  const definition = SETTINGS[key];
  const range: Record<string, number> = {};
  if (definition.min !== undefined) range.min = definition.min;
  if (definition.max !== undefined) range.max = definition.max;
  if (definition.unit !== "text" && !NUMBER.test(raw)) return { ok: false, message: msg("settings.errors.number", range) };
  const parsed = (definition.schema as z.ZodType).safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const key_ = /^[a-zA-Z]+(\.[a-zA-Z]+)+$/.test(issue?.message ?? "") ? issue.message : "settings.errors.range";
  return { ok: false, message: msg(key_, range) };
}

/** How a stored value is written in a form (and compared with what the form showed). */
export function settingText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

async function lockSetting(trx: Trx, key: SettingKey) {
  const row = await trx.selectFrom("settings").select("value").where("key", "=", key).forUpdate().executeTakeFirst();
  // A key with no row yet (added to the registry after the seed ran) reads as its default.
  return { key, current: settingsFrom(row ? { [key]: row.value } : {})[key] as unknown };
}

const ChangeSetting = useCase({
  name: "settings.change",
  schema: ChangeSettingSchema,
  load: (trx, input) => lockSetting(trx, input.key as SettingKey),
  permit: (actor, _subject, { now }) => administrationRefusal(actor, now),
  run: async ({ trx, input, subject, now }) => {
    const key = subject.key;
    const parsed = parseSettingValue(key, input.value);
    if (!parsed.ok) return fail("value", parsed.message, 400);
    const from = subject.current;
    const to = parsed.value;
    if (settingText(from) === settingText(to)) return { key, changed: false, from, to };
    // The page showed another value: someone changed it meanwhile. Say so rather than overwrite.
    if (input.was !== "" && input.was.trim() !== settingText(from)) {
      return fail("value", msg("settings.errors.changedMeanwhile", { value: settingText(from) }), 409);
    }
    await trx
      .insertInto("settings")
      .values({ key, value: JSON.stringify(to), updated_at: now })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value: JSON.stringify(to), updated_at: now }))
      .execute();
    return { key, changed: true, from, to };
  },
  audit: ({ input }, output) =>
    output.changed
      ? {
          targetType: "setting",
          targetId: output.key,
          details: { from: output.from, to: output.to, reason: input.reason || null, applies: SETTINGS[output.key].applies },
        }
      : null,
});

export async function changeSetting(db: Kysely<Database>, actor: Actor | null, input: Record<string, unknown>, now = new Date()) {
  // This process sees its own change at once (the settings are kept "changedBy" this use case);
  // the others within the cache's few seconds.
  return execute(db, ChangeSetting, actor, { input, now });
}

/** The last change of each setting: when, by whom, from what, and why (for the settings page). */
export async function lastSettingChanges(db: Kysely<Database>) {
  const rows = await db
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_id")
    .select(["audit_log.target_id as key", "audit_log.created_at", "audit_log.details", "users.display_name as actor_name"])
    .distinctOn("audit_log.target_id")
    .where("audit_log.target_type", "=", "setting")
    .where("audit_log.action", "=", "settings.change")
    .orderBy("audit_log.target_id")
    .orderBy("audit_log.id", "desc")
    .execute();
  return Object.fromEntries(
    rows.map((r) => [
      r.key,
      {
        at: new Date(r.created_at).toISOString(),
        by: r.actor_name,
        from: settingText((r.details as Record<string, unknown>).from),
        reason: ((r.details as Record<string, unknown>).reason as string | null) ?? null,
      },
    ]),
  );
}

/** What is stored for each key now (fresh; the settings page shows the truth, not a copy). */
export async function storedSettingTexts(db: Kysely<Database>): Promise<Record<SettingKey, string>> {
  const rows = await db.selectFrom("settings").select(["key", "value"]).execute();
  const values = settingsFrom(Object.fromEntries(rows.map((r) => [r.key, r.value])));
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, settingText(v)])) as Record<SettingKey, string>;
}

/** The registry as plain data for the settings page (the page needs no zod in the browser). */
export function settingDefinitions() {
  return SETTING_KEYS.map((key) => {
    const d = SETTINGS[key];
    return {
      key,
      group: d.group as SettingGroup,
      unit: d.unit as SettingUnit,
      min: "min" in d ? (d.min as number | undefined) ?? null : null,
      max: "max" in d ? (d.max as number | undefined) ?? null : null,
      default: settingText(d.default),
      applies: d.applies,
    };
  });
}
