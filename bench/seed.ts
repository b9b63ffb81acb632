// `npm run bench:seed [-- --scale 0.02] [-- --sessions 50000] [-- --seed 7]`
//
// Creates (or recreates) the database `madang_bench` on the server DATABASE_URL names — the
// named database itself is never touched — migrates it, loads the reference data, then a
// national-scale data set with set-based SQL (generate_series, INSERT … SELECT, unnest batches):
//   1,000,000 citizens, 50,000 ideas in Korean and English in every status with their timelines,
//   5,000,000 supports (Zipf-like, one idea with 1,000,000), 500,000 comments and posts (ten
//   ideas and ten committee threads with 5,000+ each), follows; counters made exact afterwards.
// `--scale` multiplies every count. Then sessions for the bench citizens (bench/.sessions.json).
import pg from "pg";
import type { IdeaStatus, Outcome } from "../db/schema";
import { connect } from "../db/connect";
import { migrateToLatest } from "../db/migrate";
import { seedReference } from "../db/seed";
import { hashPassword } from "../app/domain/accounts/passwords.server";
import { renderMarkdown } from "../app/utils/markdown.server";
import { indexTokens } from "../app/domain/ideas/search";
import { publishDueRoots } from "../app/domain/receipts/publish.server";
import {
  BENCH_DB,
  BenchError,
  checkFlags,
  databaseOf,
  EMAIL_DOMAIN,
  fmt,
  numberFlag,
  parseFlags,
  refuseEmbedded,
  requireDatabaseUrl,
  rng,
  runMain,
  seconds,
  withDatabase,
} from "./lib/common";
import { dropForLoad, insertColumns, type Dropped } from "./lib/load";
import { BENCH_CITIZEN_PREFIX, createSessions } from "./lib/sessions";
import { ANSWERS_KO, checkComposition, hotIdeaText, ideaText, postPool, RATIONALES_KO, type IdeaText } from "./lib/text";

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Open ideas stay open under any benchmark: nobody reaches ten million supports in a run. */
export const OPEN_THRESHOLD = 10_000_000;
/** A prime larger than any citizen count: k·STEP mod N visits N distinct citizens for k < N. */
const STEP = 2_147_483_647;

// Population shares of the 17 regions (percent, rounded), for citizens' home regions.
const REGION_SHARE = [19, 6, 4, 6, 3, 3, 2, 1, 28, 3, 3, 4, 3, 3, 5, 6, 1];

/** SQL for a citizen's home region from their id (2% give none), the same wherever it is used. */
function regionSql(id: string): string {
  const table: number[] = [];
  REGION_SHARE.forEach((share, i) => {
    for (let k = 0; k < share; k++) table.push(i + 1);
  });
  if (table.length !== 100) throw new Error("region shares must add up to 100");
  return `(CASE WHEN (${id}) % 50 = 0 THEN NULL ELSE ('{${table.join(",")}}'::smallint[])[1 + (((${id}) * 2654435761) % 4294967296 % 100)::int] END)`;
}

const SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍".split("");
const GIVEN_1 = "민서지하도예주수현은채유시준건우연다소태재영승아성혜진나".split("");
const GIVEN_2 = "준윤우연현서호진빈아희원율민영수린은경훈석찬혁름솔결별하".split("");
function nameSql(id: string): string {
  const arr = (list: string[]) => `'{${list.join(",")}}'::text[]`;
  return `(${arr(SURNAMES)})[1 + ((${id}) % ${SURNAMES.length})::int] || (${arr(GIVEN_1)})[1 + ((${id}) / ${SURNAMES.length} % ${GIVEN_1.length})::int] || (${arr(GIVEN_2)})[1 + ((${id}) / ${SURNAMES.length * GIVEN_1.length} % ${GIVEN_2.length})::int]`;
}

const STATUS_SHARES: [IdeaStatus, number][] = [
  ["open", 38],
  ["expired", 28],
  ["pending", 1],
  ["withdrawn", 3],
  ["rejected", 2],
  ["merged", 1],
  ["fast_tracked", 4],
  ["in_deliberation", 5],
  ["closed", 4],
  ["under_review", 5],
  ["answered", 5],
  ["implementing", 2],
  ["implemented", 2],
];
const POST_THRESHOLD: IdeaStatus[] = ["fast_tracked", "in_deliberation", "closed", "under_review", "answered", "implementing", "implemented"];
const NO_SUPPORTS: IdeaStatus[] = ["pending", "merged"];
/** How many status changes an idea made after `open` to reach each status past the threshold. */
const STEPS_AFTER_OPEN: Partial<Record<IdeaStatus, number>> = {
  fast_tracked: 1,
  in_deliberation: 2,
  closed: 3,
  under_review: 3,
  answered: 4,
  implementing: 5,
  implemented: 6,
};

/**
 * `count` integers summing to `total` (as far as `cap` allows), the k-th about c / (k + firstRank):
 * a Zipf-like spread, each between `min` and `cap`.
 */
export function zipfCounts(total: number, count: number, cap: number, firstRank: number, min: number): number[] {
  const at = (c: number) => Array.from({ length: count }, (_, k) => Math.max(min, Math.min(cap, Math.floor(c / (k + firstRank)))));
  const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);
  let low = 0;
  let high = Math.max(1, total) * (count + firstRank);
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (sum(at(mid)) <= total) low = mid;
    else high = mid;
  }
  const counts = at(low);
  let missing = total - sum(counts);
  for (let k = 0; missing > 0 && k < count; k++) {
    if (counts[k] < cap) {
      counts[k]++;
      missing--;
    }
  }
  return counts;
}

interface Plan {
  citizens: number;
  benchCitizens: number;
  ideas: number;
  supports: number;
  hot: number;
  posts: number;
  bigThread: number;
  campaigns: number;
  flags: number;
}

function planFor(scale: number, sessions: number): Plan {
  const n = (x: number, min = 1) => Math.max(min, Math.round(x * scale));
  const citizens = n(1_000_000, 1000);
  const ideas = n(50_000, 200);
  return {
    citizens,
    benchCitizens: sessions,
    ideas,
    supports: n(5_000_000, 2000),
    hot: Math.min(citizens, n(1_000_000, 500)),
    posts: n(500_000, 1000),
    bigThread: n(5_500, 20),
    campaigns: n(40, 4),
    flags: n(20_000, 100),
  };
}

interface Staff {
  admin: number;
  moderators: number[];
  chairs: Map<number, number>;
  members: Map<number, number[]>;
  officers: Map<number, number[]>;
}

interface IdeaRow {
  id: number;
  author_id: number;
  text: IdeaText;
  category_id: number;
  region_id: number | null;
  campaign_id: number | null;
  status: IdeaStatus;
  support_count: number;
  support_threshold: number;
  support_ends_at: number | null;
  threshold_reached_at: number | null;
  created_at: number;
  status_changed_at: number;
  committee_id: number | null;
  committee_due_at: number | null;
  agency_id: number | null;
  agency_due_at: number | null;
  assigned_officer_id: number | null;
  outcome: Outcome | null;
  official_answer: string | null;
  progress_percent: number | null;
  merged_into_id: number | null;
  /** When supports stopped coming (the support window's end, the threshold, a withdrawal). */
  supports_until: number;
  steps: { at: number; kind: string; from: IdeaStatus | null; to: IdeaStatus | null; actor: number | null; note: string | null }[];
  recommendation: { decision: "forward" | "not_recommended"; at: number } | null;
  progress: { percent: number; at: number }[];
}

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

async function main() {
  const flags = parseFlags(process.argv.slice(2));
  checkFlags(flags, ["scale", "sessions", "seed"]);
  const scale = numberFlag(flags, "scale", 1, (n) => n > 0 && n <= 10);
  const sessionCount = numberFlag(flags, "sessions", 50_000, (n) => Number.isInteger(n) && n >= 100 && n <= 1_000_000);
  const seed = numberFlag(flags, "seed", 20261124, Number.isInteger);
  const url = requireDatabaseUrl();
  // Recreating the database we are connected to is impossible: then use the server's maintenance database.
  const adminUrl = withDatabase(url, databaseOf(url) === BENCH_DB ? "postgres" : databaseOf(url));
  const benchUrl = withDatabase(url, BENCH_DB);
  const plan = planFor(scale, sessionCount);
  const started = Date.now();
  const log = (message: string) => console.log(`[${seconds(Date.now() - started).padStart(8)}] ${message}`);
  async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
    const t = Date.now();
    const result = await run();
    log(`${name} (${seconds(Date.now() - t)})`);
    return result;
  }

  console.log(
    `Seeding ${BENCH_DB} at scale ${scale}: ${fmt(plan.citizens)} citizens (+${fmt(plan.benchCitizens)} bench citizens with sessions), ` +
      `${fmt(plan.ideas)} ideas, ${fmt(plan.supports)} supports (hot idea ${fmt(plan.hot)}), ${fmt(plan.posts)} posts`,
  );

  // ——— A fresh database ———
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect().catch((error: Error) => {
    throw new BenchError(`cannot connect to DATABASE_URL (${adminUrl.replace(/\/\/[^@]*@/, "//…@")}): ${error.message}`);
  });
  try {
    const version = await refuseEmbedded(admin);
    log(`server: ${version.split(" on ")[0]}`);
    await step(`recreated database ${BENCH_DB}`, async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${BENCH_DB}`);
    });
  } finally {
    await admin.end();
  }

  const handle = connect(benchUrl, { max: 2 });
  await step("migrated and loaded reference data", async () => {
    await migrateToLatest(handle.db);
    await seedReference(handle.db);
  });
  await handle.close();

  const client = new pg.Client({ connectionString: benchUrl });
  await client.connect();
  const q = (text: string, values?: unknown[]) => client.query(text, values);
  // This session only: no wait for the disk on each commit, room to sort, UTC hours.
  await q(`SET synchronous_commit = off`);
  await q(`SET maintenance_work_mem = '512MB'`);
  await q(`SET work_mem = '128MB'`);
  await q(`SET TimeZone = 'UTC'`);

  const r = rng(seed);
  const now = Date.now();
  const N = plan.citizens;

  const categories = (await q(`SELECT c.id, c.default_committee_id FROM categories c ORDER BY c.id`)).rows.map((row) => ({
    id: Number(row.id),
    committee: Number(row.default_committee_id),
  }));
  const committees = (await q(`SELECT id, slug FROM committees ORDER BY id`)).rows.map((row) => ({ id: Number(row.id), slug: String(row.slug) }));
  const agencies = (await q(`SELECT id, slug, region_id FROM agencies ORDER BY id`)).rows.map((row) => ({
    id: Number(row.id),
    slug: String(row.slug),
    region: row.region_id === null ? null : Number(row.region_id),
  }));

  // ——— Make room for a fast load ———
  const dropped: Dropped[] = await step("dropped secondary indexes and foreign keys of the big tables", async () => {
    const list: Dropped[] = [];
    for (const table of ["users", "ideas", "idea_events", "follows", "threads", "posts"]) list.push(await dropForLoad(client, table));
    list.push(await dropForLoad(client, "supports", { primaryKey: true }));
    return list;
  });

  // ——— Citizens ———
  const passwordHash = await hashPassword("bench-citizen-password-2026");
  await step(`citizens: ${fmt(N)} + ${fmt(plan.benchCitizens)} bench citizens (one shared argon2id hash, verified)`, async () => {
    const citizenSql = (prefix: string) => `
      INSERT INTO users (id, email, display_name, password_hash, email_verified_at, locale, home_region_id, created_at, feed_seen_at)
      SELECT g, '${prefix}' || g || '@${EMAIL_DOMAIN}', ${nameSql("g")}, $1,
             t.joined + interval '10 minutes',
             CASE WHEN g % 20 < 16 THEN 'ko' WHEN g % 20 < 19 THEN 'en' END,
             ${regionSql("g")}, t.joined, now()
        FROM generate_series($2::bigint, $3::bigint) AS g,
             LATERAL (SELECT now() - ((g * 7919) % 63072000) * interval '1 second' AS joined) AS t`;
    const chunk = 250_000;
    for (let from = 1; from <= N; from += chunk) {
      await q(citizenSql("citizen-"), [passwordHash, from, Math.min(N, from + chunk - 1)]);
      if (N > chunk) log(`  citizens ${fmt(Math.min(N, from + chunk - 1))} / ${fmt(N)}`);
    }
    await q(citizenSql(BENCH_CITIZEN_PREFIX), [passwordHash, N + 1, N + plan.benchCitizens]);
  });

  // ——— Staff: an admin, moderators, a chair and members per committee, officers per agency ———
  const staff: Staff = { admin: 0, moderators: [], chairs: new Map(), members: new Map(), officers: new Map() };
  await step("staff accounts and roles", async () => {
    let next = N + plan.benchCitizens + 1;
    const users: { id: number; email: string; name: string }[] = [];
    const grants: { user: number; role: string; committee: number | null; agency: number | null }[] = [];
    const add = (email: string, name: string) => {
      const id = next++;
      users.push({ id, email: `${email}@${EMAIL_DOMAIN}`, name });
      return id;
    };
    staff.admin = add("staff-admin", "관리자");
    grants.push({ user: staff.admin, role: "admin", committee: null, agency: null });
    for (let i = 1; i <= 2; i++) {
      const id = add(`staff-moderator-${i}`, `운영자 ${i}`);
      staff.moderators.push(id);
      grants.push({ user: id, role: "moderator", committee: null, agency: null });
    }
    for (const c of committees) {
      const chair = add(`staff-chair-${c.slug}`, `${c.slug} 위원장`);
      staff.chairs.set(c.id, chair);
      grants.push({ user: chair, role: "committee_chair", committee: c.id, agency: null });
      grants.push({ user: chair, role: "committee_member", committee: c.id, agency: null });
      const members = [chair];
      for (let i = 1; i <= 6; i++) {
        const id = add(`staff-member-${c.slug}-${i}`, `${c.slug} 위원 ${i}`);
        members.push(id);
        grants.push({ user: id, role: "committee_member", committee: c.id, agency: null });
      }
      staff.members.set(c.id, members);
    }
    for (const a of agencies) {
      const ids = [1, 2].map((i) => add(`staff-officer-${a.slug}-${i}`, `${a.slug} 담당관 ${i}`));
      staff.officers.set(a.id, ids);
      for (const id of ids) grants.push({ user: id, role: "agency_officer", committee: null, agency: a.id });
    }
    await insertColumns(
      client,
      "users",
      [["id", "bigint"], ["email", "text"], ["display_name", "text"], ["password_hash", "text"]],
      [users.map((u) => u.id), users.map((u) => u.email), users.map((u) => u.name), users.map(() => passwordHash)],
      {
        targetColumns: ["id", "email", "display_name", "password_hash", "email_verified_at", "locale"],
        select: `id, email, display_name, password_hash, now(), 'ko'`,
      },
    );
    await insertColumns(
      client,
      "role_grants",
      [["user_id", "bigint"], ["role", "text"], ["committee_id", "integer"], ["agency_id", "integer"]],
      [grants.map((g) => g.user), grants.map((g) => g.role), grants.map((g) => g.committee), grants.map((g) => g.agency)],
    );
  });
  const officerOf = (agencyId: number) => staff.officers.get(agencyId)![Math.floor(r() * 2)];

  // ——— Campaigns: national and regional, past and current ———
  const campaigns = await step(`campaigns: ${plan.campaigns}`, async () => {
    const rows: { id: number; region: number | null; category: number | null; opens: number; closes: number }[] = [];
    for (let i = 0; i < plan.campaigns; i++) {
      const current = i % 3 !== 2;
      const opens = current ? now - (10 + r() * 50) * DAY : now - (200 + r() * 300) * DAY;
      const closes = current ? now + (20 + r() * 60) * DAY : opens + (60 + r() * 60) * DAY;
      rows.push({
        id: i + 1,
        region: r() < 0.3 ? 1 + Math.floor(r() * 17) : null,
        category: r() < 0.5 ? categories[Math.floor(r() * categories.length)].id : null,
        opens,
        closes,
      });
    }
    await insertColumns(
      client,
      "campaigns",
      [
        ["id", "integer"],
        ["slug", "text"],
        ["title_ko", "text"],
        ["title_en", "text"],
        ["category_id", "integer"],
        ["region_id", "smallint"],
        ["opens_at", "timestamptz"],
        ["closes_at", "timestamptz"],
      ],
      [
        rows.map((c) => c.id),
        rows.map((c) => `bench-campaign-${c.id}`),
        rows.map((c) => `${c.id}차 국민 아이디어 공모: 대중교통과 탄소중립`),
        rows.map((c) => `Call for ideas no. ${c.id}: transit and a carbon-neutral country`),
        rows.map((c) => c.category),
        rows.map((c) => c.region),
        rows.map((c) => iso(c.opens)),
        rows.map((c) => iso(c.closes)),
      ],
      {
        targetColumns: ["id", "slug", "title_ko", "title_en", "category_id", "region_id", "opens_at", "closes_at", "support_threshold", "support_window_days"],
        select: "id, slug, title_ko, title_en, category_id, region_id, opens_at, closes_at, 50000, 30",
      },
    );
    await q(`SELECT setval(pg_get_serial_sequence('campaigns', 'id'), (SELECT max(id) FROM campaigns))`);
    return rows;
  });

  // ——— Ideas, planned in memory: status, dates, workflow holders, support counts ———
  const ideas: IdeaRow[] = await step(`planned ${fmt(plan.ideas)} ideas (texts rendered as the app does)`, async () => {
    const statusOf = (i: number): IdeaStatus => {
      if (i < STATUS_SHARES.length) return STATUS_SHARES[i][0];
      let x = r() * 100;
      for (const [status, share] of STATUS_SHARES) {
        if ((x -= share) < 0) return status;
      }
      return "open";
    };
    const rows: IdeaRow[] = [];
    for (let i = 0; i < plan.ideas; i++) {
      const status = i === STATUS_SHARES.length ? "open" : statusOf(i);
      const hot = i === STATUS_SHARES.length; // one open idea, written out, becomes the hot one
      const category = categories[Math.floor(r() * categories.length)];
      const campaign = r() < 0.6 ? campaigns[Math.floor(r() * campaigns.length)] : null;
      const region = campaign?.region ?? (r() < 0.7 ? 1 + Math.floor(r() * 17) : null);
      const ago = (minDays: number, maxDays: number) => now - (minDays + r() * (maxDays - minDays)) * DAY;
      let created: number;
      switch (status) {
        case "open":
          created = hot ? now - 10 * DAY : ago(1 / 24, 20);
          break;
        case "pending":
          created = ago(1 / 24, 3);
          break;
        case "expired":
          created = ago(31, 365);
          break;
        case "fast_tracked":
          created = ago(2, 45);
          break;
        case "in_deliberation":
          created = ago(4, 90);
          break;
        case "under_review":
          created = ago(10, 150);
          break;
        default:
          created = ago(20, 365);
      }
      const english = !hot && r() < 0.3;
      rows.push({
        id: 0,
        author_id: 1 + Math.floor(r() * N),
        text: hot ? hotIdeaText() : ideaText(r, i + 1, region === null ? null : region - 1, english),
        category_id: campaign?.category ?? category.id,
        region_id: region,
        campaign_id: campaign?.id ?? null,
        status,
        support_count: 0,
        support_threshold: 0,
        support_ends_at: created + 30 * DAY,
        threshold_reached_at: null,
        created_at: created,
        status_changed_at: created,
        committee_id: null,
        committee_due_at: null,
        agency_id: null,
        agency_due_at: null,
        assigned_officer_id: null,
        outcome: null,
        official_answer: null,
        progress_percent: null,
        merged_into_id: null,
        supports_until: Math.min(now - 60_000, created + 30 * DAY),
        steps: [],
        recommendation: null,
        progress: [],
      });
    }
    // Ids in order of submission, as the database would have given them.
    const hotRow = rows[STATUS_SHARES.length];
    rows.sort((a, b) => a.created_at - b.created_at);
    rows.forEach((row, index) => (row.id = index + 1));
    checkComposition([hotRow.text, ...rows.filter((_, index) => index % Math.max(1, Math.floor(rows.length / 40)) === 0).map((row) => row.text)]);

    // Popularity: a Zipf-like spread over a random order that favours ideas that went far.
    const weight: Partial<Record<IdeaStatus, number>> = { open: 1.5, expired: 1, withdrawn: 0.5, rejected: 0.5 };
    const ranked = rows
      .filter((row) => row !== hotRow && !NO_SUPPORTS.includes(row.status))
      .map((row) => ({ row, score: r() * (POST_THRESHOLD.includes(row.status) ? 4 : (weight[row.status] ?? 1)) }))
      .sort((a, b) => b.score - a.score)
      .map((x) => x.row);
    hotRow.support_count = plan.hot;
    // The hot idea is rank 1; the others follow from rank 2, at least one support each.
    const counts = zipfCounts(Math.max(ranked.length, plan.supports - plan.hot), ranked.length, N, 2, 1);
    ranked.forEach((row, k) => (row.support_count = counts[k]));

    // The pipeline each idea went through, with its dates, holders and timeline.
    const openIds = rows.filter((row) => row.status === "open").map((row) => row.id);
    for (const row of rows) {
      const s = row.status;
      const add = (at: number, kind: string, from: IdeaStatus | null, to: IdeaStatus | null, actor: number | null, note: string | null = null) =>
        row.steps.push({ at, kind, from, to, actor, note });
      add(row.created_at, "submitted", null, s === "pending" ? "pending" : "open", row.author_id);
      const campaign = row.campaign_id ? campaigns[row.campaign_id - 1] : null;
      row.support_threshold = s === "open" ? OPEN_THRESHOLD : Math.max(50_000, row.support_count + 1);
      let at = row.created_at;
      const later = (maxGapDays: number, stepsLeft: number) => {
        at += (0.1 + 0.9 * r()) * Math.min(maxGapDays * DAY, (now - HOUR - at) / (stepsLeft + 1));
        return at;
      };
      switch (s) {
        case "open":
        case "pending":
          break;
        case "expired":
          at = row.support_ends_at!;
          row.supports_until = at - HOUR;
          add(at, "status", "open", "expired", null);
          break;
        case "withdrawn":
        case "rejected":
        case "merged": {
          later(29, 1);
          row.supports_until = at;
          const actor = s === "withdrawn" ? row.author_id : staff.moderators[Math.floor(r() * staff.moderators.length)];
          if (s === "merged") row.merged_into_id = openIds[Math.floor(r() * openIds.length)];
          const note = s === "rejected" ? "개인정보(전화번호)가 포함되어 있어 공개할 수 없습니다." : s === "merged" ? "같은 내용의 제안과 합쳤습니다." : null;
          add(at, "status", "open", s, actor, note);
          break;
        }
        default: {
          // Reached its threshold: the support that reached it was the last one.
          const steps = STEPS_AFTER_OPEN[s]!;
          at = row.created_at + (0.1 + 0.8 * r()) * Math.min(29 * DAY, (now - HOUR - row.created_at) / (steps + 1));
          row.threshold_reached_at = at;
          row.supports_until = at;
          row.support_threshold = row.support_count;
          // fastTrack(): the campaign's committee, else the category's (bench campaigns name none).
          row.committee_id = categories.find((c) => c.id === row.category_id)!.committee;
          row.committee_due_at = at + 14 * DAY;
          add(at, "threshold_reached", null, null, null, String(row.support_count));
          add(at, "status", "open", "fast_tracked", null);
          const chair = staff.chairs.get(row.committee_id)!;
          if (steps >= 2) add(later(7, steps - 1), "status", "fast_tracked", "in_deliberation", chair);
          if (s === "closed") {
            add(later(14, 1), "status", "in_deliberation", "closed", chair);
            row.recommendation = { decision: "not_recommended", at };
          } else if (steps >= 3) {
            const agency = agencies[Math.floor(r() * agencies.length)];
            row.agency_id = agency.id;
            add(later(14, steps - 2), "status", "in_deliberation", "under_review", chair);
            row.recommendation = { decision: "forward", at };
            row.agency_due_at = at + 30 * DAY;
            if (steps >= 4) {
              const officer = officerOf(agency.id);
              row.assigned_officer_id = officer;
              const outcomes: Outcome[] = s === "answered" ? ["accepted", "partially_accepted", "further_study", "not_accepted"] : ["accepted", "partially_accepted"];
              row.outcome = outcomes[Math.floor(r() * outcomes.length)];
              row.official_answer = ANSWERS_KO[["accepted", "partially_accepted", "further_study", "not_accepted"].indexOf(row.outcome)];
              add(later(30, steps - 3), "status", "under_review", "answered", officer);
              if (steps >= 5) {
                const percent = s === "implemented" ? 50 : 10 + Math.floor(r() * 80);
                add(later(60, steps - 4), "status", "answered", "implementing", officer, `${percent}%`);
                row.progress.push({ percent, at });
                row.progress_percent = percent;
              }
              if (steps >= 6) {
                add(later(90, 1), "status", "implementing", "implemented", officer, "100%");
                row.progress.push({ percent: 100, at });
                row.progress_percent = 100;
              }
            }
          }
        }
      }
      if (NO_SUPPORTS.includes(s)) row.support_count = 0;
      row.status_changed_at = row.steps.filter((e) => e.kind === "status").at(-1)?.at ?? row.created_at;
      if (s === "open") row.supports_until = now - 60_000;
    }
    return rows;
  });

  await step(`ideas: ${fmt(ideas.length)} rows (search_vector as the app computes it)`, async () => {
    const answers = new Map(ANSWERS_KO.map((a) => [a, renderMarkdown(a)]));
    const col = <T>(f: (row: IdeaRow) => T) => ideas.map(f);
    await insertColumns(
      client,
      "ideas",
      [
        ["id", "bigint"],
        ["author_id", "bigint"],
        ["title", "text"],
        ["body", "text"],
        ["body_html", "text"],
        ["excerpt", "text"],
        ["title_tokens", "text"],
        ["body_tokens", "text"],
        ["category_id", "integer"],
        ["region_id", "smallint"],
        ["campaign_id", "integer"],
        ["status", "text"],
        ["support_threshold", "integer"],
        ["support_ends_at", "timestamptz"],
        ["threshold_reached_at", "timestamptz"],
        ["created_at", "timestamptz"],
        ["status_changed_at", "timestamptz"],
        ["committee_id", "integer"],
        ["committee_due_at", "timestamptz"],
        ["agency_id", "integer"],
        ["agency_due_at", "timestamptz"],
        ["assigned_officer_id", "bigint"],
        ["outcome", "text"],
        ["official_answer", "text"],
        ["official_answer_html", "text"],
        ["answered_at", "timestamptz"],
        ["progress_percent", "integer"],
        ["merged_into_id", "bigint"],
      ],
      [
        col((x) => x.id),
        col((x) => x.author_id),
        col((x) => x.text.title),
        col((x) => x.text.body),
        col((x) => x.text.body_html),
        col((x) => x.text.excerpt),
        col((x) => indexTokens(x.text.title)),
        col((x) => indexTokens(x.text.body)),
        col((x) => x.category_id),
        col((x) => x.region_id),
        col((x) => x.campaign_id),
        col((x) => x.status),
        col((x) => x.support_threshold),
        col((x) => iso(x.support_ends_at)),
        col((x) => iso(x.threshold_reached_at)),
        col((x) => iso(x.created_at)),
        col((x) => iso(x.status_changed_at)),
        col((x) => x.committee_id),
        col((x) => iso(x.committee_due_at)),
        col((x) => x.agency_id),
        col((x) => iso(x.agency_due_at)),
        col((x) => x.assigned_officer_id),
        col((x) => x.outcome),
        col((x) => x.official_answer),
        col((x) => (x.official_answer ? answers.get(x.official_answer)! : null)),
        col((x) => iso(x.steps.find((e) => e.to === "answered")?.at ?? null)),
        col((x) => x.progress_percent),
        col((x) => x.merged_into_id),
      ],
      {
        batch: 2000,
        targetColumns: [
          "id", "author_id", "title", "body", "body_html", "excerpt", "search_vector", "category_id", "region_id", "campaign_id",
          "status", "support_count", "support_threshold", "support_window_days", "support_ends_at", "threshold_reached_at",
          "created_at", "updated_at", "status_changed_at", "committee_id", "committee_due_at", "agency_id", "agency_due_at",
          "assigned_officer_id", "outcome", "official_answer", "official_answer_html", "answered_at", "progress_percent", "merged_into_id",
        ],
        // The expression of textColumns() in app/domain/ideas/ideas.server.ts, on the same tokens.
        select: `id, author_id, title, body, body_html, excerpt,
          setweight(to_tsvector('simple', title_tokens), 'A') || setweight(to_tsvector('simple', body_tokens), 'B'),
          category_id, region_id, campaign_id, status, 0, support_threshold, 30, support_ends_at, threshold_reached_at,
          created_at, status_changed_at, status_changed_at, committee_id, committee_due_at, agency_id, agency_due_at,
          assigned_officer_id, outcome, official_answer, official_answer_html, answered_at, progress_percent, merged_into_id`,
      },
    );
    await q(`SELECT setval(pg_get_serial_sequence('ideas', 'id'), (SELECT max(id) FROM ideas))`);
  });

  await step("timelines, recommendations, progress updates, follows", async () => {
    const events = ideas.flatMap((row) => row.steps.map((e) => ({ idea: row.id, ...e })));
    events.sort((a, b) => a.at - b.at);
    await insertColumns(
      client,
      "idea_events",
      [
        ["idea_id", "bigint"],
        ["actor_id", "bigint"],
        ["kind", "text"],
        ["from_status", "text"],
        ["to_status", "text"],
        ["note", "text"],
        ["created_at", "timestamptz"],
      ],
      [
        events.map((e) => e.idea),
        events.map((e) => e.actor),
        events.map((e) => e.kind),
        events.map((e) => e.from),
        events.map((e) => e.to),
        events.map((e) => e.note),
        events.map((e) => iso(e.at)),
      ],
    );
    log(`  idea_events: ${fmt(events.length)} rows`);
    const recs = ideas.filter((row) => row.recommendation);
    const rationaleHtml = RATIONALES_KO.map((t) => renderMarkdown(t));
    await insertColumns(
      client,
      "recommendations",
      [
        ["idea_id", "bigint"],
        ["committee_id", "integer"],
        ["decision", "text"],
        ["agency_id", "integer"],
        ["rationale", "text"],
        ["rationale_html", "text"],
        ["stance_for", "integer"],
        ["stance_against", "integer"],
        ["stance_neutral", "integer"],
        ["recorded_by", "bigint"],
        ["created_at", "timestamptz"],
      ],
      [
        recs.map((x) => x.id),
        recs.map((x) => x.committee_id),
        recs.map((x) => x.recommendation!.decision),
        recs.map((x) => (x.recommendation!.decision === "forward" ? x.agency_id : null)),
        recs.map((x) => RATIONALES_KO[x.recommendation!.decision === "forward" ? 0 : 1]),
        recs.map((x) => rationaleHtml[x.recommendation!.decision === "forward" ? 0 : 1]),
        recs.map(() => Math.floor(r() * 6)),
        recs.map(() => Math.floor(r() * 3)),
        recs.map(() => Math.floor(r() * 2)),
        recs.map((x) => staff.chairs.get(x.committee_id!)!),
        recs.map((x) => iso(x.recommendation!.at)),
      ],
    );
    const updates = ideas.flatMap((row) => row.progress.map((p) => ({ idea: row.id, officer: row.assigned_officer_id!, ...p })));
    const progressBody = (p: number) => (p === 100 ? "사업을 마쳤습니다. 결과 보고서를 공개합니다." : `사업이 ${p}% 진행되었습니다. 다음 분기에 대상 지역을 넓힙니다.`);
    await insertColumns(
      client,
      "progress_updates",
      [
        ["idea_id", "bigint"],
        ["percent", "integer"],
        ["body", "text"],
        ["body_html", "text"],
        ["author_id", "bigint"],
        ["created_at", "timestamptz"],
      ],
      [
        updates.map((u) => u.idea),
        updates.map((u) => u.percent),
        updates.map((u) => progressBody(u.percent)),
        updates.map((u) => renderMarkdown(progressBody(u.percent))),
        updates.map((u) => u.officer),
        updates.map((u) => iso(u.at)),
      ],
    );
    // Authors follow their own ideas (submitIdea does the same).
    await q(`INSERT INTO follows (user_id, idea_id, created_at) SELECT author_id, id, created_at FROM ideas`);
  });

  // ——— Supports: per idea, distinct citizens 1 + (offset + k·STEP) mod N, k < count ———
  await step(`supports: ${fmt(ideas.reduce((n, row) => n + row.support_count, 0))} rows`, async () => {
    const planned = ideas.filter((row) => row.support_count > 0);
    await q(`CREATE TEMP TABLE bench_support_plan (idea_id bigint PRIMARY KEY, n integer, off bigint, t0 timestamptz, t1 timestamptz)`);
    await insertColumns(
      client,
      "bench_support_plan",
      [
        ["idea_id", "bigint"],
        ["n", "integer"],
        ["off", "bigint"],
        ["t0", "timestamptz"],
        ["t1", "timestamptz"],
      ],
      [
        planned.map((x) => x.id),
        planned.map((x) => x.support_count),
        planned.map(() => Math.floor(r() * N)),
        planned.map((x) => iso(x.created_at)),
        planned.map((x) => iso(Math.max(x.created_at + 60_000, x.supports_until))),
      ],
    );
    // Chunks of about half a million rows, for progress.
    const chunks: number[][] = [];
    let current: number[] = [];
    let size = 0;
    for (const row of planned) {
      current.push(row.id);
      size += row.support_count;
      if (size >= 500_000) {
        chunks.push(current);
        current = [];
        size = 0;
      }
    }
    if (current.length) chunks.push(current);
    let done = 0;
    for (const chunk of chunks) {
      const result = await q(
        `INSERT INTO supports (idea_id, user_id, region_id, created_at)
         SELECT p.idea_id, u.id, ${regionSql("u.id")}, p.t0 + (p.t1 - p.t0) * random()
           FROM bench_support_plan p
           CROSS JOIN LATERAL generate_series(0, p.n - 1) AS k
           CROSS JOIN LATERAL (SELECT 1 + ((p.off + k::bigint * ${STEP}) % ${N}) AS id) AS u
          WHERE p.idea_id = ANY($1::bigint[])`,
        [chunk],
      );
      done += result.rowCount ?? 0;
      if (chunks.length > 1) log(`  supports ${fmt(done)}`);
    }
  });

  await step("supports: primary key, index and foreign keys rebuilt", async () => {
    const supports = dropped.find((d) => d.table === "supports")!;
    for (const statement of supports.restore) await q(statement);
    supports.restore = [];
  });

  // The weekly counters (migration 005) are kept by a statement trigger on supports: the bulk
  // insert above already filled them, in one pass per statement.
  const weeks = (await q(`SELECT to_regclass('idea_support_weeks') IS NOT NULL AS found`)).rows[0].found as boolean;
  await step("counters made exact from the supports (count, regions, hours, trending)", async () => {
    await q(`UPDATE ideas i SET support_count = c.n
               FROM (SELECT idea_id, count(*)::int AS n FROM supports GROUP BY idea_id) c WHERE i.id = c.idea_id`);
    await q(`INSERT INTO idea_support_regions (idea_id, region_id, supports)
             SELECT idea_id, coalesce(region_id, 0), count(*) FROM supports GROUP BY 1, 2`);
    // The app keeps hour counters for the trending window only (the clean-up job drops those
    // older than 4 days), so only those are built.
    await q(`INSERT INTO idea_support_hours (idea_id, hour, supports)
             SELECT idea_id, date_trunc('hour', created_at), count(*) FROM supports
              WHERE date_trunc('hour', created_at) >= now() - interval '4 days' GROUP BY 1, 2`);
    await q(`UPDATE ideas i SET trending_score = t.score
               FROM (SELECT idea_id, sum(supports)::int AS score FROM idea_support_hours
                      WHERE hour > now() - interval '72 hours' GROUP BY idea_id) t
              WHERE i.id = t.idea_id`);
    const check = await q(`
      SELECT (SELECT count(*) FROM supports) AS supports,
             (SELECT sum(support_count) FROM ideas) AS counted,
             (SELECT sum(supports) FROM idea_support_regions) AS by_region,
             ${weeks ? "(SELECT sum(supports) FROM idea_support_weeks)" : "(SELECT count(*) FROM supports)"} AS by_week,
             (SELECT count(*) FROM ideas WHERE status = 'open' AND support_count >= support_threshold) AS open_over,
             (SELECT count(*) FROM ideas WHERE threshold_reached_at IS NOT NULL AND support_count < support_threshold) AS reached_under`);
    const c = check.rows[0];
    if (Number(c.supports) !== Number(c.counted) || Number(c.supports) !== Number(c.by_region) || Number(c.supports) !== Number(c.by_week) || Number(c.open_over) || Number(c.reached_under)) {
      throw new Error(`counters are not consistent: ${JSON.stringify(c)}`);
    }
  });

  // ——— Comment threads and committee threads with their posts ———
  const tables = new Set(
    (await q(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`)).rows.map((row) => String(row.table_name)),
  );
  if (tables.has("threads") && tables.has("posts")) {
    await step(`threads and posts: about ${fmt(plan.posts)} posts`, async () => {
      interface ThreadPlan {
        id: number;
        kind: "committee" | "idea_comments";
        committee: number | null;
        idea: number | null;
        title: string;
        createdBy: number | null;
        n: number;
        t0: number;
        t1: number;
        authors: number[] | null;
      }
      const threads: ThreadPlan[] = [];
      const byPopularity = ideas
        .filter((row) => !["pending", "rejected", "withdrawn", "merged"].includes(row.status))
        .sort((a, b) => b.support_count - a.support_count);
      const decided = (row: IdeaRow) => row.steps.find((e) => e.from === "in_deliberation")?.at ?? now - HOUR;
      const commentThread = (row: IdeaRow, n: number) =>
        threads.push({ id: 0, kind: "idea_comments", committee: null, idea: row.id, title: row.text.title, createdBy: null, n, t0: row.created_at, t1: now - 60_000, authors: null });
      const deliberationThread = (row: IdeaRow, n: number) =>
        threads.push({
          id: 0,
          kind: "committee",
          committee: row.committee_id,
          idea: row.id,
          title: row.text.title,
          createdBy: null,
          n,
          t0: row.threshold_reached_at!,
          t1: decided(row),
          authors: staff.members.get(row.committee_id!)!,
        });
      const big = plan.bigThread;
      // Ten ideas with 5,000+ comments, the most supported first.
      const bigIdeas = byPopularity.slice(0, 10);
      for (const row of bigIdeas) commentThread(row, big);
      // Ten committee threads with 5,000+ posts: deliberations of ideas in deliberation, and general threads.
      const deliberating = ideas.filter((row) => row.status === "in_deliberation").slice(0, 5);
      for (const row of deliberating) deliberationThread(row, big);
      const general = 10 - deliberating.length;
      const generalCount = general + Math.max(4, Math.round(100 * scale));
      for (let i = 0; i < generalCount; i++) {
        const committee = committees[i % committees.length];
        threads.push({
          id: 0,
          kind: "committee",
          committee: committee.id,
          idea: null,
          title: `${i + 1}차 분과 회의: 대중교통과 탄소 감축 안건 논의`,
          createdBy: staff.chairs.get(committee.id)!,
          n: i < general ? big : -1,
          t0: now - 300 * DAY,
          t1: now - HOUR,
          authors: staff.members.get(committee.id)!,
        });
      }
      // Every other idea past the threshold has its deliberation thread; many more ideas have comments.
      const bigSet = new Set([...deliberating.map((row) => row.id)]);
      for (const row of ideas) {
        if (POST_THRESHOLD.includes(row.status) && !bigSet.has(row.id)) deliberationThread(row, row.status === "fast_tracked" ? 0 : -1);
      }
      const commented = new Set(bigIdeas.map((row) => row.id));
      const withComments = byPopularity.filter((row) => !commented.has(row.id)).slice(0, Math.round(15_000 * scale));
      for (const row of withComments) commentThread(row, -1);
      // The rest of the posts spread Zipf-like over the threads marked -1, in a random order.
      const open = threads.filter((t) => t.n === -1);
      const remaining = Math.max(0, plan.posts - threads.filter((t) => t.n > 0).reduce((n, t) => n + t.n, 0));
      const order = open.map((t) => ({ t, k: r() })).sort((a, b) => a.k - b.k).map((x) => x.t);
      const counts = zipfCounts(remaining, order.length, big - 1, 1, 0);
      order.forEach((t, k) => (t.n = counts[k]));
      let base = 0;
      threads.forEach((t, i) => (t.id = i + 1));
      await insertColumns(
        client,
        "threads",
        [
          ["id", "bigint"],
          ["kind", "text"],
          ["committee_id", "integer"],
          ["idea_id", "bigint"],
          ["title", "text"],
          ["created_by", "bigint"],
          ["created_at", "timestamptz"],
        ],
        [
          threads.map((t) => t.id),
          threads.map((t) => t.kind),
          threads.map((t) => t.committee),
          threads.map((t) => t.idea),
          threads.map((t) => t.title.slice(0, 200)),
          threads.map((t) => t.createdBy),
          threads.map((t) => iso(t.t0)),
        ],
      );
      const pool = postPool(r, 800);
      await q(`CREATE TEMP TABLE bench_post_text (i integer PRIMARY KEY, body text, body_html text)`);
      await insertColumns(
        client,
        "bench_post_text",
        [["i", "integer"], ["body", "text"], ["body_html", "text"]],
        [pool.map((_, i) => i), pool.map((p) => p.body), pool.map((p) => p.body_html)],
      );
      const withPosts = threads.filter((t) => t.n > 0);
      const bases = withPosts.map((t) => {
        const b = base;
        base += t.n;
        return b;
      });
      await q(`CREATE TEMP TABLE bench_post_plan (thread_id bigint, n integer, base bigint, t0 timestamptz, t1 timestamptz, authors bigint[])`);
      await insertColumns(
        client,
        "bench_post_plan",
        [
          ["thread_id", "bigint"],
          ["n", "integer"],
          ["base", "bigint"],
          ["t0", "timestamptz"],
          ["t1", "timestamptz"],
        ],
        [
          withPosts.map((t) => t.id),
          withPosts.map((t) => t.n),
          bases,
          withPosts.map((t) => iso(t.t0)),
          withPosts.map((t) => iso(Math.max(t.t0 + 60_000, t.t1))),
        ],
      );
      for (const [committee, members] of staff.members) {
        await q(`UPDATE bench_post_plan p SET authors = $1::bigint[] FROM threads t WHERE t.id = p.thread_id AND t.kind = 'committee' AND t.committee_id = $2`, [
          members,
          committee,
        ]);
      }
      // Posts come in blocks of five: a top-level post, a reply, a reply to that reply, another
      // reply to the top post, and a top-level post without replies. Ids follow time.
      await q(`
        INSERT INTO posts (id, thread_id, parent_id, root_id, depth, author_id, body, body_html, stance, created_at)
        SELECT x.id, p.thread_id,
               CASE x.m WHEN 1 THEN x.id - 1 WHEN 2 THEN x.id - 1 WHEN 3 THEN x.id - 3 END,
               CASE x.m WHEN 1 THEN x.id - 1 WHEN 2 THEN x.id - 2 WHEN 3 THEN x.id - 3 END,
               CASE x.m WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 1 ELSE 0 END,
               CASE WHEN p.authors IS NULL THEN 1 + ((x.id * 2654435761) % ${N})
                    ELSE p.authors[1 + (x.k % cardinality(p.authors))] END,
               txt.body, txt.body_html,
               CASE WHEN (x.id * 40503) % 10 < 5 THEN 'for' WHEN (x.id * 40503) % 10 < 8 THEN 'against' ELSE 'neutral' END,
               p.t0 + (p.t1 - p.t0) * ((x.k + 1)::float8 / (p.n + 1))
          FROM bench_post_plan p
          CROSS JOIN LATERAL (SELECT k, (k % 5)::int AS m, p.base + k + 1 AS id FROM generate_series(0, p.n - 1) AS k) AS x
          JOIN bench_post_text txt ON txt.i = (x.id * 31) % ${pool.length}`);
      await q(`SELECT setval(pg_get_serial_sequence('posts', 'id'), greatest(1, (SELECT max(id) FROM posts)))`);
      await q(`SELECT setval(pg_get_serial_sequence('threads', 'id'), greatest(1, (SELECT max(id) FROM threads)))`);
      await q(`UPDATE posts p SET reply_count = c.n FROM (SELECT parent_id, count(*)::int AS n FROM posts WHERE parent_id IS NOT NULL GROUP BY 1) c
                WHERE p.id = c.parent_id`);
      await q(`UPDATE threads t SET post_count = c.n, last_post_at = c.last
                 FROM (SELECT thread_id, count(*)::int AS n, max(created_at) AS last FROM posts GROUP BY 1) c WHERE t.id = c.thread_id`);
      log(`  ${fmt(threads.length)} threads, ${fmt(base)} posts; 20 threads of ${fmt(big)}`);
    });
  } else {
    log("threads/posts tables are not there (migration 004 missing): comments and posts skipped");
  }

  const flagColumns = new Set(
    (await q(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'flags'`)).rows.map((row) =>
      String(row.column_name),
    ),
  );
  if (["idea_id", "post_id", "user_id", "reason", "created_at", "resolved_at", "resolved_by", "resolution"].every((c) => flagColumns.has(c))) {
    await step(`flags: ${fmt(plan.flags)} on ideas and posts (most resolved, some waiting in the queue)`, async () => {
      // Distinct (item, citizen) pairs: citizen 1 + (k·STEP mod N) differs for every k < N.
      // Nothing is hidden: resolved flags were dismissed or restored, and an item has at most one
      // open flag, below any hiding threshold.
      const moderators = `'{${staff.moderators.join(",")}}'::bigint[]`;
      const flag = async (target: "idea_id" | "post_id", source: string, count: number, offset: number) => {
        await q(`DROP TABLE IF EXISTS bench_flag_items`);
        await q(`CREATE TEMP TABLE bench_flag_items AS SELECT row_number() OVER (ORDER BY id) AS n, id, created_at FROM (${source}) s`);
        const items = Number((await q(`SELECT count(*) AS n FROM bench_flag_items`)).rows[0].n);
        if (!items || !count) return;
        await q(`
          INSERT INTO flags (${target}, user_id, reason, created_at, resolved_at, resolved_by, resolution)
          SELECT item.id, 1 + ((k::bigint * ${STEP}) % ${N}),
                 ('{spam,abuse,personal_data,off_topic,duplicate,illegal,other}'::text[])[1 + (k % 7)::int],
                 x.at,
                 CASE WHEN NOT x.open THEN x.at + (now() - x.at) / 2 END,
                 CASE WHEN NOT x.open THEN (${moderators})[1 + (k % ${staff.moderators.length})::int] END,
                 CASE WHEN x.open THEN NULL WHEN k % 3 = 0 THEN 'restored' ELSE 'dismissed' END
            FROM generate_series(${offset}::bigint, ${offset + count - 1}::bigint) AS k
            JOIN bench_flag_items item ON item.n = 1 + ((k - ${offset}) * 7919) % ${items}
            CROSS JOIN LATERAL (SELECT (k - ${offset}) % 5 = 0 AND (k - ${offset}) < ${items} AS open,
                                       item.created_at + (now() - item.created_at) * ((k % 97) / 100.0) AS at) AS x`);
      };
      const onIdeas = Math.round(plan.flags * 0.7);
      await flag("idea_id", `SELECT id, created_at FROM ideas WHERE status NOT IN ('pending', 'rejected')`, onIdeas, 0);
      if (tables.has("posts")) await flag("post_id", `SELECT id, created_at FROM posts`, plan.flags - onIdeas, onIdeas);
    });
  } else {
    log("no flags table (or not the layout this seeder knows): flags skipped");
  }

  await step("overdue steps noticed, e-mail fan-out cursor past the seeded history", async () => {
    // What the pipeline job would record on its first run, so that it has nothing to catch up on.
    await q(`INSERT INTO overdue_steps (idea_id, step, due_at, noticed_at)
             SELECT id, 'committee', committee_due_at, committee_due_at FROM ideas
              WHERE status IN ('fast_tracked', 'in_deliberation') AND committee_due_at <= now()
             UNION ALL
             SELECT id, 'agency', agency_due_at, agency_due_at FROM ideas
              WHERE status = 'under_review' AND agency_due_at <= now()
             ON CONFLICT DO NOTHING`);
    await q(`INSERT INTO scheduled_jobs (name, cursor) SELECT 'follower-emails', coalesce(max(id), 0) FROM idea_events
             ON CONFLICT (name) DO UPDATE SET cursor = excluded.cursor`);
    await q(`SELECT setval(pg_get_serial_sequence('users', 'id'), (SELECT max(id) FROM users))`);
  });

  await step("indexes, unique rules and foreign keys rebuilt (and so re-checked)", async () => {
    for (const d of dropped) {
      const t = Date.now();
      for (const statement of d.restore) await q(statement);
      if (d.restore.length) log(`  ${d.table}: ${d.restore.length} rebuilt (${seconds(Date.now() - t)})`);
    }
  });

  await step("supports' daily roots published up to yesterday (decision 051)", async () => {
    // Else the app's support-roots job publishes a year of days when the bench first starts it,
    // minutes of hashing and an UPDATE of every support inside the first scenarios' measures.
    const roots = connect(benchUrl, { max: 1 });
    try {
      const days = await publishDueRoots(roots.db, new Date());
      log(`  ${fmt(days.length)} days`);
    } finally {
      await roots.close();
    }
  });

  const sessions = await step(`sessions for ${fmt(plan.benchCitizens)} bench citizens → bench/.sessions.json`, () => createSessions(client, BENCH_DB));

  await step("VACUUM ANALYZE", async () => {
    await q(`VACUUM ANALYZE`);
  });

  const counts = await q(`
    SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM ideas) AS ideas,
           (SELECT count(*) FROM supports) AS supports, (SELECT count(*) FROM idea_events) AS events,
           (SELECT max(support_count) FROM ideas) AS hot,
           ${tables.has("posts") ? "(SELECT count(*) FROM posts)" : "0"} AS posts,
           pg_size_pretty(pg_database_size(current_database())) AS size`);
  const statuses = await q(`SELECT status, count(*) AS n FROM ideas GROUP BY status ORDER BY count(*) DESC`);
  const c = counts.rows[0];
  await client.end();
  console.log(
    `\nDone in ${seconds(Date.now() - started)}: ${BENCH_DB} holds ${fmt(Number(c.users))} users, ${fmt(Number(c.ideas))} ideas, ` +
      `${fmt(Number(c.supports))} supports (most-supported idea ${fmt(Number(c.hot))}), ${fmt(Number(c.events))} timeline events, ` +
      `${fmt(Number(c.posts))} posts; ${c.size} on disk. ${fmt(sessions.sessions.length)} sessions in bench/.sessions.json.`,
  );
  console.log(`Statuses: ${statuses.rows.map((row) => `${row.status} ${fmt(Number(row.n))}`).join(", ")}`);
}

runMain(main);
