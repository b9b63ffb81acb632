// The counts a "vote closed" notification names (decision 028): for, against, abstain, the votes
// cast and the quorum, as stored in its payload; empty strings for any other notification.
export function voteCounts(payload: Record<string, unknown>): Record<"for" | "against" | "abstain" | "cast" | "needed", string> {
  const n = (key: string) => (typeof payload[key] === "number" || typeof payload[key] === "string" ? String(payload[key]) : "");
  return { for: n("for"), against: n("against"), abstain: n("abstain"), cast: n("cast"), needed: n("needed") };
}
