// The app under test: built if its sources changed, started as child processes in production
// mode against madang_bench, watched for memory (VmRSS every 200 ms), stopped with SIGTERM.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { BenchError, ROOT } from "./common";
import { newestSourceTime } from "../../app/utils/source-time.server";

/** `npm run build` when there is no build or app/ or db/ changed since (the server's own rule). */
export function ensureBuilt(): "fresh" | "built" {
  const entry = path.join(ROOT, "build", "index.js");
  const built = fs.existsSync(entry) ? fs.statSync(entry).mtimeMs : 0;
  const sources = newestSourceTime(ROOT);
  if (built && built >= sources) return "fresh";
  console.log("Building the app (npm run build)…");
  const result = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) throw new BenchError("remix build failed");
  return "built";
}

export interface RunningServer {
  url: string;
  port: number;
  child: ChildProcess;
  logFile: string;
  rssPeakKb: number;
  hwmKb: number;
  exited: boolean;
  /** How it ended, when it did: an exit code or a signal. */
  exit?: string;
  options: ServerOptions;
}

export interface ServerOptions {
  databaseUrl: string;
  port: number;
  publicUrl: string;
  poolSize: number;
  /** Extra flags for node, e.g. ["--max-old-space-size=256"]. */
  nodeArgs?: string[];
  /** WEB_CONCURRENCY: worker processes; unset, the app's default (one per core). */
  workers?: number | null;
}

/** A process's memory now and at its peak (VmRSS, VmHWM), in kB; null when it is gone. */
export function readStatus(pid: number): { rss: number; hwm: number } | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const rss = /VmRSS:\s+(\d+) kB/.exec(text);
    const hwm = /VmHWM:\s+(\d+) kB/.exec(text);
    return { rss: rss ? Number(rss[1]) : 0, hwm: hwm ? Number(hwm[1]) : 0 };
  } catch {
    return null;
  }
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: options.databaseUrl,
    DATABASE_POOL_SIZE: String(options.poolSize),
    PORT: String(options.port),
    HOST: "127.0.0.1",
    PUBLIC_URL: options.publicUrl,
    // Production requires a key to seal two-factor secrets (decision 056); a bench's own.
    MADANG_SECRET_KEY: process.env.MADANG_SECRET_KEY ?? "bench-key-not-secret-bench-key-not-secret",
    RATE_LIMIT_IP_SCALE: "1000",
    // The support scenarios tell the app each citizen's address in X-Forwarded-For, as a load
    // balancer would, so that supports come from many networks (see bench/README.md).
    TRUST_PROXY: "1",
    LOG_LEVEL: "warn",
  };
  if (options.workers) env.WEB_CONCURRENCY = String(options.workers);
  else delete env.WEB_CONCURRENCY;
  delete env.DEMO;
  delete env.SMTP_URL;
  const logFile = path.join(os.tmpdir(), `madang-bench-server-${options.port}-${Date.now()}.log`);
  const log = fs.openSync(logFile, "a");
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), "--import", "tsx", "bench/lib/serve.ts"], { cwd: ROOT, env, stdio: ["ignore", log, log] });
  const server: RunningServer = {
    url: `http://127.0.0.1:${options.port}`,
    port: options.port,
    child,
    logFile,
    rssPeakKb: 0,
    hwmKb: 0,
    exited: false,
    options,
  };
  child.on("exit", (code, signal) => {
    server.exited = true;
    server.exit = signal ? `signal ${signal}` : `exit code ${code}`;
  });
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (server.exited) throw new BenchError(`the app exited while starting; its output is in ${logFile}:\n${tail(logFile)}`);
    try {
      const response = await fetch(`${server.url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stopServer(server);
      throw new BenchError(`the app did not answer /healthz within 90 s; its output is in ${logFile}:\n${tail(logFile)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return server;
}

function tail(file: string): string {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-30).join("\n");
  } catch {
    return "";
  }
}

/**
 * A server's processes: the one started and its descendants (the workers `npm start` forks, one
 * per core by default), from the parent ids in /proc.
 */
/** The command name of a process ("node", "esbuild"…), or "" when it is gone. */
export function commandOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "";
  }
}

export function processesOf(server: RunningServer): number[] {
  const root = server.child.pid;
  if (!root) return [];
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // gone
    }
  }
  const out: number[] = [];
  const visit = (pid: number) => {
    out.push(pid);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(root);
  return out;
}

/**
 * Samples the VmRSS of every process of every server every 200 ms; `peakMb()` gives the highest
 * of any one process since the last `reset()` (the target is per process).
 */
export function watchMemory(servers: RunningServer[]) {
  let windowPeak = 0;
  let tick = 0;
  const pids = new Map<RunningServer, number[]>();
  const timer = setInterval(() => {
    for (const server of servers) {
      // Workers may be replaced: the process list is refreshed every second.
      if (tick % 5 === 0 || !pids.has(server)) pids.set(server, processesOf(server));
      for (const pid of pids.get(server)!) {
        const status = readStatus(pid);
        if (!status) continue;
        server.rssPeakKb = Math.max(server.rssPeakKb, status.rss);
        server.hwmKb = Math.max(server.hwmKb, status.hwm);
        windowPeak = Math.max(windowPeak, status.rss);
      }
    }
    tick++;
  }, 200);
  timer.unref();
  return {
    reset() {
      windowPeak = 0;
    },
    /** The highest VmRSS of any one process in the window, in MB. */
    peakMb() {
      return windowPeak / 1024;
    },
    stop() {
      clearInterval(timer);
    },
  };
}

/**
 * CPU time the servers' processes (workers included) used so far, in ms (user + system, from
 * /proc/<pid>/stat; a worker that ended and was waited for counts in its parent's cutime/cstime).
 */
export function cpuMs(servers: RunningServer[]): number {
  let ms = 0;
  for (const server of servers) for (const pid of processesOf(server)) ms += processCpuMs(pid, true);
  return ms;
}

/**
 * CPU time one process used so far, in ms (user + system; with `children`, its waited-for
 * children's too); 0 when it is gone.
 */
export function processCpuMs(pid: number, children = false): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces) start at index 2: utime is 14,
    // stime 15, cutime 16, cstime 17.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]) + (children ? Number(fields[13]) + Number(fields[14]) : 0);
    return ticks * (1000 / CLOCK_TICKS);
  } catch {
    return 0; // gone
  }
}
const CLOCK_TICKS = 100;

export async function stopServer(server: RunningServer): Promise<void> {
  if (server.exited) return;
  const status = readStatus(server.child.pid!);
  if (status) server.hwmKb = Math.max(server.hwmKb, status.hwm);
  const exited = new Promise<void>((resolve) => server.child.once("exit", () => resolve()));
  server.child.kill("SIGTERM");
  const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 15_000).unref());
  if ((await Promise.race([exited, timeout])) === "timeout") {
    server.child.kill("SIGKILL");
    await exited;
  }
}
