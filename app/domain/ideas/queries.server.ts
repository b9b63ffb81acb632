// Read queries for idea pages. Each page does a fixed number of queries, whatever its size.
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { Actor } from "../accounts/permissions";
import { CURSOR_SHAPES, decodeCursor, DEFAULT_STATUSES, encodeCursor, type ListParams } from "./list";
import { searchQuery } from "./search";
import { named } from "../../../db/named";
import { setLocal, withSettings } from "../../../db/local-settings";
import { shaped } from "../../../db/shaped";
import { readIdea, type IdeaRecord } from "./record.server";
import { contentVisibleTo } from "./visibility.server";
import { kept, keptPerKey } from "../kept.server";
import type { Locale } from "../../utils/i18n";

export const PAGE_SIZE = 20;

const CARD_COLUMNS = [
  "ideas.id",
  "ideas.title",
  "ideas.excerpt",
  "ideas.status",
  "ideas.support_count",
  "ideas.support_threshold",
  "ideas.support_ends_at",
  "ideas.trending_score",
  "ideas.created_at",
  "categories.name_ko as category_ko",
  "categories.name_en as category_en",
  "regions.name_ko as region_ko",
  "regions.name_en as region_en",
] as const;

function cardQuery(db: Kysely<Database>) {
  return db
    .selectFrom("ideas")
    .innerJoin("categories", "categories.id", "ideas.category_id")
    .leftJoin("regions", "regions.id", "ideas.region_id")
    .select(CARD_COLUMNS);
}

export type IdeaCard = Awaited<ReturnType<ReturnType<typeof cardQuery>["execute"]>>[number];

/**
 * How many matches a search by relevance ranks, at most, in each of its two candidate sets (the
 * newest matches in the title, the newest matches anywhere). A search with fewer matches ranks
 * them all; a common word (half of the ideas) ranks this many instead of every match (decision 059).
 */
export const RANKED_CANDIDATES = 1000;

/**
 * A search by relevance: the matches are ranked in the narrow `idea_search` table (vector and
 * filter columns only, migration 2026-12-04-150), and only the page's ideas are read from `ideas`.
 * The same rank (ts_rank over the same vector) and the same keys as the other sorts' query, over
 * at most RANKED_CANDIDATES of the newest matches and, when those are not all the matches, as
 * many of the newest title matches (decisions 070, 077).
 */
async function searchByRelevance(db: Kysely<Database>, params: ListParams, tsquery: string) {
  const after = decodeCursor(params.cursor, CURSOR_SHAPES.relevance);
  // Built once per set of filters (db/shaped.ts): the values below are only ever parameters.
  const values = {
    tsquery,
    loose: searchQuery(params.q, "first-pieces"),
    looseTitle: searchQuery(params.q, "all-pieces"),
    status: params.status,
    categoryId: params.categoryId,
    regionId: params.regionId,
    campaignId: params.campaignId,
    afterRank: after?.[0],
    afterId: after?.[1],
  };
  const rows = await shaped(db, "search-by-relevance", values, (v) => searchByRelevanceQuery(db, v));
  const ideas = rows.slice(0, PAGE_SIZE);
  const last = ideas[ideas.length - 1];
  return { ideas, nextCursor: rows.length > PAGE_SIZE ? encodeCursor([last.rank, last.id]) : null };
}

/** The query of a search by relevance, for `shaped`: each value only ever a parameter. */
function searchByRelevanceQuery(
  db: Kysely<Database>,
  v: {
    tsquery: string;
    loose: string | null;
    looseTitle: string | null;
    status?: ListParams["status"];
    categoryId?: number | null;
    regionId?: number | null;
    campaignId?: number | null;
    afterRank?: string | number;
    afterId?: string | number;
  },
) {
  const query = sql`to_tsquery('simple', ${v.tsquery})`;
  // PostgreSQL estimates a Korean word's pieces (대중 <-> 중교 <-> 교통) as if they were
  // independent, and so takes a word in half of the ideas for a rare one and reads every match
  // to find the newest. The index is asked for the first piece (whose frequency it knows) and the
  // whole word checked as a plain function call: the estimate is then near enough to choose
  // between the index (a rare word) and reading ideas newest first until enough match (a common one).
  // The check is there for a single word too, where it changes no result: the planner counts a
  // third of the rows for a function it cannot estimate, which offsets its price for a page read
  // through the index (as if from disk, where every page here is in memory), so that a word in a
  // few thousand ideas is read through the index rather than by reading ideas newest first through
  // half of the table (decision 070).
  // Titles are asked for every piece of a word (`looseTitle`): a title set is read only when the
  // newest set is full, and a word with a particle whose first piece is a common title word
  // ("시민의", "안전입니다") is in few titles or none; given every piece, the title index finds
  // those few at once where the first piece alone had thousands of titles read (decision 100).
  const matching = (column: "s.vector" | "t.title_vector", loose: string | null) =>
    sql<boolean>`${sql.ref(column)} @@ to_tsquery('simple', ${loose}) AND ts_match_vq(${sql.ref(column)}, ${query})`;
  // The list's filters, on `idea_search` (s) or `idea_titles` (t): both carry their columns.
  const filtered = (alias: "s" | "t") => {
    const column = (name: string) => sql.ref(`${alias}.${name}`);
    const parts = [v.status ? sql`${column("status")} = ${v.status}` : sql`${column("status")} IN (${sql.join(DEFAULT_STATUSES)})`];
    if (v.categoryId) parts.push(sql`${column("category_id")} = ${v.categoryId}`);
    if (v.regionId) parts.push(sql`${column("region_id")} = ${v.regionId}`);
    if (v.campaignId) parts.push(sql`${column("campaign_id")} = ${v.campaignId}`);
    return sql<boolean>`${sql.join(parts, sql` AND `)}`;
  };
  const rank = sql<number>`ts_rank(s.vector, ${query})`;
  // The newest matches, each ranked. The rank goes through the sort beside the id, not the
  // vector: sorting the vectors costs more than ranking the matches that a scan of the index
  // (rather than of ideas newest first) ranks before its LIMIT, even the 3,400–5,300 of the
  // slowest two-word searches (docs/scaling.md, twentieth round: 161 ms for seven of them
  // as here, 179 with the rank after the limit).
  const newestRanked = db
    .selectFrom("idea_search as s")
    .select(["s.idea_id", rank.as("rank"), "s.title_vector"])
    .where(matching("s.vector", v.loose))
    .where(filtered("s"))
    .orderBy("s.idea_id", "desc");
  return db
    // The newest matches first, kept (MATERIALIZED) so that they are counted without a second
    // scan, each with its title's words (small), to count those that match in their title.
    .with(
      (cte) => cte("newest").materialized(),
      (qb) =>
        qb
          .selectFrom(newestRanked.limit(RANKED_CANDIDATES).as("n"))
          .select(["n.idea_id", "n.rank", "n.title_vector"]),
    )
    // The title set only matters when the newest set is full: with fewer matches than that, every
    // match is in it, title matches included, and PostgreSQL skips the title scan (a one-time
    // filter). When it is full, every title match at least as new as its oldest idea is in it
    // already, so the title set is looked for among older ideas only, and only as many as the
    // newest title matches that the newest set lacks: the same ideas as the newest
    // RANKED_CANDIDATES title matches, without ranking twice those both sets hold (decision 077).
    // `idea_id + 0`: the bound is known only when the statement runs, so the planner is not
    // offered to read ideas backwards from it (it took a phrase in no title for a common one and
    // read every older idea); it chooses between the title index and reading newest first by the
    // title word's frequency, as before. MATERIALIZED for the same reason: planned on its own,
    // not for the few rows the LIMIT below may take.
    // The title matches are read in `idea_titles` (a title's words and the filters' columns, about
    // 200 bytes a row where `idea_search`'s carry the whole vector), and only those the title set
    // keeps are ranked, on `idea_search` below: a common title word read thousands of wide rows,
    // one heap page each, and ranked them all to keep a few hundred (decision 101).
    .with(
      (cte) => cte("older").materialized(),
      () =>
        db
          .selectFrom("idea_titles as t")
          .select("t.idea_id")
          .where(matching("t.title_vector", v.looseTitle))
          .where(filtered("t"))
          .where(sql<boolean>`t.idea_id + 0 < (SELECT min(idea_id) FROM newest)`)
          .orderBy("t.idea_id", "desc")
          .limit(RANKED_CANDIDATES),
    )
    .with("c", (qb) =>
      qb
        .selectFrom("newest")
        .select(["newest.idea_id", "newest.rank"])
        .unionAll(
          qb
            .selectFrom((sub) =>
              sub
                .selectFrom("older")
                .select("older.idea_id")
                .orderBy("older.idea_id", "desc")
                .limit(sql<number>`${RANKED_CANDIDATES}::int - (SELECT count(*) FROM newest WHERE ts_match_vq(newest.title_vector, ${query}))::int`)
                .as("o"),
            )
            .innerJoin("idea_search as s", "s.idea_id", "o.idea_id")
            .select(["o.idea_id", rank.as("rank")])
            .where(sql<boolean>`(SELECT count(*) FROM newest) >= ${RANKED_CANDIDATES}`),
        ),
    )
    .selectFrom((qb) => {
      let matches = qb.selectFrom("c").select(["c.idea_id", "c.rank"]);
      if (v.afterId !== undefined) matches = matches.where(sql<boolean>`(c.rank, c.idea_id) < (${v.afterRank}::real, ${v.afterId}::bigint)`);
      return matches.orderBy("c.rank", "desc").orderBy("c.idea_id", "desc").limit(PAGE_SIZE + 1).as("m");
    })
    .innerJoin("ideas", "ideas.id", "m.idea_id")
    .innerJoin("categories", "categories.id", "ideas.category_id")
    .leftJoin("regions", "regions.id", "ideas.region_id")
    .select([...CARD_COLUMNS, "m.rank"])
    .orderBy("m.rank", "desc")
    .orderBy("ideas.id", "desc");
}

/**
 * How long each process keeps a search's results for everyone who runs it again (decision 083):
 * the results are the same for every reader, and a term in the news is searched by many at once.
 */
export const SEARCH_MAX_AGE_MS = 2_000;
/**
 * How long each process keeps a page of a list without a query (decision 088): the same for every
 * reader, and the first pages are the site's most read; as long as a visitor's kept page.
 */
export const LIST_MAX_AGE_MS = 1_000;

type ListPage = Awaited<ReturnType<typeof listIdeas>>;
// Forgotten by the use cases that add, change or take away an idea in this process; a support or
// a step of the workflow shows in a kept page within its time.
const CHANGED_BY = ["ideas.submit", "ideas.edit", "ideas.withdraw", "moderation."];
const readList = (db: Kysely<Database>, key: string) => listIdeas(db, JSON.parse(key) as ListParams);
// Apart, so that a thousand different searches do not push the lists out.
const keptSearches = keptPerKey<ListPage, string>(SEARCH_MAX_AGE_MS, readList, CHANGED_BY, 500);
const keptLists = keptPerKey<ListPage, string>(LIST_MAX_AGE_MS, readList, CHANGED_BY, 200);

/**
 * A page of the list for the list page, kept per query, filters, sort and page: a search (a
 * query given) for SEARCH_MAX_AGE_MS, a list without one for LIST_MAX_AGE_MS; forgotten when this
 * process changes an idea.
 */
export function listPage(db: Kysely<Database>, params: ListParams): Promise<ListPage> {
  return (params.q ? keptSearches : keptLists).get(db, JSON.stringify(params));
}

export async function listIdeas(db: Kysely<Database>, params: ListParams, now = new Date()) {
  const tsquery = params.q ? searchQuery(params.q) : null;
  if (params.q && !tsquery) return { ideas: [], nextCursor: null };
  // Before the builder below: a search by relevance has its statement built once (`shaped`).
  if (tsquery && params.sort === "relevance") return searchByRelevance(db, params, tsquery);
  let query = cardQuery(db);
  if (tsquery) query = query.where(sql<boolean>`ideas.search_vector @@ to_tsquery('simple', ${tsquery})`);
  query = params.status ? query.where("ideas.status", "=", params.status) : query.where("ideas.status", "in", DEFAULT_STATUSES);
  // Moderation: an idea hidden by flags or by a moderator stays out of lists.
  query = query.where("ideas.hidden_at", "is", null);
  if (params.categoryId) query = query.where("ideas.category_id", "=", params.categoryId);
  if (params.regionId) query = query.where("ideas.region_id", "=", params.regionId);
  if (params.campaignId) query = query.where("ideas.campaign_id", "=", params.campaignId);

  let keys: (row: IdeaCard) => (string | number)[];
  // A cursor that does not fit the sort was refused by the route (parseListParams); here it is the first page.
  const after = decodeCursor(params.cursor, CURSOR_SHAPES[params.sort]);
  switch (params.sort) {
    case "top": {
      query = query.orderBy("ideas.support_count", "desc").orderBy("ideas.id", "desc");
      if (after) query = query.where(sql<boolean>`(ideas.support_count, ideas.id) < (${after[0]}::int, ${after[1]}::bigint)`);
      keys = (r) => [r.support_count, r.id];
      break;
    }
    case "new": {
      query = query.orderBy("ideas.created_at", "desc").orderBy("ideas.id", "desc");
      if (after) query = query.where(sql<boolean>`(ideas.created_at, ideas.id) < (${after[0]}::timestamptz, ${after[1]}::bigint)`);
      keys = (r) => [new Date(r.created_at).toISOString(), r.id];
      break;
    }
    case "closing": {
      query = query
        .where("ideas.status", "=", "open")
        .where("ideas.support_ends_at", ">", now)
        .orderBy("ideas.support_ends_at", "asc")
        .orderBy("ideas.id", "asc");
      if (after) query = query.where(sql<boolean>`(ideas.support_ends_at, ideas.id) > (${after[0]}::timestamptz, ${after[1]}::bigint)`);
      keys = (r) => [new Date(r.support_ends_at!).toISOString(), r.id];
      break;
    }
    default: {
      // Trending (and relevance without a query, which parseListParams makes trending).
      query = query
        .orderBy("ideas.trending_score", "desc")
        .orderBy("ideas.support_count", "desc")
        .orderBy("ideas.id", "desc");
      if (after) {
        query = query.where(
          sql<boolean>`(ideas.trending_score, ideas.support_count, ideas.id) < (${after[0]}::int, ${after[1]}::int, ${after[2]}::bigint)`,
        );
      }
      keys = (r) => [r.trending_score, r.support_count, r.id];
    }
  }
  const rows = await query.limit(PAGE_SIZE + 1).execute();
  const page = rows.slice(0, PAGE_SIZE);
  return {
    ideas: page,
    nextCursor: rows.length > PAGE_SIZE ? encodeCursor(keys(page[page.length - 1])) : null,
  };
}

/**
 * Existing ideas like the one being written, so that people support instead of duplicating.
 * Candidates share a word piece with the text (the search index); a candidate is suggested
 * when its title is close to the text by trigrams (pg_trgm, also for a title typed half-way),
 * or when every word typed appears in its title or body. A shared ending such as "주세요"
 * alone is not enough.
 */
export async function similarIdeas(db: Kysely<Database>, text: string, limit = 5) {
  // Control characters are no part of a title (and a NUL byte cannot be sent to PostgreSQL).
  const typed = text.replace(/[\s\u0000-\u001f\u007f]+/g, " ").trim().slice(0, 200);
  const anyPiece = searchQuery(typed, "any");
  const allWords = searchQuery(typed, "all");
  if (!anyPiece || !allWords || typed.length < 2) return [];
  // The titles close to the text are found through the title's trigram index (pg_trgm's `%` and
  // `<%`, whose thresholds are settings: hence a transaction). The closest lead the suggestions,
  // so they are asked for first: a few common words make thousands of titles close at
  // SIMILAR_CLOSENESS, each then compared, where a few are at SIMILAR_FIRST (docs/scaling.md,
  // twenty-first round). Fewer than `limit` of those: the whole question, the same answer as
  // comparing the text with every idea that shares a word piece with it.
  return withSettings(db, trigramThresholds(SIMILAR_FIRST), async (trx) => {
    const closest = await suggestions(trx, { typed, anyPiece, allWords: null, closeness: SIMILAR_FIRST, limit });
    if (closest.length === limit) return closest;
    await setLocal(trx, trigramThresholds(SIMILAR_CLOSENESS));
    return suggestions(trx, { typed, anyPiece, allWords, closeness: SIMILAR_CLOSENESS, limit });
  });
}

/** pg_trgm's thresholds for `%` (similarity) and `<%` (word similarity). */
const trigramThresholds = (closeness: number) => ({
  "pg_trgm.similarity_threshold": String(closeness),
  "pg_trgm.word_similarity_threshold": String(closeness),
});

/** How close a title must be to the text typed (the greater of pg_trgm's similarity and word similarity). */
const SIMILAR_CLOSENESS = 0.3;
/** The closeness asked for first (similarIdeas). */
const SIMILAR_FIRST = 0.6;

/**
 * The ideas sharing a word piece with the text whose title is at least `closeness` close to it
 * (pg_trgm's thresholds set to it for the transaction),
 * or, given `allWords`, that hold every word typed; the closest first, then the most supported,
 * then the newest.
 */
async function suggestions(
  trx: Kysely<Database>,
  v: { typed: string; anyPiece: string; allWords: string | null; closeness: number; limit: number },
) {
  const closeness = sql<number>`greatest(similarity(title, ${v.typed}), word_similarity(${v.typed}, title))`;
  const byTitle = sql<boolean>`(title % ${v.typed} OR ${v.typed} <% title)`;
  const everyWord = v.allWords ? sql<boolean>`search_vector @@ to_tsquery('simple', ${v.allWords})` : sql<boolean>`false`;
  return trx
    .selectFrom("ideas")
    .select(["id", "title", "status", "support_count", closeness.as("closeness")])
    .where(sql<boolean>`search_vector @@ to_tsquery('simple', ${v.anyPiece})`)
    // The index finds the candidates (either way); the closeness is then checked exactly.
    .where(sql<boolean>`(${byTitle} OR ${everyWord})`)
    .where(sql<boolean>`(${closeness} >= ${v.closeness} OR ${everyWord})`)
    .where("status", "in", DEFAULT_STATUSES)
    .where("hidden_at", "is", null)
    .orderBy("closeness", "desc")
    .orderBy("support_count", "desc")
    .orderBy("id", "desc")
    .limit(v.limit)
    .execute();
}

/** An idea as its author and readers see it, with what the reader did (the edit page; tests). */
export async function ideaWithReader(db: Kysely<Database>, ideaId: number, actor: Actor | null) {
  const record = await readIdea(db, ideaId, actor?.id ?? null);
  return record ? { idea: record.shown, ...(await readerFacts(db, ideaId, record)) } : null;
}

function timelineRows(db: Kysely<Database>, ideaId: number) {
  return db
    .selectFrom("idea_events")
    .leftJoin("users", "users.id", "idea_events.actor_id")
    .select([
      "idea_events.id",
      "idea_events.kind",
      "idea_events.from_status",
      "idea_events.to_status",
      "idea_events.note",
      "idea_events.created_at",
      "users.display_name as actor_name",
    ])
    .where("idea_events.idea_id", "=", ideaId)
    .orderBy("idea_events.id")
    .execute();
}

function regionRows(db: Kysely<Database>, ideaId: number) {
  return db
    .selectFrom("idea_support_regions")
    .leftJoin("regions", "regions.id", "idea_support_regions.region_id")
    .select(["idea_support_regions.region_id", "idea_support_regions.supports", "regions.name_ko", "regions.name_en"])
    .where("idea_support_regions.idea_id", "=", ideaId)
    .where("idea_support_regions.supports", ">", 0)
    .orderBy("idea_support_regions.supports", "desc")
    .execute();
}

// What every reader of an idea's page sees the same, kept per idea by each process (decision 078):
// - the timeline, checked against the newest event's id that the idea's record reads (a new
//   event, from any process, shows at the next view); read again after a minute all the same,
//   for the actors' names;
// - the supports by region, at most five seconds old: on an idea in a surge every support
//   changes it, so it names no use case (a support in the one-statement path runs none anyway).
//   The support count beside it is the record's, exact.
const TIMELINE_MAX_AGE_MS = 60_000;
const REGIONS_MAX_AGE_MS = 5_000;
const keptTimeline = keptPerKey(TIMELINE_MAX_AGE_MS, timelineRows, [], 2_000);
const keptRegions = keptPerKey(REGIONS_MAX_AGE_MS, regionRows, [], 2_000);

/**
 * The idea's timeline and its supports by region, and the reader's marks: whether they support,
 * follow and have reported it, read with the record (readIdea with the reader). `lastEventId` is
 * the record's: the kept timeline is checked against it.
 */
export async function readerFacts(db: Kysely<Database>, ideaId: number, record: Pick<IdeaRecord, "lastEventId" | "reader">) {
  const [events, regions] = await Promise.all([keptTimeline.get(db, ideaId, record.lastEventId), keptRegions.get(db, ideaId)]);
  return { events, regions, ...record.reader };
}

/** The count alone, for an open idea page to refresh without re-rendering. */
export async function supportCount(db: Kysely<Database>, ideaId: number) {
  return db
    .selectFrom("ideas")
    .select(["support_count", "support_threshold", "status"])
    .where("id", "=", ideaId)
    .where("status", "not in", ["pending", "rejected"])
    .executeTakeFirst();
}

export async function myIdeas(db: Kysely<Database>, userId: number) {
  return cardQuery(db).where("ideas.author_id", "=", userId).orderBy("ideas.id", "desc").limit(100).execute();
}

/** Ideas the person supports (not their own), those whose content they may see (visibility.server.ts). */
export async function supportedIdeas(db: Kysely<Database>, actor: Actor) {
  const userId = actor.id;
  return cardQuery(db)
    .innerJoin("supports", "supports.idea_id", "ideas.id")
    .where("supports.user_id", "=", userId)
    .where("ideas.author_id", "!=", userId)
    .where(contentVisibleTo(actor))
    .orderBy("supports.created_at", "desc")
    .limit(100)
    .execute();
}

/**
 * Ideas followed without supporting them (a support follows too: those are in supportedIdeas),
 * those whose content the person may see.
 */
export async function followedIdeas(db: Kysely<Database>, actor: Actor) {
  const userId = actor.id;
  return cardQuery(db)
    .innerJoin("follows", "follows.idea_id", "ideas.id")
    .where("follows.user_id", "=", userId)
    .where("ideas.author_id", "!=", userId)
    .where(contentVisibleTo(actor))
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom("supports").select("supports.user_id").whereRef("supports.idea_id", "=", "ideas.id").where("supports.user_id", "=", userId))),
    )
    .orderBy("follows.created_at", "desc")
    .limit(100)
    .execute();
}

export async function formChoices(db: Kysely<Database>, now = new Date()) {
  // Archived categories and regions are not offered for new ideas (decision 043).
  const [categories, regions, campaigns] = await Promise.all([
    db.selectFrom("categories").select(["id", "name_ko", "name_en"]).where("archived_at", "is", null).orderBy("id").execute(),
    db.selectFrom("regions").select(["id", "name_ko", "name_en"]).where("archived_at", "is", null).orderBy("id").execute(),
    db
      .selectFrom("campaigns")
      .select(["id", "title_ko", "title_en", "region_id", "slug"])
      .where("opens_at", "<=", now)
      .where("closes_at", ">", now)
      .orderBy("closes_at")
      .execute(),
  ]);
  return { categories, regions, campaigns };
}

async function readFilterChoices(db: Kysely<Database>) {
  const [categories, regions, campaigns] = await Promise.all([
    db.selectFrom("categories").select(["id", "name_ko", "name_en"]).orderBy("id").execute(),
    db.selectFrom("regions").select(["id", "name_ko", "name_en"]).orderBy("id").execute(),
    db.selectFrom("campaigns").select(["id", "slug", "title_ko", "title_en"]).orderBy("opens_at", "desc").limit(200).execute(),
  ]);
  return { categories, regions, campaigns };
}

/**
 * The list's filter choices (every category, region and recent campaign; the statistics page
 * offers the same campaigns, by slug). Every list and search page shows them and they change
 * only by an admin's hand, so each process keeps them for a few seconds; the process of the
 * admin who changed them reads them again at once (decision 074).
 */
export function filterChoices(db: Kysely<Database>) {
  return keptFilterChoices.get(db);
}

const keptFilterChoices = kept(5_000, readFilterChoices, ["bodies.", "campaign."]);

/**
 * The list's filter choices named in one language, `{id, name}`: what the list page sends the
 * browser, which shows one language at a time (a page in the other is another request). Both
 * languages' names were a fifth of a search page's data, read and written on every view.
 */
export async function filterChoicesIn(db: Kysely<Database>, locale: Locale) {
  const { categories, regions, campaigns } = await filterChoices(db);
  const ko = locale === "ko";
  const named = (rows: { id: number; name_ko: string; name_en: string }[]) => rows.map((r) => ({ id: r.id, name: ko ? r.name_ko : r.name_en }));
  return {
    categories: named(categories),
    regions: named(regions),
    campaigns: campaigns.map((c) => ({ id: c.id, name: ko ? c.title_ko : c.title_en })),
  };
}

/** How many ideas are at each step of the pipeline: the ideas anyone may see (not held, rejected or hidden). */
export async function pipelineCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom("ideas")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .where(contentVisibleTo(null))
    .groupBy("status")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/**
 * The home page's counts of ideas at each step, at most ten seconds old. Counting reads
 * every visible idea (a sequential scan: 130 ms at 50,000 ideas), and a step's count changes with
 * supports and jobs that no one watches from the home page, so each process counts again every
 * few seconds rather than on every signed-in view (decision 074).
 */
export function keptPipelineCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  return keptCounts.get(db);
}

const keptCounts = kept(10_000, pipelineCounts);
