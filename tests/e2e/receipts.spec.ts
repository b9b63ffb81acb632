// Verifiable totals end to end (issue 17, decision 051): the demo citizen downloads the receipt
// for a support given days ago (its day's root is published with the demo data), and the page
// /verify-receipt says it matches; changed by one digit, it says it does not, without JavaScript too.
import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { closeContext, DEMO, DEMO_PASSWORD, demoIdeaPath, expect, interpolate, signedInPage, test } from "./fixtures";

/** The verdict shown, checked by axe as in accessibility.spec.ts (WCAG 2.2 AA and best practices). */
async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

const IDEA = "Public transit fares for students"; // supported by the demo citizen four days ago (db/demo-receipts.ts)

test("a supporter downloads a receipt from /me and the verify page says it matches; a tampered one does not", async ({ browser, t }) => {
  test.setTimeout(90_000);
  const page = await signedInPage(browser, DEMO.citizen.email, DEMO_PASSWORD);
  let text = "";

  await test.step("downloads the receipt from /me", async () => {
    await page.goto("/me");
    const receipts = page.getByRole("region", { name: t.receipts.mine.title });
    const link = receipts.getByRole("link", { name: interpolate(t.receipts.mine.download, { title: IDEA }), exact: true });
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^madang-receipt-\d+-\d{4}-\d{2}-\d{2}\.json$/);
    text = fs.readFileSync((await download.path())!, "utf8");
    expect(JSON.parse(text)).toMatchObject({ format: "madang-support-receipt/1" });
  });

  await test.step("the idea's page offers the same receipt", async () => {
    await page.goto(await demoIdeaPath(page, IDEA));
    await expect(page.getByRole("link", { name: t.receipts.ideaPage.download, exact: true })).toHaveAttribute("href", /\/receipt$/);
  });

  await test.step("the verify page says it matches, the receipt loaded from its file", async () => {
    await page.goto("/verify-receipt");
    await page.locator("#receipt-file").setInputFiles({ name: "receipt.json", mimeType: "application/json", buffer: Buffer.from(text, "utf8") });
    await expect(page.getByLabel(t.receipts.receipt, { exact: true })).toHaveValue(text);
    await page.getByRole("button", { name: t.receipts.check, exact: true }).click();
    const verdict = page.getByTestId("receipt-verdict");
    await expect(verdict.getByRole("heading", { name: t.receipts.yes })).toBeVisible();
    await expect(verdict.getByRole("link", { name: IDEA, exact: true })).toBeVisible();
    await expectAccessible(page);
    // The same receipt for another day: no, and why.
    const otherDay = JSON.stringify({ ...JSON.parse(text), day: "2020-01-01" });
    await page.getByLabel(t.receipts.receipt, { exact: true }).fill(otherDay);
    await page.getByRole("button", { name: t.receipts.check, exact: true }).click();
    await expect(verdict.getByRole("heading", { name: t.receipts.no })).toBeVisible();
    await expect(verdict).toContainText(interpolate(t.receipts.problem.day, { day: "2020-01-01" }));
    await expectAccessible(page);
  });
  await closeContext(page);

  await test.step("without JavaScript, a receipt with one digit of its proof changed does not match", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: "ko-KR" });
    const visitor = await context.newPage();
    const receipt = JSON.parse(text) as { proof: { hash: string }[]; support: { supported_at: string } };
    const tampered = receipt.proof.length > 0 ? "proof" : "leaf";
    if (tampered === "proof") receipt.proof[0].hash = (receipt.proof[0].hash[0] === "0" ? "1" : "0") + receipt.proof[0].hash.slice(1);
    else receipt.support.supported_at = receipt.support.supported_at.replace(/\d(?=Z$)/, (d) => String((Number(d) + 1) % 10));
    await visitor.goto("/verify-receipt");
    await visitor.getByLabel(t.receipts.receipt, { exact: true }).fill(JSON.stringify(receipt));
    await visitor.getByRole("button", { name: t.receipts.check, exact: true }).click();
    await expect(visitor.getByTestId("receipt-verdict").getByRole("heading", { name: t.receipts.no })).toBeVisible();
    await expect(visitor.getByTestId("receipt-verdict")).toContainText(tampered === "proof" ? t.receipts.problem.proof : t.receipts.problem.leaf);
    await context.close();
  });
});
