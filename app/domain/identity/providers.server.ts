// The identity providers this deployment offers, from the environment (docs/identity.md):
//
//   IDENTITY_PROVIDERS=kakao,broker          names, lower case, comma-separated
//   IDENTITY_HMAC_KEY=...                    32+ characters; keyed hash of person identifiers
//   IDENTITY_<NAME>_ISSUER                   the OpenID Connect issuer (discovery) URL
//   IDENTITY_<NAME>_CLIENT_ID / _CLIENT_SECRET
//   IDENTITY_<NAME>_LABEL_KO / _LABEL_EN     the button's words (default: the name)
//   IDENTITY_<NAME>_SCOPE                    default "openid"
//   IDENTITY_<NAME>_SUBJECT_CLAIM            the claim that is the stable person identifier (default "sub")
//   IDENTITY_<NAME>_PERSON_NAMESPACE         providers giving the same identifier (such as a
//                                            Korean CI) share a namespace (default: the name)
//   IDENTITY_<NAME>_BIRTH_YEAR_CLAIM         optional: a claim carrying the birth year or date
//   IDENTITY_<NAME>_REGION_CLAIM             optional: a claim carrying the province
//
// Set the birth-year and region claims only where calls ask for an age or a region: what is not
// asked for is not kept.
export interface IdentityProvider {
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  labelKo: string;
  labelEn: string;
  scope: string;
  subjectClaim: string;
  namespace: string;
  birthYearClaim: string | null;
  regionClaim: string | null;
}

export interface IdentityConfig {
  /** The key of the HMAC that stands for a person's identifier (null when no provider is set). */
  hmacKey: string | null;
  providers: IdentityProvider[];
}

const NAME = /^[a-z][a-z0-9_]{0,39}$/;
const CLAIM = /^[A-Za-z_][A-Za-z0-9_.:-]{0,99}$/;

/** Reads the providers; for one half set up, the problems (the start stops and names them). */
export function identityConfigFrom(env: Record<string, string | undefined>): IdentityConfig | { problems: string[] } {
  const names = (env.IDENTITY_PROVIDERS ?? "")
    .split(",")
    .map((n) => n.trim())
    .filter(Boolean);
  if (names.length === 0) return { hmacKey: null, providers: [] };
  const problems: string[] = [];
  const key = env.IDENTITY_HMAC_KEY ?? "";
  if (key.length < 32) problems.push("IDENTITY_HMAC_KEY: must be at least 32 random characters (keep it secret and never change it)");
  const providers: IdentityProvider[] = [];
  for (const name of names) {
    if (!NAME.test(name)) {
      problems.push(`IDENTITY_PROVIDERS: "${name}" must be lower-case letters, digits and _`);
      continue;
    }
    const get = (suffix: string) => env[`IDENTITY_${name.toUpperCase()}_${suffix}`]?.trim() || undefined;
    const issuer = get("ISSUER");
    const clientId = get("CLIENT_ID");
    const clientSecret = get("CLIENT_SECRET");
    if (!issuer || !/^https?:\/\//.test(issuer)) problems.push(`IDENTITY_${name.toUpperCase()}_ISSUER: must be the provider's http(s) issuer URL`);
    if (!clientId) problems.push(`IDENTITY_${name.toUpperCase()}_CLIENT_ID: required`);
    if (!clientSecret) problems.push(`IDENTITY_${name.toUpperCase()}_CLIENT_SECRET: required`);
    const claims = { subject: get("SUBJECT_CLAIM") ?? "sub", birthYear: get("BIRTH_YEAR_CLAIM") ?? null, region: get("REGION_CLAIM") ?? null };
    for (const [what, claim] of Object.entries(claims)) {
      if (claim !== null && !CLAIM.test(claim)) problems.push(`IDENTITY_${name.toUpperCase()}_${what.toUpperCase()}_CLAIM: not a claim name`);
    }
    if (!issuer || !clientId || !clientSecret) continue;
    providers.push({
      name,
      issuer,
      clientId,
      clientSecret,
      labelKo: get("LABEL_KO") ?? name,
      labelEn: get("LABEL_EN") ?? name,
      scope: get("SCOPE") ?? "openid",
      subjectClaim: claims.subject,
      namespace: get("PERSON_NAMESPACE") ?? name,
      birthYearClaim: claims.birthYear,
      regionClaim: claims.region,
    });
  }
  if (problems.length) return { problems };
  return { hmacKey: key, providers };
}
