// The retention job: clears personal fields whose period has passed (app/domain/privacy/retention.server.ts).
import { applyRetention } from "../domain/privacy/retention.server";
import type { Job } from "./scheduler.server";

export const retention: Job = {
  name: "privacy-retention",
  everySeconds: 3600,
  async run(db, now) {
    const c = await applyRetention(db, now);
    return `cleared ${c.supportNetworks} support networks, ${c.emailBodies} e-mail bodies, ${c.alertNetworks} alert networks, ${c.securityAddresses} security-log addresses, ${c.securityEvents} old security events`;
  },
};
