// Guests in a deliberation (issue 14, decision 054), pure: who invites (the chair of the idea's
// committee), when (while the idea is in deliberation), and who withdraws an invitation (the
// same chair, at any time). Whether a guest may post is `postRefusal` in ./permissions, with the
// thread's `guestIds`. Tested in tests/unit/guests.test.ts.
import type { IdeaStatus } from "../../../db/schema";
import { chairsCommittee, staffRefusal, type Actor, type Refusal } from "../accounts/permissions";

export type GuestRefusal = Refusal | "notChair" | "notInDeliberation";

export interface GuestFacts {
  /** The committee of the thread (and of the idea). */
  committeeId: number | null;
  /** The idea the deliberation thread is about; null for a committee's general thread. */
  ideaId: number | null;
  ideaStatus: IdeaStatus | null;
}

function chairRefusal(actor: Actor | null, f: GuestFacts, now: Date): GuestRefusal | null {
  const base = staffRefusal(actor, true, now);
  if (base) return base;
  if (f.ideaId === null || f.committeeId === null || !chairsCommittee(actor, f.committeeId)) return "notChair";
  return null;
}

/** The chair of the idea's committee invites guests while the idea is in deliberation. */
export function inviteGuestRefusal(actor: Actor | null, f: GuestFacts, now = new Date()): GuestRefusal | null {
  const refusal = chairRefusal(actor, f, now);
  if (refusal) return refusal;
  return f.ideaStatus === "in_deliberation" ? null : "notInDeliberation";
}

/** The chair withdraws an invitation at any time (the guest's past posts stay). */
export function withdrawGuestRefusal(actor: Actor | null, f: GuestFacts, now = new Date()): GuestRefusal | null {
  return chairRefusal(actor, f, now);
}
