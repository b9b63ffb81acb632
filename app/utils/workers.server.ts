// Every core: `npm start` forks one worker process per core (WEB_CONCURRENCY), which share the
// listening port (node:cluster hands connections to them in turn). The primary process prepares
// the database and the build once, then only watches: it starts a worker again when one dies,
// and on SIGTERM/SIGINT it asks every worker to stop and exits when all have drained (each does
// what decision 016 says). Nothing is shared between workers but the database: the scheduler's
// jobs claim their periods there, e-mails their rows (docs/decisions/026-workers-and-replica.md).
import cluster, { type Worker } from "node:cluster";
import type { Logger } from "pino";

export interface WorkersOptions {
  count: number;
  log: Logger;
  /** Called once, when every worker listens: the port they share. */
  ready(port: number): void;
  /** How long workers may take to drain before the primary gives up on them. */
  stopTimeoutMs?: number;
}

/** What a worker tells the primary once it listens. */
export interface ListeningMessage {
  type: "listening";
  port: number;
}

export function isListeningMessage(message: unknown): message is ListeningMessage {
  return typeof message === "object" && message !== null && (message as { type?: unknown }).type === "listening";
}

/** In a worker: tells the primary that this worker listens. */
export function reportListening(port: number): void {
  process.send?.({ type: "listening", port } satisfies ListeningMessage);
}

export function runWorkers({ count, log, ready, stopTimeoutMs = 25_000 }: WorkersOptions): void {
  let stopping = false;
  let announced = false;
  let failed = false;
  const listening = new Set<number>();

  const fork = (): Worker => {
    const worker = cluster.fork();
    worker.on("message", (message: unknown) => {
      if (!isListeningMessage(message)) return;
      listening.add(worker.id);
      if (!announced && listening.size >= count) {
        announced = true;
        ready(message.port);
      }
    });
    return worker;
  };

  cluster.on("exit", (worker, code, signal) => {
    listening.delete(worker.id);
    if (stopping) {
      if (code !== 0) failed = true;
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(failed ? 1 : 0);
      return;
    }
    // A worker that died (a crash, the kernel's OOM killer) is replaced; the others kept serving.
    log.error({ pid: worker.process.pid, code, signal }, "a worker ended; starting another");
    fork();
  });

  for (let i = 0; i < count; i++) fork();

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, workers: Object.keys(cluster.workers ?? {}).length }, "stopping: every worker finishes its requests");
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    setTimeout(() => process.exit(1), stopTimeoutMs).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}
