// `NODE_ENV=production npx tsx bench/read-mark.ts`: what a signed-in view of the hot idea costs the
// database before its posts, on one connection to madang_bench on DATABASE_URL's server: the
// idea's record and the reader's read mark of its comments as one statement (`idea-record-read`,
// decision 089), against the record then `markRead` as two, a hundred views of each in turn, ten
// times (the first two rounds not counted), each view by another bench citizen. Wall time a view,
// round trips included. The marks stay (a mark is written on a citizen's first view).
import { markRead } from "../app/domain/deliberation/deliberation.server";
import { readIdea } from "../app/domain/ideas/record.server";
import { connect } from "../db/connect";
import { citizenActor } from "../db/factories";
import { BENCH_DB, requireDatabaseUrl, runMain, withDatabase } from "./lib/common";

const HOT_IDEA = 39471;

async function main() {
  const handle = connect(withDatabase(requireDatabaseUrl(), BENCH_DB), { max: 1, named: true });
  const readers = (await handle.db.selectFrom("users").select("id").where("email", "like", "bench-citizen-%").orderBy("id").limit(3000).execute()).map((u) => Number(u.id));
  let next = 0;
  const total = { two: 0, one: 0 };
  for (let round = 0; round < 10; round++) {
    for (const way of ["two", "one"] as const) {
      const started = performance.now();
      for (let i = 0; i < 100; i++) {
        const reader = readers[next++ % readers.length];
        const now = new Date();
        if (way === "one") await readIdea(handle.db, HOT_IDEA, reader, { markCommentsReadAt: now });
        else {
          const record = await readIdea(handle.db, HOT_IDEA, reader);
          await markRead(handle.db, citizenActor(reader), record!.threads.comment_thread_id!, now);
        }
      }
      if (round >= 2) total[way] += performance.now() - started;
    }
  }
  console.log(`record, then the read mark (two statements): ${(total.two / 800).toFixed(3)} ms a view`);
  console.log(`record with the read mark (idea-record-read): ${(total.one / 800).toFixed(3)} ms a view`);
  await handle.close();
}

runMain(main);
