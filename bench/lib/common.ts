// Shared helpers of the benchmark: command-line flags, the bench database's address, refusing
// the embedded database, timing and number formatting.
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

export const BENCH_DB = "madang_bench";
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const BENCH_DIR = path.join(ROOT, "bench");
export const SESSIONS_FILE = path.join(BENCH_DIR, ".sessions.json");
export const RESULTS_DIR = path.join(BENCH_DIR, "results");
/** Every bench account's e-mail ends with this; nothing else in a real deployment would. */
export const EMAIL_DOMAIN = "bench.madang.test";

export class BenchError extends Error {}

/** Flags whose value may itself start with "--" (flags for another program). */
const RAW_VALUE = new Set(["node-args"]);

/** `--name value` and `--name=value` flags; a flag with no value is "true". */
export function parseFlags(argv: string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) throw new BenchError(`unexpected argument "${arg}" (flags look like --scale 0.1)`);
    const eq = arg.indexOf("=");
    if (eq > 0) {
      flags.set(arg.slice(2, eq), arg.slice(eq + 1));
    } else if (i + 1 < argv.length && (!argv[i + 1].startsWith("--") || RAW_VALUE.has(arg.slice(2)))) {
      flags.set(arg.slice(2), argv[++i]);
    } else {
      flags.set(arg.slice(2), "true");
    }
  }
  return flags;
}

export function numberFlag(flags: Map<string, string>, name: string, fallback: number, check?: (n: number) => boolean): number {
  const raw = flags.get(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || (check && !check(n))) throw new BenchError(`--${name} ${raw}: not an acceptable number`);
  return n;
}

export function checkFlags(flags: Map<string, string>, known: string[]): void {
  for (const name of flags.keys()) {
    if (!known.includes(name)) throw new BenchError(`unknown flag --${name} (known: ${known.map((k) => `--${k}`).join(", ")})`);
  }
}

/** The server named by DATABASE_URL, required: the benchmark never runs on the embedded database. */
export function requireDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new BenchError(
      "DATABASE_URL is not set. The benchmark needs a real PostgreSQL server, never the embedded database:\n" +
        "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:seed\n" +
        `It creates its own database "${BENCH_DB}" on that server and leaves the named database alone.`,
    );
  }
  if (!/^postgres(ql)?:\/\//.test(url)) throw new BenchError("DATABASE_URL must be a postgres:// URL");
  return url;
}

/** The same server and credentials, another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function databaseOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, "")) || "postgres";
}

/** Refuses PGlite served over a socket (the embedded database): it answers to version() as wasm. */
export async function refuseEmbedded(client: pg.Client | pg.Pool): Promise<string> {
  const { rows } = await client.query<{ version: string }>("SELECT version() AS version");
  const version = rows[0].version;
  if (/emscripten|wasm|pglite/i.test(version)) {
    throw new BenchError(`DATABASE_URL points at the embedded database (${version}); the benchmark needs a real PostgreSQL server.`);
  }
  return version;
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Deterministic pseudo-random numbers (mulberry32), so a seed gives the same data set. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function runMain(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error) => {
      if (error instanceof BenchError) {
        console.error(`\n${error.message}`);
      } else {
        console.error(error);
      }
      process.exit(1);
    },
  );
}
