// Identity verification in Chromium (issue 17, decision 049), against a real OpenID Connect
// provider that tests/e2e/server.ts started on this machine (`oidc-provider`; nothing mocked):
// a citizen opens /me/verify, is sent to the provider, signs in and consents on its pages, comes
// back through the real token exchange, and the page says identity verified, with when. A second
// account of the same person (another login of theirs at the provider, the same CI) is refused
// in the browser with the clear message and the way back to the first account.
import { randomBytes } from "node:crypto";
import { closeContext, expectAccessible, expect, freshPage, interpolate, joinVerified, koreanDate, test, type Messages, type Page } from "./fixtures";
import { PROVIDER, providerPort } from "./identity-provider";

const provider = `http://127.0.0.1:${providerPort(Number(process.env.E2E_PORT ?? 3210))}`;

/** From /me/verify through the provider's own sign-in and consent pages, back to Madang. */
async function verifyAtProvider(page: Page, t: Messages, login: string) {
  // The provider's pages ask for a web font; there is no network here, and none is needed.
  await page.context().route("https://fonts.googleapis.com/**", (route) => route.abort());
  await page.goto("/me/verify");
  await page.getByRole("link", { name: interpolate(t.verification.start, { provider: PROVIDER.labelKo }), exact: true }).click();
  // The provider's sign-in page (its development pages: any login, any password).
  await expect(page).toHaveURL(new RegExp(`^${provider.replace(/[.]/g, "\\.")}/interaction/`));
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  // Its consent page, then the redirect back with the code.
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/me\/verify\?/);
}

/** The line under "your level" (the paragraph that heading labels). */
const levelLine = (page: Page) => page.locator('p[aria-labelledby="level-title"]');

test("a citizen verifies their identity at a real OpenID Connect provider; a second account of the same person is refused", async ({ browser, t }) => {
  test.setTimeout(150_000);
  // One person (one CI) with two logins at the provider: "<person>+phone" and "<person>+laptop".
  const person = `e2e-${randomBytes(4).toString("hex")}`;

  const first = await freshPage(browser);
  await test.step("the first account: e-mail verified, then identity verified through the provider", async () => {
    await joinVerified(first, "oidc-first");
    await first.goto("/me/verify");
    await expect(levelLine(first).getByText(t.verification.level["1"], { exact: true })).toBeVisible();
    await verifyAtProvider(first, t, `${person}+phone`);
    await expect(first.getByRole("status")).toHaveText(t.verification.done);
    const line = levelLine(first);
    await expect(line.getByText(t.verification.level["2"], { exact: true })).toBeVisible();
    await expect(line).toContainText(interpolate(t.verification.method.oidc, { provider: PROVIDER.labelKo }));
    // When: today, until two years (the setting's 730 days) from today.
    const until = new Date(Date.now() + 730 * 86_400_000);
    await expect(line).toContainText(interpolate(t.verification.verifiedOn, { date: koreanDate(new Date()), until: koreanDate(until) }));
    // Now the offer is to renew.
    await expect(first.getByRole("link", { name: interpolate(t.verification.renew, { provider: PROVIDER.labelKo }), exact: true })).toBeVisible();
    await expectAccessible(first, "/me/verify (verified)");
  });

  const second = await freshPage(browser);
  await test.step("a second account of the same person is refused, with the way back to the first", async () => {
    await joinVerified(second, "oidc-second");
    await verifyAtProvider(second, t, `${person}+laptop`);
    const alert = second.getByRole("alert");
    await expect(alert).toContainText(t.verification.errors.sameIdentity);
    await alert.getByRole("link", { name: t.login.forgot, exact: true }).click();
    await expect(second).toHaveURL(/\/reset-password$/);
    await second.goto("/me/verify?failed=sameIdentity");
    await expect(levelLine(second).getByText(t.verification.level["1"], { exact: true })).toBeVisible();
    await expectAccessible(second, "/me/verify (refused: same person)");
  });

  await test.step("the first account keeps its verification", async () => {
    await first.goto("/me/verify");
    await expect(levelLine(first).getByText(t.verification.level["2"], { exact: true })).toBeVisible();
  });
  await closeContext(first);
  await closeContext(second);
});
