import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { accessibilityProblems, checkPage, settled } from "./support/a11y";
import { launchBrowser, openPage } from "./support/browser";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Seeded by `db/seed/0002_demo_accounts.mjs` (verified, onboarded, no MFA). */
const DEMO_USER = { email: "user@demo.resume-builder.test", password: "quiet-harbor-lantern-42" };

const uniqueAddress = (label: string) =>
  `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.test`;

interface OutboxEmail {
  to: string;
  template: string;
  text: string;
}

/** The newest email of `template` to `to` in the local outbox (the signup workflow sends it). */
async function waitForEmail(to: string, template: string): Promise<OutboxEmail> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const response = await fetch(new URL(`/api/dev/outbox?to=${encodeURIComponent(to)}`, baseUrl));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: OutboxEmail[] };
    const email = body.data.find((candidate) => candidate.template === template);
    if (email) return email;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no ${template} email to ${to} within 30 s`);
}

/** The link to `path` in an email's text part, as a path on the server under test. */
function linkIn(email: OutboxEmail, path: string): string {
  const match = email.text.match(new RegExp(`https?://[^\\s)]+${path}\\?token=[^\\s)]+`));
  if (!match) throw new Error(`no ${path} link in: ${email.text}`);
  const url = new URL(match[0]);
  return `${url.pathname}${url.search}`;
}

const activeElement = (page: Page) =>
  page.evaluate(() => ({
    id: document.activeElement?.id ?? "",
    className: document.activeElement?.className ?? "",
    text: document.activeElement?.textContent ?? "",
  }));

/** The texts an input's aria-describedby points at (its help and its error). */
const descriptionOf = (page: Page, label: string) =>
  page.getByLabel(label, { exact: true }).evaluate((input) =>
    (input.getAttribute("aria-describedby") ?? "")
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" "),
  );

describe("accounts in the user app", () => {
  it("registers, verifies by the emailed link, onboards, signs out and signs back in", async () => {
    const { page, context, problems, close } = await openPage(browser, { baseUrl });
    const email = uniqueAddress("ada");
    const name = "Ada Lovelace";
    const password = "Analytical-Engine-1843";
    try {
      await page.goto("/");
      await page.getByRole("link", { name: "Create account" }).click();
      await page.getByRole("heading", { level: 1, name: "Create your account" }).waitFor();

      await page.getByLabel("Name", { exact: true }).fill(name);
      await page.getByLabel("Email address").fill(email);
      await page.getByLabel("Password", { exact: true }).fill(password);
      // the live hint ticks every requirement off
      await expect
        .poll(() => page.getByText("The password meets every requirement.").count())
        .toBe(1);
      const standard = page.getByRole("radio", { name: "Standard" });
      expect(await page.getByRole("radio", { name: "Free" }).isChecked()).toBe(true);
      await page.locator("label", { hasText: /^Standard$/ }).click();
      expect(await standard.isChecked()).toBe(true);
      expect(await page.getByRole("radiogroup", { name: "Plan" }).textContent()).toContain(
        "$14.99 per month",
      );
      // Premium: no trial starts on confirmation, so onboarding decides where the plan goes
      await page.locator("label", { hasText: /^Premium$/ }).click();
      expect(await page.getByRole("radio", { name: "Premium" }).isChecked()).toBe(true);
      await page.getByRole("button", { name: "Create account" }).click();

      // the same answer whether or not the address has an account: no session, no account
      // id, only "check your inbox" and the way to sign in
      await page.getByRole("heading", { level: 1, name: "Check your inbox" }).waitFor();
      expect(await page.getByText(email).count()).toBeGreaterThan(0);
      expect(await context.cookies()).toEqual([]);
      expect(await page.getByRole("button", { name: `Account menu, ${name}` }).count()).toBe(0);

      // the emailed link confirms the address in any browser and leads to sign-in
      const verification = await waitForEmail(email, "verify_email");
      expect(verification.text).not.toContain(name);
      await page.goto(linkIn(verification, "/verify-email"));
      await page.getByRole("heading", { level: 1, name: "Email confirmed" }).waitFor();
      await page.getByRole("link", { name: "Sign in to continue" }).click();
      await page.waitForURL((url) => url.pathname === "/login");
      expect(new URL(page.url()).searchParams.get("next")).toBe("/onboarding");
      await page.getByLabel("Email address").fill(email);
      await page.getByLabel("Password", { exact: true }).fill(password);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/onboarding");

      // signed in: httpOnly session cookies plus the readable CSRF cookie, all Secure, which
      // Chromium keeps on http://127.0.0.1 (a secure context); the prefixes hold them to this
      // origin (__Host-: Path=/, no Domain) and the refresh cookie to /api/auth
      const cookies = Object.fromEntries(
        (await context.cookies()).map((cookie) => [cookie.name, cookie]),
      );
      expect(cookies["__Host-rb_access"]?.httpOnly).toBe(true);
      expect(cookies["__Secure-rb_refresh"]?.httpOnly).toBe(true);
      expect(cookies["__Secure-rb_refresh"]?.path).toBe("/api/auth");
      expect(cookies["__Host-rb_csrf"]?.httpOnly).toBe(false);
      expect(cookies["__Host-rb_access"]?.path).toBe("/");
      expect(cookies["__Host-rb_access"]?.secure && cookies["__Host-rb_csrf"]?.secure).toBe(true);
      const menu = page.getByRole("button", { name: `Account menu, ${name}` });
      await menu.waitFor();

      await page.getByRole("heading", { level: 1, name: "Set up your account" }).waitFor();
      await page.getByRole("heading", { level: 2, name: /About you/ }).waitFor();
      // verified: no banner asking to confirm the address
      expect(await page.getByText("Confirm your email address").count()).toBe(0);
      await page.getByLabel("Headline").fill("Mathematician and first programmer");
      await page.getByLabel("Location").fill("London");
      await page.getByLabel("Website").fill("ada.example.org");
      await page.getByRole("button", { name: "Save and continue" }).click();

      const planHeading = page.getByRole("heading", { level: 2, name: /Your plan/ });
      await planHeading.waitFor();
      // preselected from the plan chosen at signup; focus moved to the new step
      expect(await page.getByRole("radio", { name: "Premium" }).isChecked()).toBe(true);
      await expect.poll(() => activeElement(page)).toMatchObject({ id: "onboarding-step-title" });
      // a paid plan is a checkout intent: it goes to checkout, and the account stays Free
      // until billing confirms a payment
      await page.getByRole("button", { name: "Go to checkout for Premium" }).click();
      await page.waitForURL((url) => url.pathname.startsWith("/local-checkout/"));
      await page.getByText("Local test checkout — no real payment").waitFor();

      await page.goto("/dashboard");
      await page.getByRole("heading", { level: 1, name: `Hello, ${name}` }).waitFor();
      await page.getByText("No resumes yet").waitFor();
      expect(await page.getByText("Finish setting up your account").count()).toBe(0);

      const saved = await page.request.get("/api/profile");
      const { data } = (await saved.json()) as {
        data: { profile: Record<string, unknown>; user: Record<string, unknown> };
      };
      expect(data.profile).toMatchObject({
        headline: "Mathematician and first programmer",
        location: "London",
        website: "https://ada.example.org",
        onboarding_step: "done",
        plan_intent: null,
      });
      expect(data.user).toMatchObject({ plan: "free", email_verified: true });

      // sign out from the header menu, by keyboard; each key goes where focus is, so wait
      // for the menu to hold focus, then for the last item to be the focused one
      await menu.focus();
      await page.keyboard.press("Enter");
      const signOut = page.getByRole("menuitem", { name: "Sign out" });
      await signOut.waitFor();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.closest('[role="menu"]') !== null))
        .toBe(true);
      await page.keyboard.press("End");
      await expect
        .poll(() => signOut.evaluate((item) => item === document.activeElement))
        .toBe(true);
      await page.keyboard.press("Enter");
      await page.waitForURL((url) => url.pathname === "/");
      await page.getByRole("link", { name: "Sign in" }).waitFor();
      // every session cookie is gone; the browser's device id stays (it names the browser, not
      // a session: README "IP bans and linked accounts")
      expect((await context.cookies()).map((cookie) => cookie.name)).toEqual(["__Host-rb_device"]);

      // protected pages send a signed-out visitor to sign in, and back afterwards
      await page.goto("/dashboard");
      await page.waitForURL((url) => url.pathname === "/login");
      expect(new URL(page.url()).searchParams.get("next")).toBe("/dashboard");
      await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
      await page.getByLabel("Email address").fill(email);
      await page.getByLabel("Password", { exact: true }).fill(password);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/dashboard");
      await page.getByRole("heading", { level: 1, name: `Hello, ${name}` }).waitFor();
      expect(await page.getByRole("button", { name: `Account menu, ${name}` }).count()).toBe(1);

      const found = [
        ...(await checkPage(page, "/dashboard", `Hello, ${name}`)),
        ...(await checkPage(page, "/onboarding", "Set up your account")),
        ...(await checkPage(page, "/account/security", "Account security")),
        ...(await checkPage(page, "/account/profile", "Your profile")),
      ];
      expect(found).toEqual([]);

      // the profile page: an edited headline is what the next new resume starts with
      await page.goto("/account/profile");
      await page.getByRole("heading", { level: 1, name: "Your profile" }).waitFor();
      await page.getByLabel("Headline", { exact: true }).fill("Author of the first program");
      await page.getByRole("button", { name: "Save details" }).click();
      await page.getByText("Saved. New resumes start with these details.").waitFor();
      await page.goto("/dashboard");
      await page.getByRole("button", { name: "New resume" }).click();
      const newResume = page.getByRole("dialog", { name: "New resume" });
      await newResume.getByLabel("Title").fill("From my profile");
      await newResume.getByRole("button", { name: "Create resume" }).click();
      await page.waitForURL(/\/resumes\/[0-9a-f-]{36}$/);
      await expect
        .poll(() => page.getByLabel("Headline", { exact: true }).inputValue())
        .toBe("Author of the first program");
      expect(await page.getByLabel("Full name", { exact: true }).inputValue()).toBe(name);
      await page.goto("/account/security");
      await page.getByRole("heading", { level: 1, name: "Account security" }).waitFor();

      // account security: this device is listed and marked; the password changes (the
      // request carries the CSRF token) and this session survives it
      const devices = page.locator("section", {
        has: page.getByRole("heading", { level: 2, name: "Signed-in devices" }),
      });
      await devices.getByText("This device").waitFor();
      await page.getByLabel("Current password").fill(password);
      await page.getByLabel("New password", { exact: true }).fill("Difference-Engine-1822");
      await page.getByLabel("Confirm the new password").fill("Difference-Engine-1822");
      await page.getByRole("button", { name: "Change password" }).click();
      await page.getByText("Password changed").waitFor();
      await page.reload();
      await page.getByRole("heading", { level: 1, name: "Account security" }).waitFor();

      // signing out everywhere asks first, then ends this session too
      await page.getByRole("button", { name: "Sign out everywhere" }).click();
      const dialog = page.getByRole("dialog", { name: "Sign out on every device?" });
      await dialog.getByRole("button", { name: "Sign out everywhere" }).click();
      await page.waitForURL((url) => url.pathname === "/login");
      await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
      await page.goto("/account/security");
      await page.waitForURL((url) => url.pathname === "/login");

      // a forgotten password: the emailed link sets a new one, which then signs in
      await page.getByRole("link", { name: "Forgot your password?" }).click();
      await page.getByRole("heading", { level: 1, name: "Reset your password" }).waitFor();
      await page.getByLabel("Email address").fill(email);
      await page.getByRole("button", { name: "Send the link" }).click();
      await page.getByRole("heading", { level: 1, name: "Check your inbox" }).waitFor();
      const reset = await waitForEmail(email, "reset_password");
      await page.goto(linkIn(reset, "/reset-password"));
      await page.getByRole("heading", { level: 1, name: "Choose a new password" }).waitFor();
      await page.getByLabel("New password", { exact: true }).fill("Jacquard-Loom-Cards-1804");
      await page.getByLabel("Confirm the new password").fill("Jacquard-Loom-Cards-1804");
      await page.getByRole("button", { name: "Set the new password" }).click();
      await page.getByRole("heading", { level: 1, name: "Password changed" }).waitFor();
      await page.getByRole("link", { name: "Sign in" }).last().click();
      await page.getByLabel("Email address").fill(email);
      await page.getByLabel("Password", { exact: true }).fill("Jacquard-Loom-Cards-1804");
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await page.getByRole("heading", { level: 1, name: `Hello, ${name}` }).waitFor();
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("refreshes an expired access cookie once and retries; a dead session signs out", async () => {
    // the expired access token's 401 is part of the flow (the browser logs it)
    const { page, context, problems, close } = await openPage(browser, {
      baseUrl,
      allowStatuses: [401],
    });
    try {
      await page.goto("/login?next=%2Faccount%2Fsecurity");
      await page.getByLabel("Email address").fill(DEMO_USER.email);
      await page.getByLabel("Password", { exact: true }).fill(DEMO_USER.password);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await page.getByRole("heading", { level: 1, name: "Account security" }).waitFor();
      const cookie = async (name: string) =>
        (await context.cookies()).find((candidate) => candidate.name === name)?.value;
      const csrfBefore = await cookie("__Host-rb_csrf");

      // the access cookie is gone (as after 15 minutes): the app refreshes, with the CSRF
      // header, and retries
      const refreshes: number[] = [];
      page.on("response", (response) => {
        if (response.url().endsWith("/api/auth/refresh")) refreshes.push(response.status());
      });
      await context.clearCookies({ name: "__Host-rb_access" });
      await page.reload();
      await page.getByRole("heading", { level: 1, name: "Account security" }).waitFor();
      await page.getByText("This device").waitFor();
      expect(refreshes).toEqual([200]);
      expect(await cookie("__Host-rb_access")).toBeTruthy();
      expect(await cookie("__Host-rb_csrf")).not.toBe(csrfBefore);

      // without a refresh token the session is over: back to sign-in, CSRF cookie dropped
      await context.clearCookies({ name: "__Host-rb_access" });
      await context.clearCookies({ name: "__Secure-rb_refresh" });
      await page.goto("/dashboard");
      await page.waitForURL((url) => url.pathname === "/login");
      await page.getByText("Your session has ended. Sign in again to continue.").waitFor();
      expect(refreshes).toEqual([200, 401]);
      expect(await cookie("__Host-rb_csrf")).toBeUndefined();
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("shows a weak password as a field error and moves focus to the error summary", async () => {
    const { page, problems, close } = await openPage(browser, { baseUrl });
    try {
      await page.goto("/register");
      await page.getByRole("heading", { level: 1, name: "Create your account" }).waitFor();
      await page.getByLabel("Name", { exact: true }).fill("Grace Hopper");
      await page.getByLabel("Email address").fill(uniqueAddress("grace"));
      await page.getByLabel("Password", { exact: true }).fill("short");
      await page.getByRole("button", { name: "Create account" }).click();

      const summary = page.locator(".ds-error-summary");
      await summary.waitFor();
      await expect.poll(() => activeElement(page)).toMatchObject({ className: /ds-error-summary/ });
      expect(await summary.textContent()).toContain("Use at least 10 characters.");
      const passwordField = page.getByLabel("Password", { exact: true });
      expect(await passwordField.getAttribute("aria-invalid")).toBe("true");
      expect(await descriptionOf(page, "Password")).toContain("Use at least 10 characters.");
      // the error sits in a polite live region, announced as it changes
      const error = page.locator(".ds-field__error", { hasText: "Use at least 10 characters." });
      expect(await error.getAttribute("aria-live")).toBe("polite");

      // the summary's link moves to the field; fixing the password clears the error
      await summary.getByRole("link", { name: "Use at least 10 characters." }).click();
      await expect.poll(() => activeElement(page)).toMatchObject({ id: "password" });
      await passwordField.fill("Compiler-Nanosecond-1952");
      await expect.poll(() => passwordField.getAttribute("aria-invalid")).toBe(null);
      expect(await summary.count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("answers a wrong password with the one generic error", async () => {
    const { page, problems, close } = await openPage(browser, {
      baseUrl,
      allowStatuses: [401],
    });
    try {
      await page.goto("/login");
      await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
      await page.getByLabel("Email address").fill(DEMO_USER.email);
      await page.getByLabel("Password", { exact: true }).fill("not-the-right-password");
      await page.getByRole("button", { name: "Sign in", exact: true }).click();

      const summary = page.locator(".ds-error-summary");
      await summary.waitFor();
      expect(await summary.textContent()).toContain("The email or password is incorrect");
      await expect.poll(() => activeElement(page)).toMatchObject({ className: /ds-error-summary/ });
      expect(await page.getByLabel("Email address").getAttribute("aria-invalid")).toBe(null);
      expect(new URL(page.url()).pathname).toBe("/login");
      expect(await page.getByRole("link", { name: "Forgot your password?" }).count()).toBe(1);
      expect(await page.getByRole("link", { name: "Create an account" }).count()).toBe(1);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("account pages: named controls, one h1, one main, no sideways scrolling", async () => {
    const { page, problems, close } = await openPage(browser, { baseUrl, allowStatuses: [400] });
    try {
      const found: string[] = [];
      for (const [path, heading] of [
        ["/register", "Create your account"],
        ["/login", "Sign in"],
        ["/forgot-password", "Reset your password"],
        ["/reset-password?token=unknown-token-0000000000", "Choose a new password"],
        ["/verify-email?token=unknown-token-0000000000", "This link doesn't work"],
      ] as const) {
        for (const viewport of [
          { width: 1280, height: 800 },
          { width: 320, height: 640 },
        ]) {
          await page.setViewportSize(viewport);
          await page.goto(path);
          await page.getByRole("heading", { level: 1, name: heading }).waitFor();
          await settled(page);
          for (const problem of await accessibilityProblems(page)) {
            found.push(`${path} at ${viewport.width}px: ${problem}`);
          }
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          if (overflow > 0) found.push(`${path} at ${viewport.width}px scrolls sideways`);
        }
      }
      expect(found).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
