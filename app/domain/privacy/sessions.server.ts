// A person's own sessions (/me/security): which are active, and ending any of them. A session
// id is a bearer secret, so the page never carries one: each session is named by a handle, the
// first 32 hex digits of the SHA-256 of its id, and a form sends the handle back.
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../../db/schema";
import type { Actor } from "../accounts/permissions";
import { execute, useCase } from "../use-case.server";

export function sessionHandle(sessionId: string): string {
  return createHash("sha256").update(sessionId).digest("hex").slice(0, 32);
}

export async function activeSessions(db: Kysely<Database>, userId: number, currentSessionId: string | null, now = new Date()) {
  const rows = await db
    .selectFrom("sessions")
    .select(["id", "created_at", "expires_at", "browser", "os", "network", "last_seen_at"])
    .where("user_id", "=", userId)
    .where("expires_at", ">", now)
    .orderBy("created_at", "desc")
    .execute();
  return rows.map((r) => ({
    handle: sessionHandle(r.id),
    signedInAt: new Date(r.created_at).toISOString(),
    expiresAt: new Date(r.expires_at).toISOString(),
    lastSeenAt: r.last_seen_at ? new Date(r.last_seen_at).toISOString() : null,
    browser: r.browser,
    os: r.os,
    network: r.network,
    current: r.id === currentSessionId,
  }));
}

const handle = z.string().regex(/^[0-9a-f]{32}$/, "errors.invalidChoice");

/** Ends one of the person's own sessions (a handle of someone else's finds nothing to end). */
const EndSession = useCase({
  name: "account.endSession",
  schema: z.object({ handle }),
  // Anyone signed in may manage their own sessions, suspended or not.
  permit: () => null,
  run: async ({ trx, actor, input }) => {
    const sessions = await trx.selectFrom("sessions").select("id").where("user_id", "=", actor.id).execute();
    const ended = sessions.filter((s) => sessionHandle(s.id) === input.handle).map((s) => s.id);
    if (ended.length > 0) await trx.deleteFrom("sessions").where("id", "in", ended).execute();
    return { ended: ended.length };
  },
});

/** Ends every session of the person but the one in use (`keep`, from the request's cookie). */
const EndOtherSessions = useCase({
  name: "account.endOtherSessions",
  schema: z.object({ keep: handle }),
  permit: () => null,
  run: async ({ trx, actor, input }) => {
    const sessions = await trx.selectFrom("sessions").select("id").where("user_id", "=", actor.id).execute();
    const ended = sessions.filter((s) => sessionHandle(s.id) !== input.keep).map((s) => s.id);
    if (ended.length > 0) await trx.deleteFrom("sessions").where("id", "in", ended).execute();
    return { ended: ended.length };
  },
});

export function endSession(db: Kysely<Database>, actor: Actor | null, input: Record<string, unknown>, now = new Date()) {
  return execute(db, EndSession, actor, { input, now });
}

export function endOtherSessions(db: Kysely<Database>, actor: Actor | null, input: Record<string, unknown>, now = new Date()) {
  return execute(db, EndOtherSessions, actor, { input, now });
}
