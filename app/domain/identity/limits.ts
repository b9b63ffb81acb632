// The identity desk's form limits, which the page states and the schemas check; without zod, so
// the browser's bundle does not carry it (decision 025).

/** Where an in-person verification took place. */
export const IN_PERSON_PLACE_MAX = 200;
