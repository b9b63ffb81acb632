// Identity verification through an OpenID Connect provider (decision 049), with `openid-client`:
// the authorization code flow with PKCE, a state and a nonce kept in the database (any process
// may receive the callback), the token exchange, and the ID token's claims. The provider's
// stable person identifier is turned into an HMAC with the server's key at once and never stored.
import { createHmac } from "node:crypto";
import type { Kysely } from "kysely";
import * as client from "openid-client";
import type { Database } from "../../../db/schema";
import { fail, FORM, msg, type Result } from "../../utils/result";
import { participationRefusal, type Actor } from "../accounts/permissions";
import { refusalFailure } from "../use-case.server";
import type { Level } from "./levels";
import type { IdentityConfig, IdentityProvider } from "./providers.server";
import { recordOnlineVerification } from "./verification.server";

/** How long the person has to come back from the provider. */
const REQUEST_MINUTES = 15;

const discovered = new Map<string, Promise<client.Configuration>>();

function isLoopback(url: URL): boolean {
  return url.hostname === "localhost" || url.hostname === "127.0.0.1" || url.hostname === "[::1]";
}

/** The provider's metadata, discovered once per process (a failed discovery is tried again next time). */
function configurationOf(provider: IdentityProvider): Promise<client.Configuration> {
  const key = `${provider.name}\n${provider.issuer}\n${provider.clientId}`;
  let found = discovered.get(key);
  if (!found) {
    const issuer = new URL(provider.issuer);
    found = client.discovery(
      issuer,
      provider.clientId,
      { client_secret: provider.clientSecret },
      client.ClientSecretBasic(provider.clientSecret),
      // Plain http only for a provider on this machine (a test's or a developer's).
      isLoopback(issuer) ? { execute: [client.allowInsecureRequests] } : undefined,
    );
    found.catch(() => discovered.delete(key));
    discovered.set(key, found);
  }
  return found;
}

const unavailable = () => fail(FORM, msg("verification.errors.providerUnavailable"), 409);

/** Starts a verification: where to send the person (the provider's sign-in), or why not. */
export async function startVerification(
  db: Kysely<Database>,
  actor: Actor | null,
  identity: IdentityConfig,
  providerName: string,
  redirectUri: string,
  now = new Date(),
): Promise<Result<{ url: string }>> {
  if (!actor) return refusalFailure("signin");
  const refusal = participationRefusal(actor, now);
  if (refusal) return refusalFailure(refusal);
  const provider = identity.providers.find((p) => p.name === providerName);
  if (!provider) return fail("provider", msg("errors.invalidChoice"));
  let config: client.Configuration;
  try {
    config = await configurationOf(provider);
  } catch {
    return unavailable();
  }
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  await db.deleteFrom("identity_requests").where((eb) => eb.or([eb("user_id", "=", actor.id), eb("expires_at", "<", now)])).execute();
  await db
    .insertInto("identity_requests")
    .values({ state, user_id: actor.id, provider: provider.name, code_verifier: codeVerifier, nonce, expires_at: new Date(now.getTime() + REQUEST_MINUTES * 60_000) })
    .execute();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: provider.scope,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return { ok: true, url: url.href };
}

/** The HMAC that stands for a person: the same person through providers of one namespace gives the same. */
export function personHmac(key: string, namespace: string, identifier: string): string {
  return createHmac("sha256", key).update(`${namespace}\u0000${identifier}`).digest("hex");
}

/** A birth year from a claim: a year, or a date that starts with one (OpenID's `birthdate`). */
function birthYearFrom(value: unknown): number | null {
  const match = /^(\d{4})/.exec(String(value ?? ""));
  const year = match ? Number(match[1]) : NaN;
  return year >= 1900 && year <= 2100 ? year : null;
}

/** A province from a claim: a region's code, or its Korean or English name. */
async function provinceFrom(db: Kysely<Database>, value: unknown): Promise<number | null> {
  if (typeof value !== "string" || !value.trim() || value.length > 100) return null;
  const v = value.trim();
  const row = await db
    .selectFrom("regions")
    .select("id")
    .where((eb) => eb.or([eb("code", "=", v.toLowerCase()), eb("name_ko", "=", v), eb(eb.fn("lower", ["name_en"]), "=", v.toLowerCase())]))
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * The provider sent the person back (`callbackUrl`, with its code and state): the code is
 * exchanged for tokens, the ID token checked (issuer, audience, nonce, signature), and the
 * verification recorded, or refused when another account holds this person's verification.
 */
export async function finishVerification(
  db: Kysely<Database>,
  actor: Actor | null,
  identity: IdentityConfig,
  callbackUrl: URL,
  now = new Date(),
): Promise<Result<{ level: Level }>> {
  if (!actor) return refusalFailure("signin");
  const refusal = participationRefusal(actor, now);
  if (refusal) return refusalFailure(refusal);
  const state = callbackUrl.searchParams.get("state") ?? "";
  // Single use: the request is taken out whatever happens next.
  const request = state
    ? await db.deleteFrom("identity_requests").where("state", "=", state).where("user_id", "=", actor.id).returningAll().executeTakeFirst()
    : undefined;
  if (!request || new Date(request.expires_at) < now) return fail(FORM, msg("verification.errors.startAgain"), 400);
  if (callbackUrl.searchParams.has("error")) return fail(FORM, msg("verification.errors.cancelled"), 400);
  const provider = identity.providers.find((p) => p.name === request.provider);
  if (!provider || !identity.hmacKey) return unavailable();
  let claims: Record<string, unknown>;
  try {
    const config = await configurationOf(provider);
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: request.code_verifier,
      expectedState: request.state,
      expectedNonce: request.nonce,
      idTokenExpected: true,
    });
    claims = { ...tokens.claims() };
    const wanted = [provider.subjectClaim, provider.birthYearClaim, provider.regionClaim].filter((c): c is string => c !== null);
    if (wanted.some((c) => claims[c] === undefined) && tokens.access_token) {
      const info = await client.fetchUserInfo(config, tokens.access_token, String(claims.sub));
      claims = { ...info, ...claims };
    }
  } catch {
    return fail(FORM, msg("verification.errors.failed"), 400);
  }
  const identifier = claims[provider.subjectClaim];
  if ((typeof identifier !== "string" && typeof identifier !== "number") || String(identifier).length === 0) {
    return fail(FORM, msg("verification.errors.failed"), 400);
  }
  return recordOnlineVerification(
    db,
    actor,
    {
      provider: provider.name,
      subjectHmac: personHmac(identity.hmacKey, provider.namespace, String(identifier)),
      birthYear: provider.birthYearClaim ? birthYearFrom(claims[provider.birthYearClaim]) : null,
      provinceId: provider.regionClaim ? await provinceFrom(db, claims[provider.regionClaim]) : null,
    },
    now,
  );
}
