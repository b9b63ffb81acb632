// Which committee receives a fast-tracked idea. One rule, used by the fast track (which knows the
// idea) and by a call's page (which names the committee before any idea exists): so the page
// names a committee only when every idea of the call will go there. Browser-safe.

export interface Routing {
  /** The committee the call names, if any. */
  campaignCommitteeId: number | null;
  /** The default committee of the call's theme (its category), if it has one. */
  campaignThemeCommitteeId: number | null;
  /** The default committee of the idea's own category (unknown on the call's page: null). */
  ideaCategoryCommitteeId: number | null;
}

/**
 * The call's own committee, else its theme's committee (a themed call's ideas stay together,
 * whatever category each author chose), else the committee of the idea's own category.
 */
export function receivingCommitteeId(r: Routing): number | null {
  return r.campaignCommitteeId ?? r.campaignThemeCommitteeId ?? r.ideaCategoryCommitteeId;
}
