// Who may do what, as pure functions of the actor: pages use them to show a control, use cases
// use the same functions to refuse. Tested role by role in tests/unit/permissions.test.ts.
import type { RoleName } from "../../../db/schema";

export const ROLE_NAMES = ["admin", "moderator", "committee_member", "committee_chair", "agency_officer", "agency_supervisor", "event_organiser", "identity_verifier"] as const;

/** Roles scoped to one agency (role_grants.agency_id). */
export const AGENCY_ROLES: readonly RoleName[] = ["agency_officer", "agency_supervisor"];

export interface Grant {
  id: number;
  role: RoleName;
  committeeId: number | null;
  agencyId: number | null;
}

export interface Actor {
  id: number;
  email: string;
  displayName: string;
  emailVerified: boolean;
  suspendedUntil: Date | null;
  locale: "ko" | "en" | null;
  grants: Grant[];
  /**
   * The account holds staff roles that do not apply yet: it has not enrolled in two-factor
   * sign-in, which staff need outside demo mode (decision 047). `grants` is then empty.
   */
  rolesOnHold?: boolean;
}

export type Refusal = "signin" | "unverified" | "suspended" | "forbidden";

export function isSuspended(actor: Actor, now = new Date()): boolean {
  return actor.suspendedUntil !== null && actor.suspendedUntil > now;
}

export function hasRole(actor: Actor | null, role: RoleName): boolean {
  return Boolean(actor?.grants.some((g) => g.role === role));
}

export const isAdmin = (actor: Actor | null) => hasRole(actor, "admin");
export const isModerator = (actor: Actor | null) => isAdmin(actor) || hasRole(actor, "moderator");

export function isStaff(actor: Actor | null): boolean {
  return Boolean(actor && actor.grants.length > 0);
}

export function chairsCommittee(actor: Actor | null, committeeId: number): boolean {
  return Boolean(actor?.grants.some((g) => g.role === "committee_chair" && g.committeeId === committeeId));
}

export function sitsOnCommittee(actor: Actor | null, committeeId: number): boolean {
  return Boolean(
    actor?.grants.some(
      (g) => (g.role === "committee_member" || g.role === "committee_chair") && g.committeeId === committeeId,
    ),
  );
}

export function worksForAgency(actor: Actor | null, agencyId: number): boolean {
  return Boolean(actor?.grants.some((g) => g.role === "agency_officer" && g.agencyId === agencyId));
}

/** The agency's supervising office (planning and coordination): escalations go to it. */
export function supervisesAgency(actor: Actor | null, agencyId: number): boolean {
  return Boolean(actor?.grants.some((g) => g.role === "agency_supervisor" && g.agencyId === agencyId));
}

/**
 * Whether the actor may take part as a citizen (propose, support, comment, flag, follow):
 * signed in, e-mail verified, not suspended. Null means allowed.
 */
export function participationRefusal(actor: Actor | null, now = new Date()): Refusal | null {
  if (!actor) return "signin";
  if (isSuspended(actor, now)) return "suspended";
  if (!actor.emailVerified) return "unverified";
  return null;
}

/** Staff actions need a signed-in, unsuspended account holding the role. */
export function staffRefusal(actor: Actor | null, allowed: boolean, now = new Date()): Refusal | null {
  if (!actor) return "signin";
  if (isSuspended(actor, now)) return "suspended";
  return allowed ? null : "forbidden";
}

export const canManageRoles = (actor: Actor | null) => staffRefusal(actor, isAdmin(actor)) === null;
export const canManageCampaigns = (actor: Actor | null) => staffRefusal(actor, isAdmin(actor)) === null;

/**
 * Resetting someone's two-factor sign-in (a lost phone, decision 056): admins, for another
 * account. One's own is turned off at /me/security, with a code.
 */
export function resetTwoFactorRefusal(actor: Actor | null, subject: { id: number }, now = new Date()): Refusal | "self" | null {
  if (!actor) return "signin";
  const refusal = staffRefusal(actor, isAdmin(actor), now);
  if (refusal) return refusal;
  return actor.id === subject.id ? "self" : null;
}
