// What a new session records of where it was signed in from, for /me/security (issue 17): the
// browser and system, read from the User-Agent by bowser (a maintained parser: browser and system
// names change too often to keep a list of our own; decision 061), and the network of the address,
// coarse as supports keep it (app/domain/moderation/ip.ts). A person reads these to recognise a
// session that is not theirs; they identify no one else.
import Bowser from "bowser";
import { ipPrefix } from "../domain/moderation/ip";

/** What `auth.createSession` writes beside the id (db/migrations/2026-12-06-070). */
export interface SessionPlace {
  browser: string | null;
  os: string | null;
  network: string | null;
  last_seen_at: Date;
}

const MAX = 60;

export function sessionPlace(userAgent: string | null, clientIp: string, now = new Date()): SessionPlace {
  const parsed = userAgent ? Bowser.parse(userAgent.slice(0, 512)) : null;
  const major = parsed?.browser.version?.split(".")[0];
  const browser = parsed?.browser.name ? `${parsed.browser.name}${major ? ` ${major}` : ""}` : null;
  const os = parsed?.os.name ? `${parsed.os.name}${parsed.os.versionName ? ` ${parsed.os.versionName}` : parsed.os.version && parsed.os.name !== "Windows" ? ` ${parsed.os.version.split(".")[0]}` : ""}` : null;
  return { browser: browser?.slice(0, MAX) ?? null, os: os?.slice(0, MAX) ?? null, network: ipPrefix(clientIp), last_seen_at: now };
}
