// Reminders before each step's deadline and escalations after it (app/domain/agencies/reminders.server.ts).
import { sendDeadlineReminders } from "../domain/agencies/reminders.server";
import type { Job } from "./scheduler.server";

export const deadlineReminders: Job = {
  name: "deadline-reminders",
  everySeconds: 300,
  async run(db, now) {
    const { reminded, escalated } = await sendDeadlineReminders(db, now);
    return `${reminded} reminders, ${escalated} escalations`;
  },
};
