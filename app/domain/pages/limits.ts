// Limits of a page written by admins (browser-safe: the form shows them).
export const PAGE_LIMITS = {
  slug: 60,
  title: 120,
  body: 50_000,
  note: 500,
} as const;
