// Two-factor sign-in in Chromium (issue 17, decision 047): a citizen turns it on at /me/security
// with a code computed here from the key the page shows as text (what a person without a camera
// types into their app), keeps the recovery codes, signs out, and signs in again: the password,
// then a wrong code refused, then the right one. The pages pass axe at each step.
import AxeBuilder from "@axe-core/playwright";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { expect, joinVerified, logout, test, type Messages } from "./fixtures";
import type { Page } from "@playwright/test";

/** The code of a time step from now (0: the current one), as an authenticator app computes it. */
function codeAt(secret: string, steps = 0): string {
  return generateHOTP(decodeBase32IgnorePadding(secret), BigInt(Math.floor(Date.now() / 30_000) + steps), 6);
}

async function noAxeViolations(page: Page, where: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
  expect(results.violations.map((v) => `${where}: ${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function signInWithPassword(page: Page, t: Messages, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel(t.login.email, { exact: true }).fill(email);
  await page.getByLabel(t.login.password, { exact: true }).fill(password);
  await page.getByRole("button", { name: t.login.submit, exact: true }).click();
}

test("turn on two-factor sign-in from the key shown as text, then sign in with the password and a code", async ({ page, t }) => {
  test.setTimeout(120_000);
  const account = await joinVerified(page, "totp");

  await page.goto("/me/security");
  await expect(page.getByRole("heading", { level: 2, name: t.twoFactor.title })).toBeVisible();
  await expect(page.getByRole("img", { name: t.twoFactor.enrol.qrLabel })).toBeVisible();
  await noAxeViolations(page, "/me/security (not enrolled)");
  // The key as a person reads it: groups of four letters and digits; spaces do not count.
  const shown = await page.locator("code.otp-secret").innerText();
  expect(shown).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
  const secret = shown.replace(/\s/g, "");

  const codeField = page.getByLabel(t.twoFactor.enrol.code, { exact: true });
  await codeField.fill("12345");
  await page.getByRole("button", { name: t.twoFactor.enrol.submit, exact: true }).click();
  await expect(page.getByRole("alert")).toContainText(t.twoFactor.errors.wrongCode);
  // The same key again: the app that holds it stays right.
  await expect(page.locator("code.otp-secret")).toHaveText(shown);

  await page.getByLabel(t.twoFactor.enrol.code, { exact: true }).fill(codeAt(secret));
  await page.getByRole("button", { name: t.twoFactor.enrol.submit, exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: t.twoFactor.done.enrolled })).toBeVisible();
  const recoveryCodes = await page.getByRole("list", { name: t.twoFactor.recovery.title }).getByRole("listitem").allInnerTexts();
  expect(recoveryCodes).toHaveLength(10);
  await noAxeViolations(page, "/me/security (recovery codes)");

  await logout(page);
  await signInWithPassword(page, t, account.email, account.password);
  await expect(page.getByRole("heading", { level: 1, name: t.twoFactor.signIn.title })).toBeVisible();
  await noAxeViolations(page, "/login (code)");
  // Not signed in yet.
  await expect(page.getByRole("link", { name: t.nav.login, exact: true })).toBeVisible();

  const wrong = codeAt(secret) === "000000" ? "111111" : "000000";
  await page.getByLabel(t.twoFactor.code, { exact: true }).fill(wrong);
  await page.getByRole("button", { name: t.twoFactor.signIn.submit, exact: true }).click();
  await expect(page.getByRole("alert")).toContainText(t.twoFactor.errors.wrongCode);
  await expect(page.getByRole("link", { name: t.nav.login, exact: true })).toBeVisible();

  // The next step's code: the one used to enrol is spent (a code is good once).
  await page.getByLabel(t.twoFactor.code, { exact: true }).fill(codeAt(secret, 1));
  await page.getByRole("button", { name: t.twoFactor.signIn.submit, exact: true }).click();
  await expect(page.getByRole("button", { name: t.nav.logout, exact: true })).toBeVisible();

  // A recovery code signs in once.
  await logout(page);
  await signInWithPassword(page, t, account.email, account.password);
  await page.getByLabel(t.twoFactor.code, { exact: true }).fill(recoveryCodes[0]);
  await page.getByRole("button", { name: t.twoFactor.signIn.submit, exact: true }).click();
  await expect(page.getByRole("button", { name: t.nav.logout, exact: true })).toBeVisible();
  await page.goto("/me/security");
  await expect(page.getByText(t.twoFactor.codesLeft_other.replace("{{count}}", "9"))).toBeVisible();
  await noAxeViolations(page, "/me/security (enrolled)");
});
