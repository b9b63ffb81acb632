// Accounts end to end, as a person uses them: join and confirm the address, bad input, log in and
// out, reset a password, cross-site requests, roles in the administration, the health check.
import { PASSWORD_MIN } from "../../app/domain/accounts/limits";
import { COMMITTEES } from "../../db/reference-data";
import {
  closeContext,
  DEMO,
  DEMO_PASSWORD,
  en,
  expect,
  freshPage,
  interpolate,
  join,
  joinVerified,
  login,
  logout,
  openLatestMail,
  strongPassword,
  test,
  uniqueEmail,
} from "./fixtures";

test.describe("joining", () => {
  test("join, read the verification e-mail, follow its link: the address is confirmed", async ({ page, t, baseURL }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "ko");

    const account = await join(page, "join");
    await expect(page.getByRole("status")).toContainText(account.email);
    // Not signed in yet: the page said the same as it would for an address that has an account.
    await page.goto("/");
    await expect(page.getByRole("link", { name: t.nav.login, exact: true })).toBeVisible();

    const link = await openLatestMail(page, account.email, {
      subject: t.mail.verify.subject,
      linkPrefix: `${baseURL}/verify-email?token=`,
    });
    await page.getByRole("link", { name: link! }).click();
    await expect(page).toHaveURL(/\/verify-email\?token=/);
    await expect(page.getByText(t.verify.done)).toBeVisible();

    // The link signed in, and the address is confirmed.
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: t.home.title })).toBeVisible();
    await expect(page.getByRole("link", { name: account.displayName })).toBeVisible();
    await expect(page.getByText(t.verify.banner)).toHaveCount(0);
    await page.goto("/me");
    await expect(page.getByText(`${account.email} (${t.admin.verified})`)).toBeVisible();

    // The link works once.
    const again = await page.goto(link!);
    expect(again?.status()).toBe(400);
    await expect(page.getByText(t.verify.failed)).toBeVisible();
  });

  test("join with bad input: errors next to the fields, 400, what was typed is kept but not the password", async ({
    page,
    t,
  }) => {
    await page.goto("/join");
    const email = page.getByLabel(t.join.email, { exact: true });
    const displayName = page.getByLabel(t.join.displayName, { exact: true });
    const password = page.getByLabel(t.join.password, { exact: true });
    const submit = page.getByRole("button", { name: t.join.submit, exact: true });
    const joinPost = () =>
      page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/join");

    // An invalid address and a short password.
    await email.fill("not-an-address");
    await displayName.fill("마당 시민");
    await password.fill("Qz7!short");
    const [first] = await Promise.all([joinPost(), submit.click()]);
    expect(first.status()).toBe(400);
    expect(await first.text()).not.toContain("Qz7!short");
    await expect(page.getByRole("alert")).toContainText(t.errors.formTitle);
    await expect(email).toHaveAttribute("aria-invalid", "true");
    await expect(email).toHaveAccessibleDescription(t.errors.email);
    await expect(password).toHaveAttribute("aria-invalid", "true");
    await expect(password).toHaveAccessibleDescription(new RegExp(interpolate(t.errors.passwordTooShort, { min: PASSWORD_MIN }).replace(/[.()]/g, "\\$&")));
    await expect(displayName).not.toHaveAttribute("aria-invalid", "true");
    await expect(email).toHaveValue("not-an-address");
    await expect(displayName).toHaveValue("마당 시민");
    // The server never sends the password back (checked on the response above); with JavaScript
    // the browser's own field keeps what was typed, and without it the field comes back empty
    // (the test "without JavaScript" below).
    await expect(page).toHaveURL(/\/join$/);

    // A valid address, but a password everybody guesses.
    const address = uniqueEmail("common");
    await email.fill(address);
    await password.fill("password1234");
    const [second] = await Promise.all([joinPost(), submit.click()]);
    expect(second.status()).toBe(400);
    expect(await second.text()).not.toContain("password1234");
    await expect(password).toHaveAccessibleDescription(new RegExp(t.errors.passwordCommon.replace(/[.()]/g, "\\$&")));
    await expect(email).not.toHaveAttribute("aria-invalid", "true");
    await expect(email).toHaveValue(address);
    await expect(displayName).toHaveValue("마당 시민");
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("a refused join answers 400 with the page and the errors", async ({ page, t }) => {
      await page.goto("/join");
      const address = uniqueEmail("nojs");
      await page.getByLabel(t.join.email, { exact: true }).fill(address);
      await page.getByLabel(t.join.displayName, { exact: true }).fill("자바스크립트 없음");
      await page.getByLabel(t.join.password, { exact: true }).fill("short");
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/join"),
        page.getByRole("button", { name: t.join.submit, exact: true }).click(),
      ]);
      expect(response.status()).toBe(400);
      await expect(page.getByRole("alert")).toContainText(interpolate(t.errors.passwordTooShort, { min: PASSWORD_MIN }));
      await expect(page.getByLabel(t.join.email, { exact: true })).toHaveValue(address);
      await expect(page.getByLabel(t.join.displayName, { exact: true })).toHaveValue("자바스크립트 없음");
      await expect(page.getByLabel(t.join.password, { exact: true })).toHaveValue("");
    });
  });
});

test("the language switch in the header turns the site into English and back", async ({ page, t, context }) => {
  await page.goto("/login");
  await expect(page.getByRole("heading", { level: 1, name: t.login.title })).toBeVisible();
  // One button, named by the other language in that language.
  await page.getByRole("button", { name: `${t.language.switch}: ${en.language.en}`, exact: true }).click();

  await expect(page).toHaveURL(/\/login$/); // back on the same page
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: en.login.title })).toBeVisible();
  await expect(page.getByLabel(en.login.email, { exact: true })).toBeVisible();
  expect((await context.cookies()).find((c) => c.name === "madang_lang")?.value).toBe("en");
  await page.reload();
  await expect(page.getByRole("button", { name: en.login.submit, exact: true })).toBeVisible();

  await page.getByRole("button", { name: `${en.language.switch}: ${t.language.ko}`, exact: true }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  await expect(page.getByRole("heading", { level: 1, name: t.login.title })).toBeVisible();
});

test.describe("logging in and out", () => {
  test("a wrong password is refused and the e-mail kept; the right one signs in; log out ends the session", async ({
    page,
    context,
    t,
  }) => {
    await page.goto("/login");
    const email = page.getByLabel(t.login.email, { exact: true });
    const password = page.getByLabel(t.login.password, { exact: true });
    await email.fill(DEMO.citizen.email);
    await password.fill("not-the-password-1");
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login"),
      page.getByRole("button", { name: t.login.submit, exact: true }).click(),
    ]);
    expect(refused.status()).toBe(401);
    expect(await refused.text()).not.toContain("not-the-password-1");
    await expect(page.getByRole("alert")).toContainText(t.errors.invalidCredentials);
    await expect(email).toHaveValue(DEMO.citizen.email);

    await password.fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: t.login.submit, exact: true }).click();
    await expect(page.getByRole("button", { name: t.nav.logout, exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: DEMO.citizen.name })).toBeVisible();
    await page.goto("/me");
    await expect(page.getByRole("heading", { level: 1, name: t.me.title })).toBeVisible();
    await expect(page.getByText(DEMO.citizen.email)).toBeVisible();

    const signedInCookies = await context.cookies();
    await logout(page);
    await expect(page).toHaveURL(/\/$/);
    await page.goto("/me");
    await expect(page).toHaveURL(/\/login\?next=%2Fme$/);
    await expect(page.getByRole("heading", { level: 1, name: t.login.title })).toBeVisible();

    // The session is ended on the server too: the old cookie no longer signs anyone in.
    await context.addCookies(signedInCookies);
    await page.goto("/me");
    await expect(page).toHaveURL(/\/login\?next=%2Fme$/);
  });

  test("logging in brings you back to the page that asked for it", async ({ page, t }) => {
    await page.goto("/me");
    await expect(page).toHaveURL(/\/login\?next=%2Fme$/);
    await page.getByLabel(t.login.email, { exact: true }).fill(DEMO.citizen.email);
    await page.getByLabel(t.login.password, { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: t.login.submit, exact: true }).click();
    await expect(page).toHaveURL(/\/me$/);
    await expect(page.getByRole("heading", { level: 1, name: t.me.title })).toBeVisible();
  });
});

test("reset a forgotten password by e-mail: the new password works, the old one and the used link do not", async ({
  page,
  t,
  baseURL,
}) => {
  const account = await join(page, "reset");

  await page.goto("/login");
  await page.getByRole("link", { name: t.login.forgot }).click();
  await expect(page).toHaveURL(/\/reset-password$/);
  await page.getByLabel(t.reset.email, { exact: true }).fill(account.email);
  await page.getByRole("button", { name: t.reset.requestSubmit, exact: true }).click();
  await expect(page.getByRole("status")).toContainText(account.email);

  const link = await openLatestMail(page, account.email, {
    subject: t.mail.reset.subject,
    linkPrefix: `${baseURL}/reset-password?token=`,
  });
  await page.getByRole("link", { name: link! }).click();
  await expect(page).toHaveURL(/\/reset-password\?token=/);
  const newPassword = strongPassword();
  await page.getByLabel(t.reset.newPassword, { exact: true }).fill(newPassword);
  await page.getByRole("button", { name: t.reset.submit, exact: true }).click();
  await expect(page).toHaveURL(/\/reset-password\?done=1$/);
  await expect(page.getByRole("status").filter({ hasText: t.reset.done })).toBeVisible();
  // Signed in, and the address now counts as confirmed (the mail was read).
  await expect(page.getByRole("link", { name: account.displayName })).toBeVisible();
  await expect(page.getByText(t.verify.banner)).toHaveCount(0);

  // The link worked once.
  await page.goto(link!);
  await expect(page.getByText(t.reset.invalid)).toBeVisible();
  await expect(page.getByLabel(t.reset.newPassword, { exact: true })).toHaveCount(0);

  await logout(page);
  await page.goto("/login");
  await page.getByLabel(t.login.email, { exact: true }).fill(account.email);
  await page.getByLabel(t.login.password, { exact: true }).fill(account.password);
  await page.getByRole("button", { name: t.login.submit, exact: true }).click();
  await expect(page.getByRole("alert")).toContainText(t.errors.invalidCredentials);

  await login(page, account.email, newPassword);
  await expect(page.getByRole("link", { name: account.displayName })).toBeVisible();
});

test.describe("requests from other sites", () => {
  test("a POST from another origin is refused with 403; one from this site is not", async ({ request, baseURL }) => {
    const evil = await request.post(`${baseURL}/logout`, {
      headers: { Origin: "http://evil.example" },
      maxRedirects: 0,
    });
    expect(evil.status()).toBe(403);
    expect(await evil.text()).toContain("Cross-origin request refused");

    // Logging someone in from another site (login CSRF) is refused before the password is checked.
    const evilLogin = await request.post(`${baseURL}/login`, {
      headers: { Origin: "http://evil.example" },
      form: { email: DEMO.citizen.email, password: DEMO_PASSWORD },
      maxRedirects: 0,
    });
    expect(evilLogin.status()).toBe(403);
    expect(evilLogin.headers()["set-cookie"] ?? "").not.toContain("session");

    // Neither Origin nor Referer: refused too.
    const anonymous = await request.post(`${baseURL}/logout`, { maxRedirects: 0 });
    expect(anonymous.status()).toBe(403);

    const same = await request.post(`${baseURL}/logout`, {
      headers: { Origin: new URL(baseURL!).origin },
      maxRedirects: 0,
    });
    expect(same.status()).not.toBe(403);
    expect(same.status()).toBe(302);

    const sameByReferer = await request.post(`${baseURL}/logout`, {
      headers: { Referer: `${baseURL}/me` },
      maxRedirects: 0,
    });
    expect(sameByReferer.status()).toBe(302);
  });
});

test.describe("administration of roles", () => {
  test("an admin grants a committee role, sees it listed and in the audit, and revokes it", async ({
    page,
    browser,
    t,
  }) => {
    const committee = COMMITTEES[1];
    const roleLabel = `${t.roles.committee_member} — ${committee.name_ko}`;

    // Someone to appoint: a newly joined citizen (signed in by the verification link), in a browser of their own.
    const citizenPage = await freshPage(browser);
    const citizen = await joinVerified(citizenPage, "appointee");

    await login(page, DEMO.admin.email, DEMO_PASSWORD);
    await page.getByRole("navigation", { name: t.site.mainNav }).getByRole("link", { name: t.nav.admin }).click();
    await page.getByRole("link", { name: t.admin.users }).click();
    await expect(page.getByRole("heading", { level: 1, name: t.admin.users })).toBeVisible();
    await page.getByRole("search").getByLabel(t.admin.search).fill(citizen.email);
    await page.getByRole("button", { name: t.admin.searchSubmit, exact: true }).click();
    await expect(page).toHaveURL(/\?q=/);
    const row = page.getByRole("row").filter({ hasText: citizen.email });
    await expect(row).toHaveCount(1);
    await expect(page.getByRole("row")).toHaveCount(2); // the header and the one match
    await row.getByRole("link", { name: citizen.displayName }).click();

    await expect(
      page.getByRole("heading", { level: 1, name: t.admin.userTitle.replace("{{name}}", citizen.displayName) }),
    ).toBeVisible();
    await expect(page.getByText(t.admin.noRoles)).toBeVisible();
    await expect(page.getByText(t.admin.noAudit)).toBeVisible();

    // A committee role without a committee is refused, next to the field.
    await page.getByLabel(t.admin.role, { exact: true }).selectOption({ label: t.roles.committee_member });
    await page.getByRole("button", { name: t.admin.grantSubmit, exact: true }).click();
    await expect(page.getByRole("alert")).toContainText(t.errors.required);
    await expect(page.getByLabel(t.admin.committee, { exact: true })).toHaveAttribute("aria-invalid", "true");

    await page.getByLabel(t.admin.role, { exact: true }).selectOption({ label: t.roles.committee_member });
    await page.getByLabel(t.admin.committee, { exact: true }).selectOption({ label: committee.name_ko });
    await page.getByRole("button", { name: t.admin.grantSubmit, exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: t.admin.granted })).toBeVisible();
    const grants = page.locator("ul.grant-list");
    await expect(grants.getByRole("listitem")).toHaveText([new RegExp(roleLabel)]);
    const audit = page.locator("ul.audit-list");
    await expect(audit.getByRole("listitem")).toHaveCount(1);
    await expect(audit.getByRole("listitem").first()).toContainText(`+ ${t.roles.committee_member}`);
    await expect(audit.getByRole("listitem").first()).toContainText(DEMO.admin.name);

    // The appointee holds the role at once.
    await citizenPage.goto("/me");
    await expect(citizenPage.getByText(t.roles.committee_member, { exact: true })).toBeVisible();

    await page.getByRole("button", { name: `${t.admin.revoke}: ${roleLabel}` }).click();
    await expect(page.getByRole("status").filter({ hasText: t.admin.revoked })).toBeVisible();
    await expect(page.getByText(t.admin.noRoles)).toBeVisible();
    await expect(audit.getByRole("listitem")).toHaveCount(2);
    await expect(audit.getByRole("listitem").first()).toContainText(`− ${t.roles.committee_member}`);

    await citizenPage.reload();
    await expect(citizenPage.getByText(t.roles.committee_member, { exact: true })).toHaveCount(0);
    await closeContext(citizenPage);
  });

  test("a citizen is refused the administration with 403; a visitor is sent to log in", async ({ page, t }) => {
    const visitor = await page.goto("/admin/users");
    expect(visitor?.status()).toBe(200);
    await expect(page).toHaveURL(/\/login\?next=%2Fadmin%2Fusers$/);

    await page.getByLabel(t.login.email, { exact: true }).fill(DEMO.citizen.email);
    await page.getByLabel(t.login.password, { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: t.login.submit, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: t.errors.forbidden })).toBeVisible();

    const citizen = await page.goto("/admin/users");
    expect(citizen?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1, name: t.errors.forbidden })).toBeVisible();
    await expect(page.getByRole("table")).toHaveCount(0);
    await expect(page.getByRole("link", { name: t.nav.admin })).toHaveCount(0);
  });
});

test("/healthz answers 200 with status ok", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/json");
  expect(await response.json()).toMatchObject({ status: "ok", database: "reachable" });
});
