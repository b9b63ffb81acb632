// The limits of the assisted-entry and paper-support forms, which the pages show and ./schemas
// checks; without zod, so the browser's bundle does not carry it (decision 025).

export const CONSENT_REF_MAX = 100;
/** A claim code as typed (12 characters; dashes and spaces are dropped before the check). */
export const CLAIM_CODE_MAX = 40;
export const REASON_MIN = 10;
export const REASON_MAX = 1000;
export const SIGNATURES_MAX = 1_000_000;
/** A phone number, counted in digits (spaces and dashes dropped). */
export const PHONE_DIGITS = { min: 9, max: 15 } as const;
/** The hint of a reason field (`{{min}}`, `{{max}}`). */
export const REASON_LENGTH = { min: REASON_MIN, max: REASON_MAX };
