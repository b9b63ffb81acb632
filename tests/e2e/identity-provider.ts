// The identity provider of the end-to-end run: a real OpenID Connect provider (`oidc-provider`,
// tests/fixtures/oidc-provider.ts) that tests/e2e/server.ts starts before the app, on a port
// derived from the app's, and names to the app through the same IDENTITY_* settings a
// deployment uses (docs/identity.md). The browser signs in on the provider's own pages.
// This module only describes it (the specs import it without loading the provider).

/** The provider's port: the app's port + 20000 (3210 → 23210), so parallel runs do not meet. */
export function providerPort(appPort: number): number {
  return appPort + 20_000;
}

export const PROVIDER = {
  name: "testid",
  labelKo: "시험 본인확인",
  labelEn: "Test identity check",
} as const;

/**
 * Who a login at the provider is: the part before any "+" names the person, so `kim+phone` and
 * `kim+laptop` are two logins (two `sub`s) of one person (one CI), as a person with two
 * accounts at an identity-verification agency would be.
 */
export function personOf(login: string): string {
  return login.split("+")[0]!;
}

/** The claims the provider gives for a login (the app is told `ci` is the person identifier). */
export function claimsOf(login: string): Record<string, unknown> {
  return { ci: `CI-e2e-${personOf(login)}`, birthdate: "1990-05-17", region: "busan" };
}

/** The app's settings that name the started provider (as a deployment would, docs/identity.md). */
export function identitySettings(op: { issuer: string; clientId: string; clientSecret: string }): Record<string, string> {
  const prefix = `IDENTITY_${PROVIDER.name.toUpperCase()}_`;
  return {
    IDENTITY_PROVIDERS: PROVIDER.name,
    IDENTITY_HMAC_KEY: "the end-to-end run's HMAC key, at least thirty-two characters",
    [`${prefix}ISSUER`]: op.issuer,
    [`${prefix}CLIENT_ID`]: op.clientId,
    [`${prefix}CLIENT_SECRET`]: op.clientSecret,
    [`${prefix}LABEL_KO`]: PROVIDER.labelKo,
    [`${prefix}LABEL_EN`]: PROVIDER.labelEn,
    [`${prefix}SCOPE`]: "openid identity",
    [`${prefix}SUBJECT_CLAIM`]: "ci",
    [`${prefix}PERSON_NAMESPACE`]: "ci",
    [`${prefix}BIRTH_YEAR_CLAIM`]: "birthdate",
    [`${prefix}REGION_CLAIM`]: "region",
  };
}
