// npm run db:migrate | db:seed | db:demo | secrets:reseal — on DATABASE_URL, or on the embedded database.
import { loadConfig } from "../app/utils/env.server";
import { demoAccountsTable, loadDemo } from "./demo";
import { migrateToLatest } from "./migrate";
import { resealSecrets } from "./reseal";
import { openDatabase } from "./open";
import { seedReference } from "./seed";

const command = process.argv[2];
const commands = ["migrate", "seed", "demo", "reseal"];
if (!commands.includes(command)) {
  console.error(`usage: tsx db/cli.ts ${commands.join("|")}`);
  process.exit(2);
}

try {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  const where = config.databaseUrl ? "DATABASE_URL" : `the embedded database in ${config.dataDir}`;
  try {
    const applied = await migrateToLatest(database.db);
    console.log(applied.length ? `Migrated ${where}: ${applied.join(", ")}` : `${where} is up to date.`);
    if (command === "seed" || command === "demo") {
      await seedReference(database.db);
      console.log("Reference data loaded (regions, categories, committees, agencies, settings).");
    }
    if (command === "demo" && config.production) {
      throw new Error(
        "Refusing to load demo accounts (with a published password) into a production deployment. " +
          "Set DEMO=1 if this really is a demonstration server.",
      );
    }
    if (command === "reseal") {
      const c = await resealSecrets(database.db);
      console.log(`Two-factor secrets: ${c.resealed} sealed again with MADANG_SECRET_KEY, ${c.current} already were, ${c.unopenable} open with neither key (left as they are).`);
    }
    if (command === "demo") {
      await loadDemo(database.db);
      console.log(`Demo data loaded.\n${demoAccountsTable()}`);
    }
  } finally {
    await database.close();
  }
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
