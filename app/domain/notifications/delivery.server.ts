// Delivers the e-mail outbox by SMTP when SMTP_URL is set. Without it, messages stay in the
// outbox, readable at /dev/mail in development and demo mode.
import nodemailer from "nodemailer";
import type { Services } from "../../services.server";
import { deliverPending, type MailTransport } from "./outbox.server";

export function smtpTransport(smtpUrl: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    async send(message) {
      await transporter.sendMail({
        from,
        to: message.to_address,
        subject: message.subject,
        text: message.text_body,
        html: message.html_body ?? undefined,
        ...(message.unsubscribe_url ? { list: { unsubscribe: message.unsubscribe_url } } : {}),
      });
    },
  };
}

/** Polls the outbox every few seconds; returns a function that stops it. */
export function startMailDelivery(services: Services, intervalMs = 5_000): () => void {
  const { config, db, log } = services;
  if (!config.smtpUrl) return () => {};
  const transport = smtpTransport(config.smtpUrl, config.mailFrom);
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const sent = await deliverPending(db, transport);
      if (sent) log.info({ sent }, "e-mail delivered");
    } catch (error) {
      log.warn({ err: error }, "e-mail delivery failed; will retry");
    } finally {
      running = false;
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
