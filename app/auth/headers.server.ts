// Security headers of every response, and limits on what a request may send.
import { randomBytes } from "node:crypto";

export const MAX_BODY_BYTES = 1024 * 1024;

export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/** Scripts only from this site or inline with this response's nonce; no framing; no plugins. */
export function contentSecurityPolicy(nonce: string, production: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    // Inline style attributes (bar widths) are allowed; inline scripts never are.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(production ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function securityHeaders(nonce: string, production: boolean): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(nonce, production),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    ...(production ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

/**
 * Whether a request that may carry a body is acceptable: it must declare its length (browsers
 * always do for forms) and stay under the limit, so that a slow or endless upload cannot tie
 * up the server. Returns the HTTP status to refuse with, or null.
 */
export function bodyRefusal(headers: { "content-length"?: string; "transfer-encoding"?: string }): 411 | 413 | null {
  const length = headers["content-length"];
  if (length === undefined) return headers["transfer-encoding"] ? 411 : null;
  const bytes = Number(length);
  if (!Number.isSafeInteger(bytes) || bytes < 0) return 411;
  return bytes > MAX_BODY_BYTES ? 413 : null;
}
