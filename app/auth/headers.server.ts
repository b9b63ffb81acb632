// Security headers of every response, and limits on what a request may send.
import { randomFillSync } from "node:crypto";

export const MAX_BODY_BYTES = 1024 * 1024;

/** Random bytes for the next 256 nonces, drawn from the system's strong source at once. */
const nonceBytes = Buffer.alloc(16 * 256);
let nonceAt = nonceBytes.length;

/**
 * A response's nonce: 16 random bytes, never used for another. One draw from the strong random
 * source per 256 nonces (a draw per request was 3 % of the CPU of sending a kept page).
 */
export function newNonce(): string {
  if (nonceAt === nonceBytes.length) {
    randomFillSync(nonceBytes);
    nonceAt = 0;
  }
  nonceAt += 16;
  return nonceBytes.toString("base64", nonceAt - 16, nonceAt);
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
 * up the server; and a body must be a URL-encoded form, the only kind the app's forms send
 * (JSON, XML or multipart would fail to parse in an action: a 500). Returns the HTTP status to
 * refuse with, or null. `multipartBytes`: this path also takes a multipart form up to that many
 * bytes (the desk's paper batch form, which uploads scans: decision 058).
 */
export function bodyRefusal(
  headers: {
    "content-length"?: string;
    "transfer-encoding"?: string;
    "content-type"?: string;
  },
  multipartBytes?: number,
): 411 | 413 | 415 | null {
  const length = headers["content-length"];
  if (length === undefined && headers["transfer-encoding"]) return 411;
  const bytes = length === undefined ? 0 : Number(length);
  if (!Number.isSafeInteger(bytes) || bytes < 0) return 411;
  const type = (headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  if (multipartBytes !== undefined && type === MULTIPART_TYPE) return bytes > multipartBytes ? 413 : null;
  if (bytes > MAX_BODY_BYTES) return 413;
  // No body and no type (a bare POST to /logout) is an empty form.
  if (type === "" && bytes === 0) return null;
  return type === FORM_TYPE ? null : 415;
}

export const MULTIPART_TYPE = "multipart/form-data";

/** The one path that takes uploads: the desk's page of an idea (its paper batch form). */
export const UPLOAD_PATH = /^\/desk\/ideas\/\d{1,15}$/;

/**
 * How large an upload request may be: twice the largest scan and a megabyte for the other fields,
 * so that a file a little too large is read and refused next to its field, and a far larger one
 * is refused before it is read.
 */
export const uploadRequestBytes = (maxScanBytes: number) => 2 * maxScanBytes + MAX_BODY_BYTES;

export const FORM_TYPE = "application/x-www-form-urlencoded";

export const REFUSAL_TEXT: Record<411 | 413 | 415, string> = {
  411: "The request must state its length.\n요청 길이가 필요합니다.",
  413: "The request is too large.\n요청이 너무 큽니다.",
  415: "The request must be a form (application/x-www-form-urlencoded).\n양식 형식(application/x-www-form-urlencoded)으로 보내야 합니다.",
};
