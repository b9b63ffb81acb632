// People for the permission tests: an actor with these staff grants (none: a citizen) and any
// other field changed, e.g. `actor([], { emailVerified: false })`.
import type { Actor, Grant } from "../../app/domain/accounts/permissions";

export function actor(grants: Omit<Grant, "id">[] = [], extra: Partial<Actor> = {}): Actor {
  return {
    id: 1,
    email: "a@example.org",
    displayName: "A",
    emailVerified: true,
    suspendedUntil: null,
    locale: null,
    grants: grants.map((g, i) => ({ id: i + 1, ...g })),
    ...extra,
  };
}
