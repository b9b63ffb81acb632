// The identity desk's time to link a person's supports given in person (issue 18, decision 063),
// with `--ideas` ideas (2,000 by default) that each hold an unlinked in-person support of
// someone else, and the person's own supports on five of them. Prints the time of each
// verification-and-link (the whole use case: its transaction, the verification, the search, the
// links), one after another.
//   [DATABASE_URL=postgres://…/postgres] npx tsx bench/in-person-linking.ts [--ideas 2000] [--runs 10] [--legacy]
// With DATABASE_URL it (re)creates the database madang_bench_linking on that server; without,
// an embedded database in memory. `--legacy`: the other people's rows are rows recorded before
// decision 063 (a per-idea scrypt, no digest), which the bounded fallback searches.
// The same script runs on the code before decision 063 (no person_digest column): every row is
// then a per-idea scrypt, as that code wrote them.
import { randomBytes, scrypt } from "node:crypto";
import os from "node:os";
import { promisify } from "node:util";
import { sql } from "kysely";
import pg from "pg";
import { verifyAndLinkInPerson } from "../app/domain/assisted/links.server";
import { connect } from "../db/connect";
import { startEmbedded } from "../db/embedded";
import { createIdea } from "../db/factories";
import { migrateToLatest } from "../db/migrate";
import { seedReference } from "../db/seed";
import { person as actorFor } from "../tests/fixtures/roster";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const IDEAS = arg("ideas", 2000);
const RUNS = arg("runs", 10);
const LEGACY = process.argv.includes("--legacy");
const OWN = 5;

let url: string;
let stop = async () => {};
if (process.env.DATABASE_URL) {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query("DROP DATABASE IF EXISTS madang_bench_linking WITH (FORCE)");
  await admin.query("CREATE DATABASE madang_bench_linking");
  await admin.end();
  const u = new URL(process.env.DATABASE_URL);
  u.pathname = "/madang_bench_linking";
  url = u.toString();
} else {
  const embedded = await startEmbedded({ dataDir: null });
  url = embedded.url;
  stop = embedded.stop;
}
const handle = connect(url, { max: 4 });
const db = handle.db;
await migrateToLatest(db);
await seedReference(db);

// The code under test: does it keep a digest (decision 063), or only the per-idea scrypt?
const digestModule = await import("../app/domain/assisted/person.server").catch(() => null);
const { rows: columns } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'in_person_supports' AND column_name = 'person_digest'`.execute(db);
const withDigest = columns[0].n === 1 && digestModule !== null;

const author = await actorFor(db);
await sql`UPDATE users SET created_at = now() - interval '30 days' WHERE id = ${author.id}`.execute(db);
const desk = await actorFor(db, { roles: [{ role: "moderator" }] });
const verifier = await actorFor(db, { roles: [{ role: "identity_verifier" }] });
await db.insertInto("settings").values({ key: "ideas_per_day", value: JSON.stringify(1_000_000) }).onConflict((oc) => oc.column("key").doUpdateSet({ value: JSON.stringify(1_000_000) })).execute();

// One idea through the app, then copies of its row (set-based: 2,000 submissions would take minutes).
const first = await createIdea(db, { author: { id: author.id }, title: "Benches along the bus route" });
const { rows: copyable } = await sql<{ column_name: string }>`
  SELECT column_name FROM information_schema.columns
  WHERE table_name = 'ideas' AND column_name <> 'id' AND is_generated = 'NEVER' AND is_identity = 'NO'`.execute(db);
const list = sql.join(copyable.map((c) => sql.ref(c.column_name)));
await sql`INSERT INTO ideas (${list}) SELECT ${list} FROM ideas, generate_series(2, ${IDEAS}) WHERE id = ${first}`.execute(db);
const ideaIds = (await db.selectFrom("ideas").select("id").orderBy("id").execute()).map((r) => r.id);

const normalised = (p: { name: string; birthDate: string; phone: string }) => `${p.name.normalize("NFC").toLowerCase().replace(/\s+/g, "")}|${p.birthDate}|${p.phone.replace(/\D/g, "")}`;
const perIdea = async (ideaId: number, p: { name: string; birthDate: string; phone: string }) =>
  ((await promisify(scrypt)(normalised(p), `madang-in-person:${ideaId}`, 32)) as Buffer).toString("hex");
const random = () => randomBytes(32).toString("hex");

// Someone else's unlinked support on every idea.
const others = ideaIds.map((id) => ({
  idea_id: id,
  channel: "event" as const,
  consent_ref: "BENCH",
  recorded_by: desk.id,
  identity_hash: withDigest && !LEGACY ? null : random(),
  ...(withDigest ? { person_digest: LEGACY ? null : random() } : {}),
}));
for (let i = 0; i < others.length; i += 1000) await db.insertInto("in_person_supports").values(others.slice(i, i + 1000)).execute();

const timings: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const who = { name: `Park Malsun ${run}`, birthDate: "1939-11-02", phone: `010-7000-${String(1000 + run)}` };
  // The person's own supports, on five ideas spread over the list, written as the code under test writes them.
  for (let k = 0; k < OWN; k++) {
    const ideaId = ideaIds[Math.floor(((k + 0.5) * ideaIds.length) / OWN)];
    const row = { idea_id: ideaId, channel: "event" as const, consent_ref: "BENCH-OWN", recorded_by: desk.id };
    if (withDigest) await db.insertInto("in_person_supports").values({ ...row, identity_hash: null, person_digest: digestModule!.personDigest(who) }).execute();
    else await db.insertInto("in_person_supports").values({ ...row, identity_hash: await perIdea(ideaId, who) } as never).execute();
  }
  const citizen = await actorFor(db);
  const started = process.hrtime.bigint();
  const result = await verifyAndLinkInPerson(db, verifier, { email: citizen.email, place: "Bench desk", checked: "on", ...who });
  timings.push(Number(process.hrtime.bigint() - started) / 1e6);
  if (!result.ok || result.linked !== OWN) throw new Error(`run ${run}: ${JSON.stringify(result)}`);
}

await handle.close();
await stop();
const sorted = [...timings].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
console.log(
  `in-person-linking (${withDigest ? "digest" : "per-idea scrypt"}${LEGACY ? ", other rows legacy" : ""}; ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}): ` +
    `${IDEAS} ideas with unlinked in-person supports, ${RUNS} verifications linking ${OWN} each: ` +
    `median ${median.toFixed(1)} ms, min ${sorted[0].toFixed(1)}, max ${sorted[sorted.length - 1].toFixed(1)} ms; ` +
    `load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`,
);
