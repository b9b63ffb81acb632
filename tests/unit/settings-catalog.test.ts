// The settings page is drawn from the registry (app/domain/settings.ts): every key a label and a
// meaning in both languages, every group and unit a name, every number setting a range that
// holds its default.
import { describe, expect, it } from "vitest";
import en from "../../app/locales/en";
import ko from "../../app/locales/ko";
import { SETTING_KEYS, SETTINGS } from "../../app/domain/settings";

type Keys = Record<string, { label?: string; help?: string }>;

describe("the settings registry and its catalogs", () => {
  for (const [lang, catalog] of [["en", en], ["ko", ko]] as const) {
    it(`${lang}: every setting has a label and a meaning; every group and unit a name`, () => {
      const keys = catalog.settings.keys as Keys;
      const missing = SETTING_KEYS.filter((k) => !keys[k]?.label?.trim() || !keys[k]?.help?.trim());
      expect(missing, "add settings.keys.<key>.label and .help in app/locales/*/settings.ts").toEqual([]);
      const groups = catalog.settings.groups as Record<string, string>;
      const units = catalog.settings.unitName as Record<string, string>;
      const amounts = catalog.settings.amount as Record<string, string>;
      for (const key of SETTING_KEYS) {
        const { group, unit } = SETTINGS[key];
        expect(groups[group], `group ${group}`).toBeTruthy();
        expect(units[unit], `unit ${unit}`).toBeTruthy();
        if (unit !== "text") expect(amounts[`${unit}_other`], `amount ${unit}`).toBeTruthy();
      }
    });
  }

  it("every number setting has a range that holds its default", () => {
    for (const key of SETTING_KEYS) {
      const d = SETTINGS[key] as { unit: string; min?: number; max?: number; default: unknown };
      if (d.unit === "text") continue;
      expect(typeof d.min, key).toBe("number");
      expect(typeof d.max, key).toBe("number");
      expect(d.default as number, key).toBeGreaterThanOrEqual(d.min!);
      expect(d.default as number, key).toBeLessThanOrEqual(d.max!);
    }
  });
});
