// Opens the database the settings name: the PostgreSQL server at DATABASE_URL, or else the
// embedded one in the data folder. Either way the caller gets a pg pool and a Kysely handle.
import { connect, type DbHandle } from "./connect";
import { startEmbedded, type EmbeddedDatabase } from "./embedded";

export interface OpenDatabase extends DbHandle {
  embedded: EmbeddedDatabase | null;
  url: string;
}

export async function openDatabase(options: {
  databaseUrl?: string;
  dataDir: string | null;
  poolSize?: number;
}): Promise<OpenDatabase> {
  const embedded = options.databaseUrl
    ? null
    : await startEmbedded({ dataDir: options.dataDir, maxConnections: (options.poolSize ?? 10) + 8 });
  const url = options.databaseUrl ?? embedded!.url;
  const handle = connect(url, { max: options.poolSize });
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
