// Reminders before each step's deadline and escalations after it (app/domain/agencies/reminders.server.ts).
import { sendDeadlineReminders } from "../domain/agencies/reminders.server";
import { sendEventReminders } from "../domain/events/registrations.server";
import type { Job } from "./scheduler.server";

export const deadlineReminders: Job = {
  name: "deadline-reminders",
  everySeconds: 300,
  async run(db, now) {
    const { reminded, escalated } = await sendDeadlineReminders(db, now);
    return `${reminded} reminders, ${escalated} escalations`;
  },
};

/** A day before an event, everyone registered is reminded, once (app/domain/events/registrations.server.ts). */
export const eventReminders: Job = {
  name: "event-reminders",
  everySeconds: 300,
  async run(db, now) {
    return `${await sendEventReminders(db, now)} event reminders`;
  },
};
