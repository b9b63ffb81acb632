// `NODE_ENV=production npx tsx bench/support-statement.ts [--plain] [--offset N]`: the app's support
// (`supportIdea`, with its rate limits and a network) run 550 times one after another on one
// connection to madang_bench on DATABASE_URL's server, by bench citizens (their sessions' accounts
// from the N-th on, default 0) on open ideas below their threshold: wall time and this process's
// CPU a support over the last 500, and how PostgreSQL planned the statement. The support's
// statement is named (decision 085); `--plain` sends it as plain text, as before. The supports
// stay until the next `npm run bench`, which removes the bench citizens' supports first.
import { connect } from "../db/connect";
import { citizenActor } from "../db/factories";
import { createLimiters } from "../app/auth/rate-limit.server";
import { supportLimits } from "../app/domain/moderation/integrity.server";
import { supportIdea } from "../app/domain/ideas/supports.server";
import { BENCH_DB, requireDatabaseUrl, runMain, withDatabase } from "./lib/common";

async function main() {
  const args = process.argv.slice(2);
  const named = !args.includes("--plain");
  const offset = Number(args[args.indexOf("--offset") + 1] ?? 0) || 0;
  const handle = connect(withDatabase(requireDatabaseUrl(), BENCH_DB), { max: 1, named });
  try {
    const limiters = createLimiters(handle.pool, 1000);
    const { rows: users } = await handle.pool.query<{ id: string }>(`SELECT user_id AS id FROM sessions ORDER BY user_id LIMIT 550 OFFSET $1`, [offset]);
    const { rows: ideas } = await handle.pool.query<{ id: string }>(
      `SELECT id FROM ideas WHERE status = 'open' AND support_count + 10 < support_threshold AND support_ends_at > now() AND campaign_id IS NULL ORDER BY id LIMIT 550`,
    );
    const support = async (k: number) => {
      const actor = citizenActor(Number(users[k].id));
      const address = `10.${k % 200}.2.3`;
      const result = await supportIdea(handle.db, actor, Number(ideas[k % ideas.length].id), new Date(), address, supportLimits(limiters, actor.id, address));
      if (!result.ok) throw new Error(`support refused: ${JSON.stringify(result)}`);
    };
    for (let k = 0; k < 50; k++) await support(k);
    const started = performance.now();
    const cpu = process.cpuUsage();
    for (let k = 50; k < 550; k++) await support(k);
    const used = process.cpuUsage(cpu);
    console.log(`${named ? "named" : "plain text"}: ${((performance.now() - started) / 500).toFixed(2)} ms a support, ${((used.user + used.system) / 500 / 1000).toFixed(2)} ms of this process's CPU`);
    const { rows } = await handle.pool.query(`SELECT name, generic_plans, custom_plans FROM pg_prepared_statements`);
    console.log(rows.length ? rows.map((r) => `${r.name}: ${r.generic_plans} generic plans, ${r.custom_plans} custom`).join("\n") : "no prepared statement");
  } finally {
    await handle.close();
  }
}

runMain(main);
