// The process's settings, read once from the environment and checked before anything starts.
import os from "node:os";
import path from "node:path";
import { z } from "zod";

const flag = z
  .enum(["", "0", "1", "true", "false", "yes", "no"], { message: "use 1 or 0" })
  .optional()
  .transform((v) => v === "1" || v === "true" || v === "yes");

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number({ message: "must be a port number" }).int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  MADANG_DATA_DIR: z.string().default("data"),
  DEMO: flag,
  PUBLIC_URL: z.url({ message: "must be an absolute URL such as https://madang.example.org" }).optional(),
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
});

export interface Config {
  nodeEnv: "development" | "production" | "test";
  port: number;
  host: string;
  databaseUrl: string | undefined;
  poolSize: number;
  dataDir: string;
  /** Demo accounts and content are loaded, and /dev/mail is open. */
  demo: boolean;
  /** A production deployment: NODE_ENV=production on a real PostgreSQL, not in demo mode. */
  production: boolean;
  publicUrl: string;
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
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Madang cannot start: these settings are wrong:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const demo = !e.DATABASE_URL || e.DEMO;
  const production = e.NODE_ENV === "production" && !demo;
  if (production && !e.PUBLIC_URL) {
    throw new ConfigError(
      "Madang cannot start: PUBLIC_URL is required in production (the address people use, for links in e-mails).",
    );
  }
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    poolSize: e.DATABASE_POOL_SIZE,
    dataDir: path.resolve(e.MADANG_DATA_DIR),
    demo,
    production,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    rateLimitIpScale: e.RATE_LIMIT_IP_SCALE,
    pageCacheSeconds: e.PAGE_CACHE_SECONDS ?? (production ? 1 : 0),
    // A server with a public address (PUBLIC_URL) never shows the outbox unless it is a demo:
    // the messages hold sign-in and reset links.
    devMail: demo || (e.NODE_ENV !== "production" && !e.PUBLIC_URL),
    workers: e.DATABASE_URL ? (e.WEB_CONCURRENCY ?? os.availableParallelism()) : 1,
  };
}
