// Reminders before each step's deadline and escalations after it (app/domain/agencies/reminders.server.ts),
// and transfer proposals left without a reply lapsing (app/domain/agencies/transfers.server.ts).
import { sendDeadlineReminders } from "../domain/agencies/reminders.server";
import { sendEventReminders } from "../domain/events/registrations.server";
import { lapseTransfers } from "../domain/agencies/transfers.server";
import type { Job } from "./scheduler.server";

export const deadlineReminders: Job = {
  name: "deadline-reminders",
  everySeconds: 300,
  async run(db, now) {
    const lapsed = await lapseTransfers(db, now);
    const { reminded, escalated } = await sendDeadlineReminders(db, now);
    return `${reminded} reminders, ${escalated} escalations, ${lapsed} transfers lapsed`;
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
