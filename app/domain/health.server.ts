import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";

/** True when the database answers a trivial query within the time limit. */
export async function databaseReachable(db: Kysely<Database>, timeoutMs = 2_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    const probe = sql`select 1`.execute(db).then(
      () => true,
      () => false,
    );
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
