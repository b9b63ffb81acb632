// Authorization, proven for every action: each intent of each route action is tried as every
// kind of actor, through the route module (as Remix calls it). What each actor may do is read
// from the permission functions the app itself uses — not from a table written here — so the
// test checks that every route asks the right question about the right facts. An allowed actor
// must succeed (on a fresh target, with valid input); everyone else gets 401 or 403 (409 for
// "your own item") and the database is exactly as it was: every content table's checksum.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTOR_KINDS, actor, anyone, attempt, cases, ownAccount, setUpWorld, signedIn, STATUS, type Kind } from "./actions";
import { openTestDatabase, type TestDatabase } from "./db";
import { changedTables, snapshot } from "./harness";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
  await setUpWorld(t);
}, 120_000);
afterAll(() => t?.close());

describe("every action as every kind of actor", () => {
  for (const c of cases) {
    describe(`${c.route}: ${c.name}`, () => {
      let shared: unknown;
      it.each(ACTOR_KINDS)("%s", async (kind) => {
        const who = actor(kind);
        shared ??= await c.setup();
        const refusal = c.rule(who, shared);
        if (refusal === null) {
          // Allowed: on a target of its own, with valid input, it succeeds.
          const target = await c.setup();
          const before = await snapshot(t.db);
          const answer = await attempt(c, who, target);
          expect(answer.status, `${kind} should be allowed: ${answer.text.slice(0, 300)}`).toBeLessThan(400);
          expect((answer.data as { errors?: unknown } | null)?.errors, answer.text.slice(0, 300)).toBeUndefined();
          if (c.changes !== false) expect(changedTables(before, await snapshot(t.db))).not.toEqual([]);
        } else {
          // Refused: the answer the rule gives, and nothing in the database moved.
          const before = await snapshot(t.db);
          const answer = await attempt(c, who, shared);
          expect({ status: answer.status, body: answer.text.slice(0, 200) }).toMatchObject({ status: STATUS[refusal] });
          expect(changedTables(before, await snapshot(t.db)), `${kind} changed the database`).toEqual([]);
        }
      });
    });
  }
});

describe("the list of actions is complete", () => {
  const modules = import.meta.glob("../../app/routes/*.{ts,tsx}");

  it("every route module that exports an action has its intents above; the open data API has none", async () => {
    const withAction: string[] = [];
    for (const [file, load] of Object.entries(modules)) {
      const mod = (await load()) as { action?: unknown };
      if (typeof mod.action === "function") withAction.push(path.basename(file).replace(/\.tsx?$/, ""));
    }
    const covered = new Set(cases.map((c) => c.route));
    expect(withAction.filter((r) => !covered.has(r))).toEqual([]);
    expect(withAction.filter((r) => r.startsWith("api.") || r.startsWith("feed"))).toEqual([]);
  });

  it("each permission rule allows someone and refuses someone (none is trivially open or shut)", async () => {
    const table: Record<string, Kind[]> = {};
    for (const c of cases) {
      if (c.rule === anyone) continue;
      const target = await c.setup();
      table[c.name] = ACTOR_KINDS.filter((k) => c.rule(actor(k), target) === null);
      expect(table[c.name], c.name).not.toEqual([]);
      expect(c.rule(null, target), `${c.name}: a visitor`).toBe("signin");
      // A suspended account still reads and manages its own account (and may leave); it takes part in nothing.
      const ownAccountRule = c.rule === signedIn || c.rule === ownAccount;
      if (!ownAccountRule) expect(table[c.name], c.name).not.toContain("suspended");
      if (!ownAccountRule) expect(table[c.name], c.name).not.toContain("suspended admin");
    }
    // `SHOW_MATRIX=1 npx vitest run tests/integration/authorization.test.ts -t trivially` prints it.
    if (process.env.SHOW_MATRIX) console.log(JSON.stringify(table, null, 1));
    // Rows a person can check by eye against docs/DESIGN.md.
    const citizens = ACTOR_KINDS.filter((k) => !["visitor", "unverified", "suspended", "suspended admin"].includes(k));
    expect(table).toMatchObject({
      comment: citizens,
      "flag an idea": citizens.filter((k) => k !== "author"),
      withdraw: ["author"],
      // Written here, not read from the app: a held idea is its author's and the moderators'.
      "follow a held idea": ["author", "moderator", "admin"],
      "edit an idea": ["author"],
      "edit a comment": ["author"],
      "remove a comment": ["author", "moderator", "admin"],
      "lock the comments": ["moderator", "admin"],
      "take up": ["chair (own committee)"],
      recommend: ["chair (own committee)"],
      "cast a committee vote": ["member (own committee)", "chair (own committee)"],
      "open a committee vote": ["chair (own committee)"],
      "close a committee vote": ["chair (own committee)"],
      "set a committee's quorum": ["admin"],
      answer: ["officer (own agency)"],
      "post progress": ["officer (own agency)"],
      "reassign the agency": ["admin"],
      "open a committee thread": ["member (own committee)", "chair (own committee)"],
      "edit a committee post": ["member (own committee)"],
      "lock a committee thread": ["chair (own committee)"],
      "reopen a committee thread": ["chair (own committee)"],
      "approve a held idea": ["moderator", "admin"],
      "suspend a staff member": ["admin"],
      "lift a suspension": ["admin"],
      "open a campaign": ["admin"],
      "grant a role": ["admin"],
      "verify identity in person": ["identity verifier"],
    });
  });
});
