// Authorization, proven for every action: each intent of each route action is tried as every
// kind of actor, through the route module (as Remix calls it). What each actor may do is read
// from the permission functions the app itself uses — not from a table written here — so the
// test checks that every route asks the right question about the right facts. An allowed actor
// must succeed (on a fresh target, with valid input); everyone else gets 401 or 403 (409 for
// "your own item") and no content table was written (every row a content table inserts, updates
// or deletes is logged by a trigger of the test database: harness.ts, `snapshot`).
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileAssistedIdea } from "../../app/domain/assisted/assisted.server";
import { loader as ideaPage } from "../../app/routes/ideas.$id._index";
import { ACTOR_KINDS, actor, anyone, attempt, cases, ids, ownAccount, setUpWorld, signedIn, STATUS, type Kind } from "./actions";
import { openTestDatabase, type TestDatabase } from "./db";
import { call, changedTables, contextFor, snapshot } from "./harness";

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

describe("the database's before and after", () => {
  it("sees a row written to a content table, even with the same values, and not a write rolled back nor a bookkeeping table's", async () => {
    const person = await t.db.selectFrom("users").select(["id", "display_name"]).orderBy("id").executeTakeFirstOrThrow();
    const start = await snapshot(t.db);
    await t.db.transaction().execute(async (tx) => {
      await tx.updateTable("users").set({ display_name: "rolled back" }).where("id", "=", person.id).execute();
      throw new Error("roll back");
    }).catch(() => undefined);
    await t.db.insertInto("rate_limits").values({ key: "a bookkeeping write", points: 1, expire: null }).execute();
    expect(changedTables(start, await snapshot(t.db))).toEqual([]);
    await t.db.updateTable("users").set({ display_name: person.display_name }).where("id", "=", person.id).execute();
    expect(changedTables(start, await snapshot(t.db))).toEqual(["users"]);
  });
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
    // The whole matrix, written here from docs/DESIGN.md's roles — not read from the permission
    // functions — so that a rule that drifts, and an action added without its row, fails here.
    // Staff with a role of their own that gives no say over ideas take part like citizens.
    const organisers: Kind[] = ["event organiser (economy)", "event organiser (operator)", "identity verifier"];
    const participants: Kind[] = ["citizen", "author", "member (own committee)", "member (other committee)", "chair (own committee)", "chair (other committee)", "officer (own agency)", "officer (other agency)", "moderator", "admin", ...organisers];
    // Managing one's own account: every account, suspended ones included; never a visitor.
    const everyAccount: Kind[] = ["unverified", ...participants.slice(0, 10), "suspended", "suspended admin", ...organisers];
    // An event of the economy committee: its organisers and admins run it.
    const economyEvent: Kind[] = ["admin", "event organiser (economy)"];
    const othersThanTheAuthor = participants.filter((k) => k !== "author");
    const moderators: Kind[] = ["moderator", "admin"];
    const admins: Kind[] = ["admin"];
    const chair: Kind[] = ["chair (own committee)"];
    const members: Kind[] = ["member (own committee)", "chair (own committee)"];
    const officer: Kind[] = ["officer (own agency)"];
    expect(table).toEqual({
      support: participants,
      unsupport: participants,
      follow: participants,
      unfollow: participants,
      "follow a held idea": ["author", "moderator", "admin"],
      withdraw: ["author"],
      comment: participants,
      "edit a comment": ["author"],
      "remove a comment": ["author", "moderator", "admin"],
      "lock the comments": moderators,
      "approve a held idea": moderators,
      reject: moderators,
      merge: moderators,
      "take up": chair,
      recommend: chair,
      "assign an officer": officer,
      answer: officer,
      "extend the agency's deadline": officer,
      "extend the committee's deadline": chair,
      "extend a follow-up answer's due date": officer,
      "post an interim reply": officer,
      "save a draft answer": officer,
      "revise the answer": officer,
      "post progress": officer,
      "reassign the committee": admins,
      "reassign the agency": admins,
      "cast a committee vote": members,
      "open a committee vote": chair,
      "extend a committee vote": chair,
      "close a committee vote": chair,
      "set a committee's quorum": admins,
      "edit an idea": ["author"],
      "propose an idea": participants,
      "flag an idea": othersThanTheAuthor,
      "flag a comment": othersThanTheAuthor,
      "open a committee thread": members,
      "post in a committee thread": members,
      "reply in a committee thread": members,
      // Assisted entry (decision 039): the desk is moderators' and admins'; anyone taking part claims.
      "file an idea for a person": moderators,
      "record a paper batch": moderators,
      "void a paper batch": moderators,
      "correct a paper batch": moderators,
      // An event's organiser files ideas and batches for their own event only (decision 058).
      "file an idea for a person at an economy event": [...moderators, "event organiser (economy)"],
      "record a paper batch at an economy event": [...moderators, "event organiser (economy)"],
      "record a support given in person": moderators,
      "void a support given in person": moderators,
      "give a new claim code": moderators,
      "claim an idea filed for me": participants,
      // In-person identity checks (decision 049): the verifying role only.
      "verify identity in person": ["identity verifier"],
      // Revoking one (decision 057): the verifying role and admins.
      "revoke an identity verification": ["admin", "identity verifier"],
      // Meetings, minutes and the digest (decisions 029, 034): the committee's own chair.
      "schedule a committee meeting": chair,
      "move a committee meeting": chair,
      "cancel a committee meeting": chair,
      "publish a meeting's minutes": chair,
      "write a deliberation digest": chair,
      // The member the chair names writes it too; the chair keeps the pen (issue 14).
      "write a deliberation digest as the member the chair named": members,
      "name a digest writer": chair,
      "edit a committee post": ["member (own committee)"],
      "remove a committee post": ["member (own committee)", "moderator", "admin"],
      "lock a committee thread": chair,
      "reopen a committee thread": chair,
      // Guests in a deliberation (decision 054): the chair invites and withdraws; the invited author posts.
      "invite a guest to a deliberation": chair,
      "withdraw a guest's invitation": chair,
      "post as a guest in a deliberation": ["author", ...members],
      "hide an idea": moderators,
      "approve from the queue": moderators,
      "reject from the queue": moderators,
      "resolve an alert": moderators,
      "suspend a citizen": moderators,
      "suspend a staff member": admins,
      "lift a suspension": admins,
      "count supports to invalidate (writes nothing)": moderators,
      "invalidate supports": moderators,
      "reinstate invalidated supports": moderators,
      "add a blocked term": admins,
      "remove a blocked term": admins,
      "add a holiday": admins,
      "remove a holiday": admins,
      "open a campaign": admins,
      "change a campaign": admins,
      "change a site setting": admins,
      "edit a page": admins,
      "create a page": admins,
      "rename committees": admins,
      "rename agencies": admins,
      "rename categories": admins,
      "rename regions": admins,
      "add a category": admins,
      "grant a role": admins,
      "revoke a role": admins,
      "save my settings": everyAccount,
      "sign out everywhere": everyAccount,
      "mark notifications read": everyAccount,
      "resend the verification e-mail": everyAccount,
      "end one of my sessions": everyAccount,
      "end every other session": everyAccount,
      "turn on two-factor sign-in": everyAccount,
      "turn off two-factor sign-in": everyAccount,
      "make new recovery codes": everyAccount,
      // Changing the address (decision 056): one's own account; the links are the token's.
      "change my e-mail address": everyAccount,
      "reset a person's two-factor sign-in": admins,
      "leave Madang (delete my account)": ["unverified", "citizen", "author", "suspended"],
      "register for an event": participants,
      // One's own registration, like one's own account: suspended people may still give up a place.
      "cancel one's registration": everyAccount,
      "create an event": economyEvent,
      "edit an event": economyEvent,
      "cancel an event": economyEvent,
      "mark attendance": economyEvent,
      "publish an event's minutes": economyEvent,
      "archive a committee": admins,
      // The author appeals their rejected idea; any moderator who did not decide rules.
      "appeal a rejected idea": ["author"],
      "rule on an appeal": moderators,
      "restore an archived agency": admins,
      "set an agency's details": admins,
      "set a committee's default categories": admins,
      // Transfers (decision 035): the holding agency proposes; the receiving agency's officers reply.
      "propose a transfer to another agency": officer,
      "accept a transfer": ["officer (other agency)"],
      "decline a transfer": ["officer (other agency)"],
      // Staff notes: the idea's committee and agency, nobody else (not moderators, not admins).
      "write a staff note": ["member (own committee)", "chair (own committee)", "officer (own agency)"],
      // Follow-through: the author and supporters of an answered idea (no other kind supports it here).
      "rate the answer (follow-through)": ["author"],
    });
  });
});

// Who reaches an idea's paper and in-person supports from the idea's page (decision 063): the
// desk's staff for every idea, and an event's organiser for the ideas born at an event they
// organise. Read from the idea page's loader as every kind of actor; the kinds expected are
// written from the decision, not read from the permission function.
/** An event that took place yesterday, organised by the economy committee or (null) the operator. */
async function eventBy(committeeId: number | null) {
  const start = new Date(Date.now() - 86_400_000);
  const row = await t.db
    .insertInto("civic_events")
    .values({ committee_id: committeeId, kind: "booth", title_ko: "현장 부스", starts_at: start, ends_at: new Date(start.getTime() + 3_600_000), place: "광화문", capacity: null, updated_at: new Date() })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An idea filed at the desk for a person, at the event given or at none. */
async function filed(eventId: number | null) {
  const result = await fileAssistedIdea(t.db, actor("moderator"), {
    title: `Filed for a person ${Math.random().toString(36).slice(2, 8)}`,
    body: "A proposal with enough words to pass the minimum length of thirty characters.",
    categoryId: String(ids.category),
    regionId: "",
    campaignId: "",
    channel: eventId === null ? "paper" : "event",
    consentRef: "BOOTH-LINK-1",
    eventId: eventId === null ? "" : String(eventId),
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.ideaId;
}

async function reachers(ideaId: number): Promise<Kind[]> {
  const kinds: Kind[] = [];
  for (const kind of ACTOR_KINDS) {
    const page = await call(ideaPage, { path: `/ideas/${ideaId}`, params: { id: String(ideaId) }, context: contextFor(t.services, actor(kind)) });
    expect(page.status, kind).toBe(200);
    if ((page.data as { provenance: { paperDesk: boolean } }).provenance.paperDesk) kinds.push(kind);
  }
  return kinds;
}

describe("the idea page's link to its paper supports at the desk", () => {
  it("is for the desk's staff, and for the organiser of the event the idea was born at", async () => {
    const atEconomy = await filed(await eventBy(ids.economy));
    const atOperator = await filed(await eventBy(null));
    const atNone = await filed(null);
    expect({ economy: await reachers(atEconomy), operator: await reachers(atOperator), none: await reachers(atNone) }).toEqual({
      economy: ["moderator", "admin", "event organiser (economy)"],
      operator: ["moderator", "admin", "event organiser (operator)"],
      none: ["moderator", "admin"],
    });
  });
});
