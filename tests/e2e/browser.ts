// Which Chromium the end-to-end tests drive (Playwright's own download is not used here).
// First CHROMIUM_PATH; then Debian's headless shell (`apt-get install -y chromium-headless-shell`),
// the same Blink as the full browser without its window machinery, which is what Playwright itself
// runs for headless tests and which ran the suite in 4.0 minutes against 6.4 (decision 092); then
// the full browser (`apt-get install -y chromium`).
import fs from "node:fs";

const CANDIDATES = ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** The browser to run, or null when this machine has none. */
export function findChromium(): string | null {
  return [process.env.CHROMIUM_PATH, ...CANDIDATES].find((c): c is string => Boolean(c && fs.existsSync(c))) ?? null;
}

/** How to get one, for the message when there is none. */
export const INSTALL_CHROMIUM = "install it with `apt-get install -y chromium-headless-shell` (or chromium; or set CHROMIUM_PATH)";
