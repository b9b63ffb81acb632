// The catalog's parts: each locale file (app/locales/<lng>/<part>.ts) is a chunk of its own, and
// the browser loads only the parts its page asked for (app/utils/i18n.ts,
// docs/decisions/052-catalog-parts.md). Written out, not globbed: the classic compiler's esbuild
// cannot split a dynamic import with a variable in it. A new locale file goes here too
// (tests/unit/catalog-parts.test.ts fails until it does).
import type { Messages } from "./en";

type Part = () => Promise<{ default: Partial<Messages> }>;

const ko = {
  common: () => import("./ko/common"),
  accounts: () => import("./ko/accounts"),
  admin: () => import("./ko/admin"),
  ideas: () => import("./ko/ideas"),
  workflow: () => import("./ko/workflow"),
  deliberation: () => import("./ko/deliberation"),
  stats: () => import("./ko/stats"),
  moderation: () => import("./ko/moderation"),
  about: () => import("./ko/about"),
  settings: () => import("./ko/settings"),
  administration: () => import("./ko/administration"),
  privacy: () => import("./ko/privacy"),
  clock: () => import("./ko/clock"),
  committees: () => import("./ko/committees"),
  events: () => import("./ko/events"),
  transfers: () => import("./ko/transfers"),
  meetings: () => import("./ko/meetings"),
  assisted: () => import("./ko/assisted"),
  verification: () => import("./ko/verification"),
  "two-factor": () => import("./ko/two-factor"),
  receipts: () => import("./ko/receipts"),
  guests: () => import("./ko/guests"),
  trust: () => import("./ko/trust"),
  "security-log": () => import("./ko/security-log"),
} satisfies Record<string, Part>;

export type PartName = keyof typeof ko;

const en: Record<PartName, Part> = {
  common: () => import("./en/common"),
  accounts: () => import("./en/accounts"),
  admin: () => import("./en/admin"),
  ideas: () => import("./en/ideas"),
  workflow: () => import("./en/workflow"),
  deliberation: () => import("./en/deliberation"),
  stats: () => import("./en/stats"),
  moderation: () => import("./en/moderation"),
  about: () => import("./en/about"),
  settings: () => import("./en/settings"),
  administration: () => import("./en/administration"),
  privacy: () => import("./en/privacy"),
  clock: () => import("./en/clock"),
  committees: () => import("./en/committees"),
  events: () => import("./en/events"),
  transfers: () => import("./en/transfers"),
  meetings: () => import("./en/meetings"),
  assisted: () => import("./en/assisted"),
  verification: () => import("./en/verification"),
  "two-factor": () => import("./en/two-factor"),
  receipts: () => import("./en/receipts"),
  guests: () => import("./en/guests"),
  trust: () => import("./en/trust"),
  "security-log": () => import("./en/security-log"),
};

/** The part every page needs (the site's name, the menu, the error pages). */
export const CORE_PART: PartName = "common";

export const catalogParts: { ko: Record<PartName, Part>; en: Record<PartName, Part> } = { ko, en };
