// Changing the e-mail address end to end (issue 17, decision 056): ask at /me/security with the
// password, confirm from the link the new address received (read at /dev/mail), see that the old
// address got the notice, and take the account back from that notice's link.
import { expect, expectAccessible, interpolate, joinVerified, openLatestMail, strongPassword, test, uniqueEmail } from "./fixtures";

test("change the address: a link to the new one, a notice to the old one, and the way back from it", async ({ page, t, baseURL }) => {
  const account = await joinVerified(page, "mover");
  const newAddress = uniqueEmail("moved");

  await page.goto("/me/security");
  await expect(page.getByText(interpolate(t.trust.email.current, { email: account.email }))).toBeVisible();
  await expectAccessible(page, "/me/security");
  const address = page.getByLabel(t.trust.email.newAddress, { exact: true });
  const submit = page.getByRole("button", { name: t.trust.email.submit, exact: true });

  // A wrong password: said next to the field, the address typed is kept, nothing is sent.
  await address.fill(newAddress);
  const passwordField = page.locator('input[name="emailPassword"]');
  await passwordField.fill("not my password at all");
  await submit.click();
  await expect(passwordField).toHaveAttribute("aria-invalid", "true");
  await expect(passwordField).toHaveAccessibleDescription(t.privacy.errors.wrongPassword);
  await expect(address).toHaveValue(newAddress);

  await passwordField.fill(account.password);
  await submit.click();
  await expect(page.getByRole("status").filter({ hasText: interpolate(t.trust.email.sent, { email: newAddress }) })).toBeVisible();

  // The new address's link makes the change.
  const confirm = await openLatestMail(page, newAddress, { subject: t.trust.mail.confirm.subject, linkPrefix: `${baseURL}/confirm-email?token=` });
  await page.goto(confirm!);
  await expect(page.getByText(interpolate(t.trust.email.changed, { email: newAddress }))).toBeVisible();
  await expectAccessible(page, "/confirm-email");
  await page.goto("/me/security");
  await expect(page.getByText(interpolate(t.trust.email.current, { email: newAddress }))).toBeVisible();

  // The old address was told, with a link to take the account back.
  const back = await openLatestMail(page, account.email, { subject: t.trust.mail.changed.subject, linkPrefix: `${baseURL}/secure-account?token=` });
  await page.goto(back!);
  await expect(page.getByRole("heading", { level: 1, name: t.trust.secure.title })).toBeVisible();
  await expectAccessible(page, "/secure-account");
  await page.getByRole("button", { name: t.trust.secure.submit, exact: true }).click();

  // Signed out everywhere, and straight to choosing a new password.
  await expect(page).toHaveURL(/\/reset-password\?token=/);
  const fresh = strongPassword();
  await page.getByLabel(t.reset.newPassword, { exact: true }).fill(fresh);
  await page.getByRole("button", { name: t.reset.submit, exact: true }).click();
  await expect(page.getByText(t.reset.done)).toBeVisible();
  await page.goto("/me/security");
  await expect(page.getByText(interpolate(t.trust.email.current, { email: account.email }))).toBeVisible();

  // The link works once.
  const again = await page.goto(back!);
  expect(again?.status()).toBe(400);
  await expect(page.getByText(t.trust.secure.linkFailed)).toBeVisible();
});
