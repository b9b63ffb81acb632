// Opens the database the settings name: the PostgreSQL server at DATABASE_URL, or else the
// embedded one in the data folder. Either way the caller gets a pg pool and a Kysely handle.
import { connect, type DbHandle } from "./connect";
import { startEmbedded, type EmbeddedDatabase } from "./embedded";

export interface OpenDatabase extends DbHandle {
  embedded: EmbeddedDatabase | null;
  url: string;
}

/**
 * Connections the pool may open. The embedded database gets exactly one: pglite-socket passes
 * protocol messages to PGlite one at a time as they arrive, so two connections' extended-query
 * sequences (Parse, Bind, Execute) would interleave and one could run the other's statement
 * with its parameters. PGlite executes one query at a time anyway, so nothing is lost
 * (docs/decisions/002-embedded-database.md).
 */
export function poolSizeFor(databaseUrl: string | undefined, requested = 10): number {
  return databaseUrl ? requested : 1;
}

export async function openDatabase(options: {
  databaseUrl?: string;
  dataDir: string | null;
  poolSize?: number;
}): Promise<OpenDatabase> {
  const embedded = options.databaseUrl
    ? null
    : await startEmbedded({ dataDir: options.dataDir });
  const url = options.databaseUrl ?? embedded!.url;
  const handle = connect(url, { max: poolSizeFor(options.databaseUrl, options.poolSize), named: Boolean(options.databaseUrl) });
  return {
    ...handle,
    embedded,
    url,
    async close() {
      await handle.close();
      await embedded?.stop();
    },
  };
}
