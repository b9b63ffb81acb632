// Periodic work inside the app process, safe with any number of processes: before running a
// job, a process claims the period by moving the job's last_run_at forward in one UPDATE;
// only the process whose UPDATE matched runs it. Jobs look at the state of the database (not
// at what happened since the last tick), so after downtime the next run catches up.
import { sql, type Kysely } from "kysely";
import type { Logger } from "pino";
import type { Database } from "../../db/schema";

export interface Job {
  name: string;
  everySeconds: number;
  run(db: Kysely<Database>, now: Date): Promise<string | void>;
}

/** Claims the job's current period; true if this caller should run it. */
export async function claim(db: Kysely<Database>, job: Job, now: Date): Promise<boolean> {
  await db.insertInto("scheduled_jobs").values({ name: job.name }).onConflict((oc) => oc.doNothing()).execute();
  const claimed = await db
    .updateTable("scheduled_jobs")
    .set({ last_run_at: now })
    .where("name", "=", job.name)
    .where("last_run_at", "<=", sql<Date>`${now}::timestamptz - make_interval(secs => ${job.everySeconds})`)
    .returning("name")
    .executeTakeFirst();
  return Boolean(claimed);
}

export async function runDueJobs(db: Kysely<Database>, jobs: Job[], now = new Date(), log?: Logger): Promise<string[]> {
  const ran: string[] = [];
  for (const job of jobs) {
    if (!(await claim(db, job, now))) continue;
    try {
      const result = await job.run(db, now);
      ran.push(job.name);
      if (result) {
        await db.updateTable("scheduled_jobs").set({ last_result: result.slice(0, 500) }).where("name", "=", job.name).execute();
        log?.info({ job: job.name, result }, "job ran");
      }
    } catch (error) {
      log?.error({ err: error, job: job.name }, "job failed; it runs again next period");
      // Let the next tick retry rather than waiting a whole period.
      await db
        .updateTable("scheduled_jobs")
        .set({ last_run_at: new Date(0), last_result: `failed: ${String((error as Error).message ?? error).slice(0, 400)}` })
        .where("name", "=", job.name)
        .execute()
        .catch(() => {});
    }
  }
  return ran;
}

/** Ticks every `tickSeconds`; returns a stop function that waits for a running tick. */
export function startScheduler(db: Kysely<Database>, jobs: Job[], log: Logger, tickSeconds = 15): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = runDueJobs(db, jobs, new Date(), log)
      .catch((error) => log.warn({ err: error }, "scheduler tick failed (database unavailable?)"))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, tickSeconds * 1000);
  timer.unref();
  setTimeout(tick, 1000).unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
