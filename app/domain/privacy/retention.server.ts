// Retention (issue 17, Privacy rights): personal fields that serve a purpose for a while are
// cleared once it has passed, after the periods the settings give (docs/security.md, "Personal
// data", lists each field, why it is kept and for how long). Idempotent: a second run clears
// nothing more; it looks only at dates, so after downtime the next run catches up.
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { getSettings } from "../settings.server";
import { DAY_MS } from "../../utils/korea-time";


export interface Cleared {
  supportNetworks: number;
  emailBodies: number;
  alertNetworks: number;
  securityAddresses: number;
  securityEvents: number;
}

export async function applyRetention(db: Kysely<Database>, now: Date): Promise<Cleared> {
  const settings = await getSettings(db);
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);

  const networkCutoff = before(settings.retention_support_network_days);
  const supports = await db
    .updateTable("supports")
    .set({ ip_prefix: null })
    .where("ip_prefix", "is not", null)
    .where("created_at", "<", networkCutoff)
    .executeTakeFirst();

  // Sent e-mails, and those given up on after every attempt (deliverPending stops at 10):
  // who and what (recipient, subject, kind, times) stay; the text, with its links, goes.
  const mailCutoff = before(settings.retention_email_body_days);
  const bodies = await db
    .updateTable("email_outbox")
    .set({ text_body: "", html_body: null, unsubscribe_url: null })
    .where((eb) =>
      eb.or([
        eb("sent_at", "<", mailCutoff),
        eb.and([eb("sent_at", "is", null), eb("attempts", ">=", 10), eb("created_at", "<", mailCutoff)]),
      ]),
    )
    .where((eb) => eb.or([eb("text_body", "<>", ""), eb("html_body", "is not", null)]))
    .executeTakeFirst();

  // Open alerts keep their network: a moderator still has to look at them.
  const alerts = await db
    .updateTable("moderation_alerts")
    .set({ ip_prefix: null })
    .where("ip_prefix", "is not", null)
    .where("resolved_at", "is not", null)
    .where("resolved_at", "<", before(settings.retention_alert_network_days))
    .executeTakeFirst();

  // The security log: the address goes first; the event (kind, time, account, path) later.
  const securityAddresses = await db
    .updateTable("security_events")
    .set({ ip: null })
    .where("ip", "is not", null)
    .where("at", "<", before(settings.retention_security_address_days))
    .executeTakeFirst();
  const securityEvents = await db.deleteFrom("security_events").where("at", "<", before(settings.retention_security_event_days)).executeTakeFirst();

  return {
    supportNetworks: Number(supports.numUpdatedRows),
    emailBodies: Number(bodies.numUpdatedRows),
    alertNetworks: Number(alerts.numUpdatedRows),
    securityAddresses: Number(securityAddresses.numUpdatedRows),
    securityEvents: Number(securityEvents.numDeletedRows),
  };
}
