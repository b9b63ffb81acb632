// Every e-mail is a row in email_outbox, written in the same transaction as the change it
// reports, so that a message exists exactly when its cause does. deliverPending() sends them.
import type { Kysely, Transaction } from "kysely";
import { sql } from "kysely";
import type { Database, OutboxMessage } from "../../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;

export interface Email {
  to: string;
  subject: string;
  text: string;
  html?: string;
  kind: string;
  /** Sent as List-Unsubscribe, for one-click unsubscribe in mail programs. */
  unsubscribeUrl?: string;
}

export async function enqueueEmail(db: Db, email: Email): Promise<void> {
  await db
    .insertInto("email_outbox")
    .values({
      to_address: email.to,
      subject: email.subject,
      text_body: email.text,
      html_body: email.html ?? null,
      kind: email.kind,
      unsubscribe_url: email.unsubscribeUrl ?? null,
    })
    .execute();
}

export interface MailTransport {
  send(message: OutboxMessage): Promise<void>;
}

/**
 * Sends due messages through the transport. Each message is first claimed in a short
 * transaction (SKIP LOCKED, then a five-minute lease in next_attempt_at), so that several app
 * processes never send one message at the same time and no transaction stays open while the
 * mail server answers. A failure is retried with growing delays; a process that dies mid-send
 * leaves the lease to expire and the message is sent again (at least once, never lost).
 */
export async function deliverPending(db: Kysely<Database>, transport: MailTransport, batch = 20): Promise<number> {
  let sent = 0;
  for (let i = 0; i < batch; i++) {
    const message = await db
      .updateTable("email_outbox")
      .set((eb) => ({ next_attempt_at: sql`now() + interval '5 minutes'`, attempts: eb("attempts", "+", 1) }))
      .where(
        "id",
        "=",
        db
          .selectFrom("email_outbox")
          .select("id")
          .where("sent_at", "is", null)
          .where("next_attempt_at", "<=", sql<Date>`now()`)
          .where("attempts", "<", 10)
          .orderBy("id")
          .limit(1)
          .forUpdate()
          .skipLocked(),
      )
      .returningAll()
      .executeTakeFirst();
    if (!message) break;
    try {
      await transport.send(message);
      await db.updateTable("email_outbox").set({ sent_at: sql`now()`, last_error: null }).where("id", "=", message.id).execute();
      sent++;
    } catch (error) {
      const delayMinutes = 2 ** (message.attempts - 1);
      await db
        .updateTable("email_outbox")
        .set({
          last_error: String((error as Error).message ?? error).slice(0, 500),
          next_attempt_at: sql`now() + make_interval(mins => ${delayMinutes})`,
        })
        .where("id", "=", message.id)
        .execute();
    }
  }
  return sent;
}

export async function recentEmails(db: Kysely<Database>, limit = 50) {
  return db
    .selectFrom("email_outbox")
    .select(["id", "to_address", "subject", "kind", "created_at", "sent_at"])
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

export async function emailById(db: Kysely<Database>, id: number) {
  return db.selectFrom("email_outbox").selectAll().where("id", "=", id).executeTakeFirst();
}
