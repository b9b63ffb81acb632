// What a use case returns: success with data, or failure with messages per field.
// Messages are catalog keys (app/locales) with optional values, translated by the page.
import type { z } from "zod";

export interface Message {
  key: string;
  values?: Record<string, string | number>;
}
export type FieldErrors = Record<string, Message[]>;
export type Failure = { ok: false; errors: FieldErrors; status: 400 | 401 | 403 | 404 | 409 | 429 };
export type Result<T extends object = object> = ({ ok: true } & T) | Failure;

export const FORM = "_form";

export function msg(key: string, values?: Record<string, string | number>): Message {
  return values ? { key, values } : { key };
}

export function fail(field: string, message: Message, status: Failure["status"] = 400): Failure {
  return { ok: false, errors: { [field]: [message] }, status };
}

export function zodErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : FORM;
    // Schemas give catalog keys as messages; zod's own messages (wrong type...) become a generic one.
    const key = /^[a-zA-Z]+(\.[a-zA-Z]+)+$/.test(issue.message) ? issue.message : "errors.invalidChoice";
    // The limits a message states come with it (the catalogs write {{min}} and {{max}}, never the numbers).
    const values =
      issue.code === "custom" && issue.params
        ? (issue.params as Record<string, number>)
        : "maximum" in issue
          ? { max: Number(issue.maximum) }
          : undefined;
    (errors[field] ??= []).push(msg(key, values));
  }
  return errors;
}

/**
 * A length check whose one message states both limits, for a schema's `.refine(...lengthBetween(min, max, key))`:
 * the message's values carry the numbers, so that the catalogs never repeat them.
 */
export function lengthBetween(min: number, max: number, key: string) {
  return [(s: string) => s.length >= min && s.length <= max, { message: key, params: { min, max } }] as const;
}

/** The failure of a form that did not pass its schema: each field's messages, 400. */
export function invalidInput(error: z.ZodError): Failure {
  return { ok: false, errors: zodErrors(error), status: 400 };
}

/** Reads a form's fields as plain strings (a repeated field keeps its first value). */
export function formValues(form: FormData, fields: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of fields) {
    const value = form.get(field);
    values[field] = typeof value === "string" ? value : "";
  }
  return values;
}
