// Keeps the public dashboard's cached numbers fresh (docs/decisions/012-statistics.md).
import { refreshDashboards } from "../domain/stats/cache.server";
import type { Job } from "./scheduler.server";

export const refreshStats: Job = {
  name: "refresh-stats",
  // A little under the cache's freshness (5 minutes), so that readers rarely find it stale.
  everySeconds: 240,
  async run(db, now) {
    return `${await refreshDashboards(db, now)} dashboards refreshed`;
  },
};
