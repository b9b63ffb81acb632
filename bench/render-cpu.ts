// `NODE_ENV=production npx tsx bench/render-cpu.ts [path] [in|out] [requests]`: the app's CPU per
// request for one page, through Remix's own request handler in a loop (no HTTP, no load
// generator), against madang_bench on DATABASE_URL's server: signed in as bench citizens ("in",
// the session read as app/server.ts reads it) or as a visitor ("out"). The quick measure behind
// docs/scaling.md section 4; `node --cpu-prof --import tsx bench/render-cpu.ts …` profiles it.
// RENDER_CPU_BUILD=/some/build/index.js measures another build (a copy of the one before a
// change), so that two builds can be measured one after the other at the same load.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import pino from "pino";
import { resolveActor } from "../app/auth/actor.server";
import { createServices, type RequestContext } from "../app/services.server";
import { loadConfig } from "../app/utils/env.server";
import { connect } from "../db/connect";
import { BENCH_DB, requireDatabaseUrl, ROOT, runMain, SESSIONS_FILE, withDatabase } from "./lib/common";

async function main() {
  const [pathname = "/about", mode = "out", count = "300"] = process.argv.slice(2);
  if (process.env.NODE_ENV !== "production") console.warn("NODE_ENV is not production: React runs its slower development build.");
  const url = withDatabase(requireDatabaseUrl(), BENCH_DB);
  const config = loadConfig({ NODE_ENV: "production", DATABASE_URL: url, PUBLIC_URL: "http://127.0.0.1:3000", MADANG_SECRET_KEY: "bench-key-not-secret-bench-key-not-secret" });
  const handle = connect(url, { max: 4 });
  const services = createServices(handle, config, pino({ level: "warn" }));
  const build = (await import(pathToFileURL(process.env.RENDER_CPU_BUILD ?? path.join(ROOT, "build", "index.js")).href)) as ServerBuild;
  const handler = createRequestHandler(build, "production");
  const sessions = (JSON.parse(fs.readFileSync(SESSIONS_FILE, "utf8")) as { sessions: string[] }).sessions;
  let k = 0;
  const once = async () => {
    const cookie = mode === "in" ? `__Host-madang_session=${sessions[k++ % sessions.length]}` : "";
    const { actor, unread } = await resolveActor(services, cookie, true);
    const request = new Request(`http://127.0.0.1:3000${pathname}`, { headers: { accept: "text/html", cookie } });
    const context: RequestContext = { services, actor, locale: "ko", clientIp: "127.0.0.1", nonce: "bench", unread, siteUrl: services.config.publicUrl };
    return (await (await handler(request, context as unknown as Parameters<typeof handler>[1])).text()).length;
  };
  for (let i = 0; i < 50; i++) await once();
  const cpu = process.cpuUsage();
  const started = performance.now();
  let bytes = 0;
  for (let i = 0; i < Number(count); i++) bytes = await once();
  const used = process.cpuUsage(cpu);
  const n = Number(count);
  console.log(
    `${pathname} ${mode === "in" ? "signed in" : "as a visitor"}: ${((used.user + used.system) / 1000 / n).toFixed(2)} ms CPU/request, ` +
      `${((performance.now() - started) / n).toFixed(2)} ms wall, ${bytes} bytes`,
  );
  await handle.close();
}

runMain(main);
