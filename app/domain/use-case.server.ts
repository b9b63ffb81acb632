// The use-case kernel: every state-changing use case is declared once, the same way, and run
// by `execute`. The kernel does the steps every use case shares, so no use case repeats them:
//
//   1. a visitor is refused (401) before anything else; from there on the actor is an `Actor`;
//   2. the input is parsed once with the use case's schema (400 with each field's messages);
//   3. one transaction: the subject is read and locked (`load`; none → 404), the pure permission
//      is checked (`permit`; a refusal becomes a failure in one place, `refusalFailure`), then
//      the work runs with the actor narrowed;
//   4. a failure returned by the work ROLLS BACK what the work wrote before it failed;
//   5. the audit row the use case declares is written in the same transaction;
//   6. a deadlock or serialisation conflict between two people acting at once becomes a clear
//      409 ("someone acted at the same time"), never a 500;
//   7. once committed, the values this process keeps that the use case changes are forgotten
//      (./kept.server.ts), so the person who acted sees their change at once.
//
// Writing a new use case (see docs/decisions/021-use-case-kernel.md):
//
//   export const answerIdea = useCase({
//     name: "workflow.answer",
//     schema: AnswerSchema,
//     load: (trx, _input, ideaId) => lockIdea(trx, ideaId),
//     permit: (actor, idea, { now }) => answerRefusal(actor, idea, now),
//     run: async ({ trx, actor, input, subject, now }) => { ...; return { status }; },
//     audit: ({ subject }) => ({ targetType: "idea", targetId: subject.id }),
//   });
//   const result = await execute(db, answerIdea, actor, { target: ideaId, input: formValues });
import type { Kysely, Transaction } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/schema";
import { isId } from "../utils/ids";
import { fail, FORM, invalidInput, msg, type Failure, type Message, type Result } from "../utils/result";
import type { Actor, Refusal } from "./accounts/permissions";
import { recordAudit, type AuditEntry } from "./audit.server";
import { useCaseCommitted } from "./kept.server";

export type Trx = Transaction<Database>;

/** The refusals every use case may give, with their message and HTTP status. */
const REFUSALS = {
  signin: { message: msg("errors.signin"), status: 401 },
  unverified: { message: msg("errors.notVerified"), status: 403 },
  suspended: { message: msg("errors.suspended"), status: 403 },
  forbidden: { message: msg("errors.forbidden"), status: 403 },
  notFound: { message: msg("errors.notFound"), status: 404 },
  movedOn: { message: msg("workflow.errors.movedOn"), status: 409 },
  busy: { message: msg("errors.busy"), status: 409 },
} as const satisfies Record<string, { message: Message; status: Failure["status"] }>;

export type KernelRefusal = Refusal | keyof typeof REFUSALS;

/** A refusal of a use case's own (a closed vote, a locked thread...): its message and status. */
export interface CustomRefusal {
  message: Message;
  status: Failure["status"];
  field?: string;
}

/** The one mapping from a refusal to the failure a page shows (next to the form, with a status). */
export function refusalFailure(refusal: KernelRefusal | CustomRefusal): Failure {
  if (typeof refusal === "string") {
    const { message, status } = REFUSALS[refusal];
    return fail(FORM, message, status);
  }
  return fail(refusal.field ?? FORM, refusal.message, refusal.status);
}

export interface Context<Input, Subject> {
  trx: Trx;
  actor: Actor;
  input: Input;
  subject: Subject;
  now: Date;
}

export interface UseCase<Input, Subject, Output extends object> {
  /** A dotted name; also the audit row's action unless the audit entry names another. */
  name: string;
  /** Parses the raw input (form values or JSON) once; messages are catalog keys. */
  schema: z.ZodType<Input>;
  /**
   * Reads and locks what the use case acts on, in the transaction; undefined → 404. The actor is
   * given for use cases that lock the actor's own row first (a person's posts, for a rate limit).
   */
  load?: (trx: Trx, input: Input, target: number | undefined, actor: Actor) => Promise<Subject | undefined>;
  /** The pure permission (the same function a page uses to show the control); null allows. */
  permit: (actor: Actor, subject: Subject, facts: { now: Date; input: Input }) => KernelRefusal | CustomRefusal | null;
  /** The work. A returned failure rolls the transaction back. */
  run: (context: Context<Input, Subject>) => Promise<Output | Failure>;
  /** The audit row of a staff action, written with the work; omit only for citizens' own acts. */
  audit?: (context: Context<Input, Subject>, output: Output) => (Omit<AuditEntry, "actorId" | "action"> & { action?: string }) | null;
}

/** Declares a use case (a typed identity: the declaration is the documentation). */
export function useCase<Input, Subject, Output extends object>(definition: UseCase<Input, Subject, Output>) {
  return definition;
}

export interface Invocation {
  /** The id of the subject (an idea, a thread, a meeting...), as given by the address. */
  target?: number;
  /** The raw input: a form's values or a JSON body. */
  input?: Record<string, unknown>;
  now?: Date;
}

class RolledBack extends Error {
  constructor(readonly failure: Failure) {
    super("use case failed; transaction rolled back");
  }
}

function isFailure(value: object): value is Failure {
  return "ok" in value && (value as { ok: unknown }).ok === false;
}

/** PostgreSQL's codes for two transactions that cannot both go on: deadlock, serialisation. */
const CONFLICT_CODES = new Set(["40P01", "40001"]);

export function isConflict(error: unknown): boolean {
  return typeof error === "object" && error !== null && CONFLICT_CODES.has(String((error as { code?: unknown }).code));
}

/** Runs a use case for an actor: see the steps at the top of this file. */
export async function execute<Input, Subject, Output extends object>(
  db: Kysely<Database>,
  uc: UseCase<Input, Subject, Output>,
  actor: Actor | null,
  invocation: Invocation = {},
): Promise<Result<Output>> {
  if (!actor) return refusalFailure("signin");
  const { target } = invocation;
  // An id from an address may be anything; past bigint's range it is nothing (and no query).
  if (target !== undefined && !isId(target)) return refusalFailure("notFound");
  const parsed = uc.schema.safeParse(invocation.input ?? {});
  if (!parsed.success) return invalidInput(parsed.error);
  const input = parsed.data;
  const now = invocation.now ?? new Date();
  try {
    const output = await db.transaction().execute(async (trx) => ({ ok: true as const, ...(await steps(trx, uc, actor, input, target, now)) }));
    useCaseCommitted(db, uc.name);
    return output;
  } catch (error) {
    if (error instanceof RolledBack) return error.failure;
    if (isConflict(error)) return refusalFailure("busy");
    throw error;
  }
}

/** Steps 3 to 5 in a transaction that is open already; a failure throws (and rolls it all back). */
async function steps<Input, Subject, Output extends object>(
  trx: Trx,
  uc: UseCase<Input, Subject, Output>,
  actor: Actor,
  input: Input,
  target: number | undefined,
  now: Date,
): Promise<Output> {
  const loaded = uc.load ? await uc.load(trx, input, target, actor) : undefined;
  if (uc.load && loaded === undefined) throw new RolledBack(refusalFailure("notFound"));
  // Without `load` the use case acts on nothing in particular: its Subject is undefined.
  const subject = loaded as Subject;
  const refusal = uc.permit(actor, subject, { now, input });
  if (refusal) throw new RolledBack(refusalFailure(refusal));
  const context: Context<Input, Subject> = { trx, actor, input, subject, now };
  const output = await uc.run(context);
  if (isFailure(output)) throw new RolledBack(output);
  const audit = uc.audit?.(context, output);
  if (audit) {
    const { action, ...entry } = audit;
    await recordAudit(trx, { ...entry, action: action ?? uc.name, actorId: actor.id });
  }
  return output;
}

/**
 * Runs a use case as one step of another, inside the caller's transaction: the same parsing,
 * locking, permission and audit row, and a refusal or failure rolls back the caller's whole work
 * (archiving a committee moves each idea in its care through the reassign transition this way).
 */
export async function executeWithin<Input, Subject, Output extends object>(
  trx: Trx,
  uc: UseCase<Input, Subject, Output>,
  actor: Actor,
  invocation: Invocation = {},
): Promise<Output> {
  const { target } = invocation;
  if (target !== undefined && !isId(target)) throw new RolledBack(refusalFailure("notFound"));
  const parsed = uc.schema.safeParse(invocation.input ?? {});
  if (!parsed.success) throw new RolledBack(invalidInput(parsed.error));
  return steps(trx, uc, actor, parsed.data, target, invocation.now ?? new Date());
}

/**
 * Locks several rows of a table in id order, so two people locking the same rows in opposite
 * orders (merging A into B while another merges B into A) queue instead of deadlocking. One
 * statement: PostgreSQL locks the rows as they leave the sort, so in id order.
 */
export async function lockInOrder<T extends "ideas" | "users" | "threads" | "posts" | "committees" | "agencies">(
  trx: Trx,
  table: T,
  ids: readonly number[],
): Promise<number[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await trx
    .selectFrom(table as "ideas")
    .select("id")
    .where("id", "in", unique)
    .orderBy("id")
    .forUpdate()
    .execute();
  return rows.map((row) => Number(row.id));
}
