import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "~": path.resolve(__dirname, "app") };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        // Files share a worker process and its modules (isolate: false): a fresh process and a fresh
        // import of everything per file cost 19 s of the unit tests' 20 (decision 093).
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node", isolate: false, sequence: { groupOrder: 0 } },
      },
      {
        // What the build produced (no messages nor zod in route scripts): tests/run.ts runs it right after building.
        resolve: { alias },
        test: { name: "build", include: ["tests/build/**/*.test.ts"], environment: "node", sequence: { groupOrder: 3 } },
      },
      {
        // Run alone, after the rest (tests/run.ts): they start the app and restart PostgreSQL.
        resolve: { alias },
        test: {
          name: "faults",
          include: ["tests/faults/**/*.test.ts"],
          environment: "node",
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 2 },
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/integration/global-setup.ts"],
          // Each file opens a database of its own; two at a time suits a 2-core machine.
          maxWorkers: 2,
          // Files share a worker process and its modules (decision 093): what the app keeps in a
          // process is kept per database handle, and each file opens its own. A file that changes
          // something process-wide on purpose imports its own copy of the module
          // (named-statements.test.ts).
          isolate: false,
          sequence: { groupOrder: 1 },
          testTimeout: 90_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
