import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { accessibilityProblems, checkPage } from "./support/a11y";
import { registerAccount } from "./support/accounts";
import { launchBrowser, openPage } from "./support/browser";
import { executeE2eSql } from "./support/d1";
import { submitStaffSignIn } from "./support/operator";
import { createStaffAccount } from "./support/staff";
import { Authenticator } from "./support/totp";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const PASSWORD = "lilac-quarry-beacon-77";

const registerUser = (ip = "192.0.2.61") =>
  registerAccount(baseUrl, { label: "totp", name: "Grace Hopper", ip, password: PASSWORD });

const activeElementId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");

async function fillPasswordSignIn(page: Page, email: string, password: string) {
  await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

async function signOutFromMenu(page: Page, name: string) {
  await page.getByRole("button", { name: `Account menu, ${name}` }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/");
}

/**
 * From the security page's "Set up" button to the saved recovery codes: reads the key
 * from the page, answers with the test's authenticator, returns the authenticator and codes.
 */
async function enrolTotp(page: Page): Promise<{ app: Authenticator; codes: string[] }> {
  const card = page.locator("section", {
    has: page.getByRole("heading", { level: 2, name: "Two-factor authentication" }),
  });
  await card.getByText("Off", { exact: true }).waitFor();
  await card.getByRole("button", { name: "Set up two-factor authentication" }).click();
  const setupHeading = page.getByRole("heading", {
    level: 3,
    name: "Add Resume Builder to your authenticator app",
  });
  await setupHeading.waitFor();
  // focus follows the step, so a screen reader starts at its heading
  expect(await setupHeading.evaluate((heading) => heading === document.activeElement)).toBe(true);
  // the QR code is inline SVG (no data: URL) with a text alternative
  const qr = page.getByRole("img", { name: /QR code that adds Resume Builder/ });
  expect(await qr.locator("svg").count()).toBe(1);
  const secret = ((await page.locator("#totp-secret").textContent()) ?? "").replace(/\s+/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  expect(await accessibilityProblems(page)).toEqual([]);

  // a code that is not 6 digits never leaves the page: the summary takes focus
  const codeField = page.getByLabel("Code from the app");
  expect(await codeField.getAttribute("inputmode")).toBe("numeric");
  expect(await codeField.getAttribute("autocomplete")).toBe("one-time-code");
  await codeField.fill("12345");
  await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  await page.getByRole("alert").filter({ hasText: "There is a problem" }).waitFor();
  await page
    .getByRole("link", { name: "Enter the 6-digit code your authenticator app shows." })
    .click();
  expect(await activeElementId(page)).toBe("totp-setup-code");

  const app = new Authenticator(secret);
  await codeField.fill(await app.code());
  await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  await page.getByRole("heading", { level: 3, name: "Save your recovery codes" }).waitFor();
  // the badge follows at once, while the codes are still on screen (no reload)
  await card.getByText("On", { exact: true }).waitFor();
  const codes = await page
    .getByRole("list", { name: "Recovery codes" })
    .getByRole("listitem")
    .allTextContents();
  expect(codes).toHaveLength(10);
  for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
  return { app, codes };
}

describe("two-factor authentication in the user app", () => {
  it("enrols with an authenticator app, signs in with a code and a recovery code, renews the codes and turns it off", async () => {
    const { email, name } = await registerUser();
    const { page, problems, close } = await openPage(browser, { baseUrl });
    try {
      await page.goto("/account/security");
      await page.waitForURL((url) => url.pathname === "/login");
      await fillPasswordSignIn(page, email, PASSWORD);
      await page.waitForURL((url) => url.pathname === "/account/security");
      expect(await checkPage(page, "/account/security", "Account security")).toEqual([]);

      const { app, codes } = await enrolTotp(page);
      // shown once: download them as a text file
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Download .txt" }).click(),
      ]);
      expect(download.suggestedFilename()).toBe("resume-builder-recovery-codes.txt");
      const saved = await readFile(await download.path(), "utf8");
      for (const code of codes) expect(saved).toContain(code);
      expect(await accessibilityProblems(page)).toEqual([]);
      await page.getByRole("button", { name: "I have saved my recovery codes" }).click();
      await page.getByText("Two-factor authentication is on. Sign-ins now ask").waitFor();
      await page.getByText("10 of 10 recovery codes left").waitFor();
      // the codes are gone from the page for good
      expect(await page.getByText(codes[0] ?? "-").count()).toBe(0);

      // signing in now takes the password and then a code from the app
      await signOutFromMenu(page, name);
      await page.goto("/login");
      await fillPasswordSignIn(page, email, PASSWORD);
      await page.getByRole("heading", { level: 1, name: "Two-step verification" }).waitFor();
      await page.getByLabel("Authentication code").fill(await app.code());
      await page.getByRole("button", { name: "Verify and sign in" }).click();
      await page.waitForURL((url) => url.pathname === "/dashboard");
      await page.getByRole("heading", { level: 1, name: `Hello, ${name}` }).waitFor();

      // or with a recovery code instead, once
      await signOutFromMenu(page, name);
      await page.goto("/login?next=/account/security");
      await fillPasswordSignIn(page, email, PASSWORD);
      await page.getByRole("heading", { level: 1, name: "Two-step verification" }).waitFor();
      await page.getByRole("button", { name: "Use a recovery code" }).click();
      await page.getByLabel("Recovery code").fill(codes[0] ?? "");
      await page.getByRole("button", { name: "Verify and sign in" }).click();
      await page.waitForURL((url) => url.pathname === "/account/security");
      await page.getByText("9 of 10 recovery codes left").waitFor();

      // new recovery codes need a current code (the next 30-second step: codes never repeat)
      await page.getByRole("button", { name: "Get new recovery codes" }).click();
      expect(await activeElementId(page)).toBe("new-codes-code");
      await page.getByLabel("Code from the app").fill(await app.code());
      await page.getByRole("button", { name: "Get new codes" }).click();
      await page.getByRole("heading", { level: 3, name: "Save your recovery codes" }).waitFor();
      const renewed = await page
        .getByRole("list", { name: "Recovery codes" })
        .getByRole("listitem")
        .allTextContents();
      expect(renewed).toHaveLength(10);
      expect(renewed.filter((code) => codes.includes(code))).toEqual([]);
      await page.getByRole("button", { name: "I have saved my recovery codes" }).click();
      await page.getByText("10 of 10 recovery codes left").waitFor();

      // turning it off takes the password and a second factor, here a new recovery code
      await page.getByRole("button", { name: "Turn off two-factor authentication" }).click();
      expect(await activeElementId(page)).toBe("disable-password");
      await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
      await page.getByRole("button", { name: "Use a recovery code instead" }).click();
      await page.getByLabel("Recovery code").fill(renewed[0] ?? "");
      await page.getByRole("button", { name: "Turn off", exact: true }).click();
      await page.getByText("Two-factor authentication is off.").waitFor();
      await page.getByRole("button", { name: "Set up two-factor authentication" }).waitFor();
      // and signing in asks for the password only again
      await signOutFromMenu(page, name);
      await page.goto("/login");
      await fillPasswordSignIn(page, email, PASSWORD);
      await page.waitForURL((url) => url.pathname === "/dashboard");
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe("step-up in the user app", () => {
  it("asks a session signed in long ago for the password before two-factor set-up, then goes on", async () => {
    const { id, email } = await registerUser("192.0.2.62");
    const { page, context, problems, close } = await openPage(browser, {
      baseUrl,
      // the expired access cookie (401, refreshed), the stale session (403), a wrong password
      allowStatuses: [401, 403],
    });
    try {
      await page.goto("/login?next=/account/security");
      await fillPasswordSignIn(page, email, PASSWORD);
      await page.waitForURL((url) => url.pathname === "/account/security");
      // the session proved itself 20 minutes ago; the next access token (after a refresh)
      // carries that time
      await executeE2eSql(
        `UPDATE refresh_tokens SET auth_at = ${Date.now() - 20 * 60_000} WHERE user_id = '${id}'`,
      );
      await context.clearCookies({ name: "__Host-rb_access" });
      await page.reload();
      await page.getByRole("button", { name: "Set up two-factor authentication" }).click();

      const dialog = page.getByRole("dialog", { name: "Confirm it's you" });
      await dialog.waitFor();
      await dialog.getByText("For your security, confirm it's you to continue.").waitFor();
      await expect.poll(() => activeElementId(page)).toBe("step-up-proof");
      expect(await accessibilityProblems(page)).toEqual([]);
      await dialog.getByLabel("Password").fill("not-my-password-at-all");
      await dialog.getByRole("button", { name: "Confirm" }).click();
      await dialog.getByText("That password is not correct.").waitFor();
      await dialog.getByLabel("Password").fill(PASSWORD);
      await dialog.getByRole("button", { name: "Confirm" }).click();

      // the refused set-up went again on its own
      await page
        .getByRole("heading", { level: 3, name: "Add Resume Builder to your authenticator app" })
        .waitFor();
      expect(await dialog.count()).toBe(0);
      await page.getByRole("button", { name: "Cancel" }).click();
      await page.getByText("Set-up cancelled: two-factor authentication is still off.").waitFor();
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe("two-factor authentication for staff", () => {
  it("a staff member without it is pointed to set-up, enrols, and passes the step-up dialog for a backup", async () => {
    // its own account: enrolling the seeded demo admin would change it for other files
    const staff = await createStaffAccount(baseUrl, "super_admin");
    const { page, problems, close } = await openPage(browser, {
      baseUrl,
      // the backup is first refused for want of a second factor in this session
      allowStatuses: [403],
    });
    try {
      await submitStaffSignIn(page, staff.email, staff.password);
      await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
      const banner = page.getByRole("region", { name: "Two-factor authentication is off" });
      await banner
        .getByText(
          "Sensitive actions — pausing runs, backups, bans, refunds — need two-factor authentication.",
        )
        .waitFor();
      expect(await accessibilityProblems(page)).toEqual([]);

      // the link opens the user app's security page (same origin, same session)
      await banner.getByRole("link", { name: "Set it up" }).click();
      await page.waitForURL((url) => url.pathname === "/account/security");
      expect(new URL(page.url()).searchParams.get("next")).toBe("/admin/");
      expect(await checkPage(page, "/account/security?next=/admin/", "Account security")).toEqual(
        [],
      );
      const { app } = await enrolTotp(page);
      await page.getByRole("button", { name: "I have saved my recovery codes" }).click();
      await page.getByText("10 of 10 recovery codes left").waitFor();

      await page.getByRole("link", { name: "Back to the admin console" }).click();
      await page.waitForURL((url) => url.pathname === "/admin/");
      await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
      expect(await page.getByText("Two-factor authentication is off").count()).toBe(0);

      // the session was opened with the password only: a backup asks for a code first
      await page
        .getByRole("navigation", { name: "Admin" })
        .getByRole("link", { name: "Backups" })
        .click();
      await page.getByRole("heading", { level: 1, name: "Backups" }).waitFor();
      await page.getByRole("button", { name: "Run backup now" }).click();
      const dialog = page.getByRole("dialog", { name: "Confirm it's you" });
      await dialog.waitFor();
      await expect.poll(() => activeElementId(page)).toBe("step-up-proof");
      expect(await dialog.getByLabel("Authentication code").getAttribute("autocomplete")).toBe(
        "one-time-code",
      );
      // a malformed code is caught in the dialog, next to the field
      await dialog.getByLabel("Authentication code").fill("99");
      await dialog.getByRole("button", { name: "Confirm" }).click();
      await dialog.getByText("Enter the 6-digit code from your authenticator app.").waitFor();
      await dialog.getByLabel("Authentication code").fill(await app.code());
      await dialog.getByRole("button", { name: "Confirm" }).click();

      // the refused request went again and the backup started
      await page.waitForURL(/\/admin\/jobs\/[^/]+$/);
      expect(await dialog.count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe("step-up with a passkey", () => {
  it("a staff member whose second factor is a passkey confirms a backup with it", async () => {
    const staff = await createStaffAccount(baseUrl, "super_admin", "192.0.2.63");
    // WebAuthn refuses an IP address as the site: the apps are opened on localhost
    const { page, problems, close } = await openPage(browser, {
      baseUrl: baseUrl.replace("//127.0.0.1:", "//localhost:"),
      allowStatuses: [403],
    });
    try {
      // Chromium's virtual authenticator: user verification always succeeds
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("WebAuthn.enable", { enableUI: false });
      await cdp.send("WebAuthn.addVirtualAuthenticator", {
        options: {
          protocol: "ctap2",
          transport: "internal",
          hasResidentKey: true,
          hasUserVerification: true,
          isUserVerified: true,
          automaticPresenceSimulation: true,
        },
      });
      await page.goto("/login?next=/account/security");
      await fillPasswordSignIn(page, staff.email, staff.password);
      await page.waitForURL((url) => url.pathname === "/account/security");
      const passkeys = page.locator("section", {
        has: page.getByRole("heading", { level: 2, name: "Passkeys" }),
      });
      await passkeys.getByRole("button", { name: "Add a passkey" }).click();
      await passkeys.getByRole("list", { name: "Your passkeys" }).getByRole("listitem").waitFor();

      // the admin app shares the session, which was opened with the password only: the
      // backup asks for the passkey
      await page.goto("/admin/backups");
      await page.getByRole("heading", { level: 1, name: "Backups" }).waitFor();
      // a passkey is a second factor the step-up accepts: no banner asks for set-up
      await page.waitForLoadState("networkidle");
      expect(await page.getByText("Two-factor authentication is off").count()).toBe(0);
      await page.getByRole("button", { name: "Run backup now" }).click();
      const dialog = page.getByRole("dialog", { name: "Confirm it's you" });
      await dialog.waitFor();
      const usePasskey = dialog.getByRole("button", { name: "Use a passkey" });
      await expect
        .poll(() => usePasskey.evaluate((button) => button === document.activeElement))
        .toBe(true);
      await usePasskey.click();
      await page.waitForURL(/\/admin\/jobs\/[^/]+$/);
      expect(await dialog.count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
