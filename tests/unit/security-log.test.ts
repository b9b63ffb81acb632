import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { logRefusals, SecurityEventBuffer, type SecurityRow } from "../../app/utils/security-log.server";

let close: (() => void) | null = null;
afterEach(() => close?.());

describe("refused requests in the security log", () => {
  it("logs each 401, 403 and 429 with the account, address, method and path (no query), and nothing else, to standard output and the table's buffer", async () => {
    const events: Record<string, unknown>[] = [];
    const rows: SecurityRow[] = [];
    const securityEvents = new SecurityEventBuffer(async (batch) => void rows.push(...batch));
    const app = express();
    app.use(logRefusals({ log: { warn: (event: Record<string, unknown>) => void events.push(event) } as never, securityEvents }, (res) => res.locals.userId ?? null));
    app.use((req, res, next) => {
      res.locals.userId = req.headers["x-user"] ? Number(req.headers["x-user"]) : null;
      next();
    });
    app.all("/status/:code", (req, res) => res.status(Number(req.params.code)).send("answer"));
    const server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    close = () => server.close();
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    for (const code of [200, 302, 400, 404, 500]) await fetch(`${url}/status/${code}`, { redirect: "manual" });
    expect(events).toEqual([]);
    await fetch(`${url}/status/401?token=secret`);
    await fetch(`${url}/status/403`, { method: "POST", headers: { "x-user": "42" } });
    await fetch(`${url}/status/429`, { headers: { "x-user": "7" } });
    await new Promise((r) => setTimeout(r, 50));
    expect(events).toMatchObject([
      { event: "request.refused", status: 401, method: "GET", path: "/status/401", userId: null, ip: "127.0.0.1" },
      { event: "request.refused", status: 403, method: "POST", path: "/status/403", userId: 42 },
      { event: "request.refused", status: 429, method: "GET", userId: 7 },
    ]);
    expect(JSON.stringify(events)).not.toContain("secret");
    await securityEvents.flush();
    expect(rows.map((r) => [r.kind, r.ip, r.userId, r.details])).toEqual([
      ["request.refused", "127.0.0.1", null, { status: 401, method: "GET", path: "/status/401" }],
      ["request.refused", "127.0.0.1", 42, { status: 403, method: "POST", path: "/status/403" }],
      ["request.refused", "127.0.0.1", 7, { status: 429, method: "GET", path: "/status/429" }],
    ]);
  });
});
