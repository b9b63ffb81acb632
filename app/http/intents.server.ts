// A route action's intents as a map: each intent names the form fields it reads, the panel
// (form) on the page that shows its errors, and the use case it calls. `dispatchIntent` reads
// the form once and answers the same way for every intent: the errors and what was typed (with
// the use case's status) next to the panel that was sent, or the success reply.
import { json } from "@remix-run/node";
import { formValues, msg, FORM, type FieldErrors, type Result } from "../utils/result";

export type Values = Record<string, string>;

export type IntentReply<Extra extends object = object> = {
  errors?: FieldErrors;
  values?: Values;
  /** The panel whose form was sent: its errors show there. */
  form?: string;
  /** What was done, for the success notice. */
  done?: string;
} & Partial<Extra>;

export interface Intent<Extra extends object = object> {
  fields: readonly string[];
  /** The panel (form) on the page that shows this intent's errors. */
  panel: (values: Values) => string;
  /** The use case call. */
  run: (values: Values) => Promise<Result<object>>;
  /** The reply on success, or a response (a redirect to what was done); by default `{ done: <intent> }`. */
  done?: (values: Values, result: object) => IntentReply<Extra> | Response;
}

export type IntentMap<Extra extends object = object> = Record<string, Intent<Extra>>;

/**
 * Runs the intent the form names; an intent the page does not have is a 400, shown in
 * `unknownPanel` when the page names one (else at the top of the page).
 */
export async function dispatchIntent<Extra extends object = object>(form: FormData, intents: IntentMap<Extra>, unknownPanel?: string) {
  // Every reply has the page's one shape (the extra fields are optional).
  const reply = (body: IntentReply, status = 200) => json<IntentReply<Extra>>(body as unknown as IntentReply<Extra>, { status });
  const intent = String(form.get("intent") ?? "");
  const handler = Object.hasOwn(intents, intent) ? intents[intent] : undefined;
  if (!handler) return reply({ errors: { [FORM]: [msg("errors.invalidChoice")] }, ...(unknownPanel ? { form: unknownPanel } : {}) }, 400);
  const values = formValues(form, handler.fields);
  const panel = handler.panel(values);
  const result = await handler.run(values);
  if (!result.ok) return reply({ errors: result.errors, values, form: panel }, result.status);
  const answer = handler.done ? handler.done(values, result) : { done: intent };
  return answer instanceof Response ? answer : json<IntentReply<Extra>>(answer as IntentReply<Extra>);
}
