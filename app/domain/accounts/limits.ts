// The account forms' limits, without zod: the pages state them in hints, the schemas check them
// (decision 025 keeps zod out of the browser; decision 021: the messages interpolate them).

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;
export const DISPLAY_NAME_MIN = 2;
export const DISPLAY_NAME_MAX = 40;
/** The hint of the join form's display name (`{{min}}`, `{{max}}`). */
export const DISPLAY_NAME_LENGTH = { min: DISPLAY_NAME_MIN, max: DISPLAY_NAME_MAX };
