// A read replica (DATABASE_REPLICA_URL, docs/decisions/045-read-replica.md): visitors' pages read
// from it; anything signed in, every form and every job use the primary; a replica that does not
// answer costs nothing but its speed-up (pages read from the primary, /healthz says "degraded").
//
// The first group needs no replica (it points the app at a port where nothing listens). The
// second needs a real streaming replica of the DATABASE_URL server: `.ci/replica` starts one on
// port 5433 and `.ci/run` sets DATABASE_REPLICA_URL to it; without it, the group is skipped.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIdea, createUser } from "../../db/factories";
import { LIST_MAX_AGE_MS } from "../../app/domain/ideas/queries.server";
import { CHALLENGE_FIELD, solvedChallengeFrom } from "../fixtures/signup-challenge";
import { sessionCookie, startTestApp, type TestApp } from "../fixtures/app";
import { databaseUrlFor, openTestDatabase, type TestDatabase } from "./db";

const REPLICA_SERVER = process.env.DATABASE_REPLICA_URL;
const NO_REPLICA_REASON = !process.env.DATABASE_URL
  ? "the embedded database has no replica (run with DATABASE_URL and DATABASE_REPLICA_URL)"
  : !REPLICA_SERVER
    ? "DATABASE_REPLICA_URL is not set: start a streaming replica with .ci/replica and set it to the URL it prints"
    : null;

async function page(app: TestApp, pathname: string, cookie?: string): Promise<{ status: number; text: string }> {
  const get = () => fetch(app.url + pathname, { headers: { "accept-language": "en", ...(cookie ? { cookie } : {}) }, redirect: "manual" });
  // A kept-alive connection the app closed after 5 idle seconds (while the test stopped the
  // replica) can fail as it is reused: that is the client's socket, not the app; ask once more.
  const response = await get().catch((error: { cause?: { code?: string } }) => {
    if (error.cause?.code === "UND_ERR_SOCKET") return get();
    throw error;
  });
  return { status: response.status, text: await response.text() };
}

async function health(app: TestApp) {
  const response = await fetch(`${app.url}/healthz`);
  return { status: response.status, body: (await response.json()) as { status: string; database: string; replica?: string } };
}

describe("a replica that does not answer", () => {
  let t: TestDatabase;
  let app: TestApp;
  let ideaId: number;
  beforeAll(async () => {
    t = await openTestDatabase();
    ideaId = await createIdea(t.db, { author: await createUser(t.db), title: "Benches along the river path" });
    // Port 9 (discard) on this machine: nothing listens, the connection is refused.
    app = await startTestApp(t.url, { DATABASE_REPLICA_URL: "postgres://postgres@127.0.0.1:9/madang" });
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await t?.close();
  });

  it("serves visitors' pages from the primary", async () => {
    const idea = await page(app, `/ideas/${ideaId}`);
    expect(idea.status).toBe(200);
    expect(idea.text).toContain("Benches along the river path");
    const list = await page(app, "/ideas");
    expect(list.status).toBe(200);
    expect(list.text).toContain("Benches along the river path");
  });

  it("says the site is degraded, and still up, at /healthz", async () => {
    const answer = await health(app);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: "degraded", database: "reachable", replica: "unreachable" });
  });
});

describe.skipIf(NO_REPLICA_REASON !== null)(`a streaming replica${NO_REPLICA_REASON ? ` (skipped: ${NO_REPLICA_REASON})` : ""}`, () => {
  let t: TestDatabase;
  let app: TestApp;
  let replica: pg.Client;
  let cookie: string;
  let visible: number;

  /** Waits until the replica has replayed everything the primary has written so far. */
  async function caughtUp() {
    const primary = new pg.Client({ connectionString: t.url });
    await primary.connect();
    const { rows } = await primary.query<{ lsn: string }>("select pg_current_wal_lsn()::text as lsn");
    await primary.end();
    for (let i = 0; i < 200; i++) {
      const { rows: ok } = await replica.query<{ done: boolean }>("select pg_last_wal_replay_lsn() >= $1::pg_lsn as done", [rows[0].lsn]);
      if (ok[0].done) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("the replica did not catch up within 10 s");
  }

  beforeAll(async () => {
    t = await openTestDatabase();
    const author = await createUser(t.db);
    cookie = await sessionCookie(t.services, author.id);
    visible = await createIdea(t.db, { author, title: "Shade trees for the bus stops" });
    const replicaUrl = databaseUrlFor(REPLICA_SERVER!, new URL(t.url).pathname.slice(1));
    // The test's database was made on the primary a moment ago: wait until the replica has it.
    for (let i = 0; ; i++) {
      replica = new pg.Client({ connectionString: replicaUrl });
      try {
        await replica.connect();
        break;
      } catch (error) {
        await replica.end().catch(() => {});
        if (i > 100) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    await caughtUp();
    app = await startTestApp(t.url, { DATABASE_REPLICA_URL: replicaUrl });
  }, 120_000);
  afterAll(async () => {
    // Never leave the shared replica paused.
    await replica?.query("select pg_wal_replay_resume()").catch(() => {});
    await replica?.end().catch(() => {});
    await app?.stop();
    await t?.close();
  });

  it("is a standby, and /healthz says all is well", async () => {
    expect((await replica.query("select pg_is_in_recovery() as standby")).rows[0].standby).toBe(true);
    expect((await health(app)).body).toEqual({ status: "ok", database: "reachable", replica: "reachable" });
  });

  it("visitors read from the replica; signed-in people and forms use the primary", async () => {
    expect((await page(app, `/ideas/${visible}`)).status).toBe(200);
    // Hold the replica where it is: what the primary gets now, only the primary has.
    await replica.query("select pg_wal_replay_pause()");
    try {
      const fresh = await createIdea(t.db, { author: await createUser(t.db), title: "Drinking fountains in every park" });

      // A visitor's pages come from the replica, which has not seen the new idea yet.
      expect((await page(app, `/ideas/${fresh}`)).status).toBe(404);
      expect((await page(app, "/ideas?sort=new")).text).not.toContain("Drinking fountains in every park");
      expect((await page(app, "/ideas?sort=new")).text).toContain("Shade trees for the bus stops");

      // Signed in, the same pages come from the primary.
      const signedIn = await page(app, `/ideas/${fresh}`, cookie);
      expect(signedIn.status).toBe(200);
      expect(signedIn.text).toContain("Drinking fountains in every park");
      expect((await page(app, "/ideas?sort=new", cookie)).text).toContain("Drinking fountains in every park");

      // A visitor's form writes to the primary (the replica would refuse a write).
      const email = `fountain-${Date.now()}@example.org`;
      const joined = await fetch(`${app.url}/join`, {
        method: "POST",
        headers: { origin: app.url, "content-type": "application/x-www-form-urlencoded", "accept-language": "en" },
        // With the page's solved challenge: the challenge's keys and its use are written to the primary too.
        body: new URLSearchParams({ email, displayName: "Fountain Friend", password: "orchard velvet compass 51", [CHALLENGE_FIELD]: await solvedChallengeFrom(app.url) }),
        redirect: "manual",
      });
      expect(joined.status).toBe(200);
      expect(await t.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst()).toBeDefined();

      // The statistics page reads as a visitor and keeps its cache on the primary: no error.
      expect((await page(app, "/stats")).status).toBe(200);
    } finally {
      await replica.query("select pg_wal_replay_resume()");
    }
    await caughtUp();
    // Caught up, the replica has it; the list page a visitor read while it was paused may still be
    // kept by the app for LIST_MAX_AGE_MS (decision 088), so the new idea shows within that time.
    await expect
      .poll(async () => (await page(app, "/ideas?sort=new")).text, { timeout: LIST_MAX_AGE_MS + 5_000, interval: 200 })
      .toContain("Drinking fountains in every park");
  });

  it("keeps serving visitors when the replica stops, and uses it again once it is back", { timeout: 90_000 }, async () => {
    // Stopping the server needs its data directory and its owner (.ci/replica runs it as postgres).
    const dataDir = (await replica.query<{ dir: string }>("select current_setting('data_directory') as dir")).rows[0].dir;
    const pgCtl = fs.readdirSync("/usr/lib/postgresql").map((v) => `/usr/lib/postgresql/${v}/bin/pg_ctl`).find((f) => fs.existsSync(f));
    const user = os.userInfo().username;
    if (!pgCtl || (user !== "root" && user !== "postgres")) {
      console.warn("skipped: stopping the replica needs pg_ctl and the root or postgres account");
      return;
    }
    const asPostgres = (args: string[]) => {
      const command = [pgCtl, ...args].map((a) => `'${a}'`).join(" ");
      const result = user === "postgres" ? spawnSync("sh", ["-c", command]) : spawnSync("su", ["postgres", "-s", "/bin/sh", "-c", command]);
      if (result.status !== 0) throw new Error(`pg_ctl ${args.join(" ")} failed: ${result.stderr}`);
    };
    // Warm the app's replica connections first, so that stopping it breaks connections in use.
    expect((await page(app, `/ideas/${visible}`)).status).toBe(200);
    await replica.end();
    asPostgres(["-D", dataDir, "-m", "fast", "-w", "stop"]);
    try {
      for (const pathname of [`/ideas/${visible}`, "/ideas", "/", `/ideas/${visible}`]) {
        const answer = await page(app, pathname).catch((error: unknown) => {
          throw new Error(`GET ${pathname} failed (${String(error)}); the app said:\n${app.output()}`);
        });
        expect(answer.status, pathname).toBe(200);
      }
      expect((await page(app, `/ideas/${visible}`)).text).toContain("Shade trees for the bus stops");
      expect((await health(app)).body).toEqual({ status: "degraded", database: "reachable", replica: "unreachable" });
    } finally {
      asPostgres(["-D", dataDir, "-l", `${dataDir}/server.log`, "-w", "-t", "60", "start"]);
    }
    replica = new pg.Client({ connectionString: databaseUrlFor(REPLICA_SERVER!, new URL(t.url).pathname.slice(1)) });
    await replica.connect();
    expect((await health(app)).body.status).toBe("ok");
    expect((await page(app, `/ideas/${visible}`)).status).toBe(200);
  });
});
