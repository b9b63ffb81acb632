// End-to-end tests in a real browser (Debian's Chromium; never `npx playwright install`).
//   npx remix build && npx playwright test                 (embedded database)
//   DATABASE_URL=postgres://… npx playwright test          (a throwaway database on that server)
// tests/e2e/server.ts starts the app on a database of its own and removes it afterwards.
import { defineConfig, devices } from "@playwright/test";
import { findChromium } from "./tests/e2e/browser";

const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  globalTeardown: "./tests/e2e/global-teardown.ts",
  // Every test makes its own accounts, so files and tests may run side by side.
  fullyParallel: true,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  // Generous: other test runs may share this machine's two cores.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  outputDir: "test-results",
  use: {
    baseURL,
    // The site's default language is Korean; a Korean browser asks for it too.
    locale: "ko-KR",
    timezoneId: "Asia/Seoul",
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    // A trace records every step of every test, which costs the browser CPU the two cores
    // need: kept for local runs, off in CI (whose output is the list reporter's text).
    trace: process.env.CI ? "off" : "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        locale: "ko-KR",
        launchOptions: {
          executablePath: findChromium() ?? undefined,
          args: [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "node --import tsx tests/e2e/server.ts",
    url: `${baseURL}/healthz`,
    env: { E2E_PORT: String(port) },
    reuseExistingServer: false,
    timeout: 120_000,
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    stdout: "pipe",
    stderr: "pipe",
  },
});
