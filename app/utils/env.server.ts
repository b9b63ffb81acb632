// The process's settings, read once from the environment and checked before anything starts.
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { secretKeyProblem } from "../../db/secret-box";
import { identityConfigFrom, type IdentityConfig } from "../domain/identity/providers.server";

const flag = z
  .enum(["", "0", "1", "true", "false", "yes", "no"], { message: "use 1 or 0" })
  .optional()
  .transform((v) => v === "1" || v === "true" || v === "yes");

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number({ message: "must be a port number" }).int().min(0).max(65535).default(3000),
  HOST: z
    .string()
    .optional()
    .transform((v) => v || undefined),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  // A streaming replica of DATABASE_URL's server: visitors' pages read from it (decision 045).
  DATABASE_REPLICA_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  MADANG_DATA_DIR: z.string().default("data"),
  DEMO: flag,
  PUBLIC_URL: z.url({ protocol: /^https?$/, message: "must be an absolute http(s) URL such as https://madang.example.org" }).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  MAIL_FROM: z.string().default("Madang <no-reply@madang.localhost>"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // How many reverse proxies stand in front (each appends to X-Forwarded-For); 0 = none.
  TRUST_PROXY: z.coerce.number({ message: "must be the number of proxies in front, such as 1" }).int().min(0).max(10).default(0),
  // Multiplies the per-IP rate limits, for many people behind one address (or test runs).
  RATE_LIMIT_IP_SCALE: z.coerce.number({ message: "must be a number such as 1" }).min(1).max(1000).default(1),
  // Seconds a visitor's public page is kept and shared (0 = off); 1 in production by default.
  PAGE_CACHE_SECONDS: z.coerce.number({ message: "must be a number of seconds such as 1" }).min(0).max(60).optional(),
  // Worker processes serving requests (one per core by default; always 1 on the embedded database).
  WEB_CONCURRENCY: z.coerce.number({ message: "must be a number of processes such as 2" }).int().min(1).max(64).optional(),
  // The folder where scanned paper support sheets are kept (decisions 039, 058); unset = `scans` in the data folder.
  PAPER_SCANS_DIR: z
    .string()
    .optional()
    .transform((v) => v || undefined),
  // The largest scan the desk's batch form accepts, in megabytes (decision 058).
  PAPER_SCAN_MAX_MB: z.coerce.number({ message: "must be a number of megabytes such as 20" }).min(0.01).max(500).default(20),
});

export interface Config {
  nodeEnv: "development" | "production" | "test";
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** A read replica of DATABASE_URL for visitors' pages (docs/decisions/045-read-replica.md). */
  replicaUrl: string | undefined;
  poolSize: number;
  dataDir: string;
  /** Demo accounts and content are loaded, and /dev/mail is open. */
  demo: boolean;
  /** A production deployment: NODE_ENV=production on a real PostgreSQL, not in demo mode. */
  production: boolean;
  publicUrl: string;
  /** Whether PUBLIC_URL was given; without it, the app is a development server on this machine. */
  publicUrlExplicit: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: string;
  trustProxy: number;
  rateLimitIpScale: number;
  /** How long a visitor's public page is kept and shared between visitors (app/utils/page-cache.server.ts). */
  pageCacheSeconds: number;
  /** Whether /dev/mail shows the outbox: demo mode, or development on this machine only. */
  devMail: boolean;
  /**
   * Worker processes `npm start` runs (WEB_CONCURRENCY, one per core by default). Always 1 on the
   * embedded database: PGlite is one database in one process, served on one connection
   * (decision 002), so a second worker would only wait for the first (decision 026).
   */
  workers: number;
  /** Where uploaded scans of paper support sheets are kept (outside the database), each named by its SHA-256. */
  paperScansDir: string;
  /** The largest scan accepted, in bytes. */
  paperScanMaxBytes: number;
  /** Identity verification through OpenID Connect providers (docs/identity.md); none by default. */
  identity: IdentityConfig;
}

export class ConfigError extends Error {}

/**
 * Whether a host name is this machine only: `localhost` (and `*.localhost`, which browsers
 * resolve to it), 127.0.0.0/8 and ::1. A demo, whose password is published and whose outbox
 * shows everyone's sign-in links, may only ever be reachable there.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (net.isIPv4(host)) return host.startsWith("127.");
  if (net.isIPv6(host)) return host === "::1" || host === "0:0:0:0:0:0:0:1" || /^::ffff:127\./.test(host);
  return false;
}

const DEMO_MODE = "demo mode (no DATABASE_URL, or DEMO=1: published demo passwords, and /dev/mail shows everyone's sign-in and reset links)";

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Madang cannot start: these settings are wrong:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const demo = !e.DATABASE_URL || e.DEMO;
  // A demo must never be mistaken for a deployment (ASVS 2.5.4, 14.2.2): refuse, and say what to do.
  if (demo && e.NODE_ENV === "production") {
    throw new ConfigError(
      `Madang cannot start: NODE_ENV=production is set, but the settings make ${DEMO_MODE}.\n` +
        "  For a real deployment: set DATABASE_URL to your PostgreSQL database and remove DEMO.\n" +
        "  For a demo on this machine: remove NODE_ENV=production.",
    );
  }
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, "");
  if (demo && !isLoopbackHost(new URL(publicUrl).hostname)) {
    throw new ConfigError(
      `Madang cannot start: PUBLIC_URL=${publicUrl} is an address other people can reach, but the settings make ${DEMO_MODE}.\n` +
        "  For a real deployment: set DATABASE_URL to your PostgreSQL database, remove DEMO, and set NODE_ENV=production.\n" +
        "  For a demo: run it on this machine only (no PUBLIC_URL, or http://localhost:PORT).",
    );
  }
  if (e.DATABASE_REPLICA_URL && !e.DATABASE_URL) {
    throw new ConfigError(
      "Madang cannot start: DATABASE_REPLICA_URL is set without DATABASE_URL. A replica serves a PostgreSQL server's reads: set DATABASE_URL to the primary, or remove DATABASE_REPLICA_URL.",
    );
  }
  const production = e.NODE_ENV === "production" && !demo;
  if (production && !e.PUBLIC_URL) {
    throw new ConfigError(
      "Madang cannot start: PUBLIC_URL is required in production (the address people use, for links in e-mails).",
    );
  }
  // The key that seals two-factor secrets in the database (decision 056); required in production.
  const keyProblem = secretKeyProblem({ ...env, NODE_ENV: production ? "production" : "development" });
  if (keyProblem) throw new ConfigError(`Madang cannot start: ${keyProblem}.`);
  const identity = identityConfigFrom(env);
  if ("problems" in identity) {
    throw new ConfigError(`Madang cannot start: these identity settings are wrong:\n${identity.problems.map((p) => `  ${p}`).join("\n")}`);
  }
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    // A demo listens on this machine only unless told otherwise (HOST=0.0.0.0 in a container).
    host: e.HOST ?? (demo ? "127.0.0.1" : "0.0.0.0"),
    databaseUrl: e.DATABASE_URL,
    replicaUrl: e.DATABASE_REPLICA_URL,
    poolSize: e.DATABASE_POOL_SIZE,
    dataDir: path.resolve(e.MADANG_DATA_DIR),
    demo,
    production,
    publicUrl,
    publicUrlExplicit: e.PUBLIC_URL !== undefined,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    rateLimitIpScale: e.RATE_LIMIT_IP_SCALE,
    pageCacheSeconds: e.PAGE_CACHE_SECONDS ?? (production ? 1 : 0),
    // The outbox holds sign-in and reset links: shown only by a demo or a development server,
    // and never where PUBLIC_URL is an address other people can reach.
    devMail: isLoopbackHost(new URL(publicUrl).hostname) && (demo || (e.NODE_ENV !== "production" && !e.PUBLIC_URL)),
    workers: e.DATABASE_URL ? (e.WEB_CONCURRENCY ?? os.availableParallelism()) : 1,
    paperScansDir: path.resolve(e.PAPER_SCANS_DIR ?? path.join(e.MADANG_DATA_DIR, "scans")),
    paperScanMaxBytes: Math.round(e.PAPER_SCAN_MAX_MB * 1_048_576),
    identity,
  };
}
