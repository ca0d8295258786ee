import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { registerAccount, signInThroughForm, type TestAccount } from "./support/accounts";
import { launchBrowser, openPage } from "./support/browser";
import { createStaffWithTotp } from "./support/staff";
import { confirmItsMe, signInWithTotpLongAgo } from "./support/step-up";

const baseUrl = inject("baseUrl");
const opsToken = inject("opsToken");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** The impersonation's `__Host-` cookie, named in api/lib/impersonation-cookie.ts. */
const IMPERSONATION_COOKIE = "__Host-rb_impersonation";

/** An access token for `account`, signed in through the API from `ip`. */
async function apiToken(account: TestAccount, ip: string): Promise<string> {
  const response = await fetch(new URL("/api/auth/login", baseUrl), {
    method: "POST",
    headers: { "Content-Type": "application/json", "CF-Connecting-IP": ip },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: { access_token: string } }).data.access_token;
}

interface StoredResume {
  id: string;
  title: string;
  version: number;
  data: { basics: { name: string } };
}

/** `GET` or `POST` on the API as the bearer of `token`; the envelope's data. */
async function asOwner<T>(token: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(new URL(path, baseUrl), {
    method: body === undefined ? "GET" : "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status).toBeLessThan(300);
  return ((await response.json()) as { data: T }).data;
}

/** What a person would notice going wrong in a tab that openPage did not open (a popup). */
function watchTab(tab: Page, allowStatuses: number[]): string[] {
  const problems: string[] = [];
  tab.on("pageerror", (error) => problems.push(`uncaught exception: ${error.message}`));
  tab.on("response", (response) => {
    if (response.status() >= 400 && !allowStatuses.includes(response.status())) {
      problems.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
    }
  });
  return problems;
}

describe("admin: users", () => {
  it("support finds a user by email, views the account read-only, a save is refused, and leaves; the user sees the view in their security activity", async () => {
    const ownerIp = "192.0.2.110";
    const owner = await registerAccount(baseUrl, {
      label: "viewed",
      name: "Vera Viewed",
      ip: ownerIp,
    });
    const ownerToken = await apiToken(owner, ownerIp);
    const title = `Data roles ${Date.now().toString(36)}`;
    const created = await asOwner<StoredResume>(ownerToken, "/api/resumes", { title });
    const agent = await createStaffWithTotp(baseUrl, "support", "192.0.2.111");

    // 401: the access token dropped to age the session (refreshed); 403: the step-up it asks for
    const staff = await openPage(browser, { baseUrl, allowStatuses: [401, 403] });
    const { page, context } = staff;
    try {
      await signInWithTotpLongAgo(page, context, agent, "/admin/");
      // support lands on its work, the ticket queue; the users are one link away
      await page.getByRole("heading", { level: 1, name: "Support tickets" }).waitFor();
      const nav = page.getByRole("navigation", { name: "Admin" });
      await nav.getByRole("link", { name: "Users", exact: true }).click();
      await page.getByRole("heading", { level: 1, name: "Users" }).waitFor();
      await page.getByRole("searchbox", { name: "Search" }).fill(owner.email);
      await page.getByRole("button", { name: "Search", exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get("q") === owner.email);
      const accounts = page.getByRole("table", { name: "Accounts" });
      await accounts.getByRole("link", { name: owner.email, exact: true }).click();
      await page.getByRole("heading", { level: 1, name: owner.name }).waitFor();

      // read-only view: a reason, then the step-up dialog; the user app opens in a new tab
      await page.getByRole("button", { name: "View as user (read-only)" }).click();
      const start = page.getByRole("form", { name: "Start a read-only view" });
      await start.getByLabel(/^Reason/).fill("The owner asked why their export looks empty.");
      const [tab] = await Promise.all([
        context.waitForEvent("page"),
        start.getByRole("button", { name: "View as user" }).click(),
      ]);
      const tabProblems = watchTab(tab, [403]);
      await confirmItsMe(page, agent.app);
      await tab.waitForURL((url) => url.pathname === "/dashboard");

      // the user app as the owner sees it, under a fixed banner
      const banner = tab.getByRole("status").filter({ hasText: "Viewing as" });
      await banner.waitFor();
      expect(await banner.textContent()).toContain(`Viewing as ${owner.email} — read-only`);
      expect(await banner.evaluate((element) => getComputedStyle(element).position)).toBe("fixed");
      await tab.getByRole("heading", { level: 1, name: `Hello, ${owner.name}` }).waitFor();

      // the editor opens read-only: it takes no edits, so it saves nothing and keeps no copy
      await tab.getByRole("link", { name: title, exact: true }).click();
      await tab.waitForURL((url) => url.pathname === `/resumes/${created.id}`);
      await tab.getByRole("heading", { level: 1, name: title }).waitFor();
      await tab.getByRole("alert").filter({ hasText: "Viewing as this user: read-only" }).waitFor();
      expect(await tab.getByLabel("Full name", { exact: true }).isDisabled()).toBe(true);
      // and the server refuses a save whatever the app shows: the read-only view is enforced
      // there, not by the disabled form
      const refused = await tab.evaluate(async (id) => {
        const response = await fetch(`/api/resumes/${id}`, {
          method: "PATCH",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", "If-Match": '"1"' },
          body: JSON.stringify({ title: "Changed by staff" }),
        });
        return { status: response.status, body: await response.json() };
      }, created.id);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe("impersonation_read_only");
      expect(
        await tab.evaluate(() =>
          Object.keys(localStorage).filter((key) => key.startsWith("resume-builder:unsaved:")),
        ),
      ).toEqual([]);
      // the resume is as its owner left it
      const after = await asOwner<StoredResume>(ownerToken, `/api/resumes/${created.id}`);
      expect(after.version).toBe(created.version);
      expect(after.data.basics.name).toBe(created.data.basics.name);

      // Stop ends the view and goes back to the admin app, still signed in as the agent
      await banner.getByRole("button", { name: "Stop" }).click();
      await tab.waitForURL((url) => url.pathname.startsWith("/admin"));
      await tab.getByRole("button", { name: "Sign out" }).waitFor();
      await tab.getByRole("navigation", { name: "Admin" }).waitFor();
      expect((await context.cookies()).filter((c) => c.name === IMPERSONATION_COOKIE)).toEqual([]);
      expect(tabProblems).toEqual([]);

      // the account's audit trail has the start and the end
      await page.reload();
      const trail = page.getByRole("region", { name: "Audit trail" });
      await trail.getByRole("rowheader", { name: "user.impersonation_started" }).waitFor();
      await trail.getByRole("rowheader", { name: "user.impersonation_ended" }).waitFor();
      expect(staff.problems).toEqual([]);
    } finally {
      await staff.close();
    }

    // the owner sees when support looked, and that it ended
    const history = await asOwner<{ active: boolean; ended_at: string }[]>(
      ownerToken,
      "/api/impersonation/history",
    );
    expect(history).toHaveLength(1);
    expect(history[0]?.active).toBe(false);
    const visitor = await openPage(browser, { baseUrl });
    try {
      await signInThroughForm(visitor.page, owner);
      await visitor.page.goto("/account/security");
      const access = visitor.page
        .getByRole("listitem")
        .filter({ hasText: "Viewed read-only from" });
      await access.waitFor();
      expect(await access.count()).toBe(1);
      expect(await access.textContent()).toMatch(/^Viewed read-only from .+ to .+$/);
      expect(visitor.problems).toEqual([]);
    } finally {
      await visitor.close();
    }
  }, 180_000);

  it("an admin suspends a user for 3 days: the user is signed out and told until when", async () => {
    const owner = await registerAccount(baseUrl, {
      label: "suspended",
      name: "Sam Suspended",
      ip: "192.0.2.112",
    });
    const admin = await createStaffWithTotp(baseUrl, "admin", "192.0.2.113");

    // the user is signed in, in a browser of their own (403: the refusals after the suspension)
    const user = await openPage(browser, { baseUrl, allowStatuses: [403] });
    const staff = await openPage(browser, { baseUrl, allowStatuses: [401, 403] });
    try {
      await signInThroughForm(user.page, owner);
      await user.page.getByRole("heading", { level: 1, name: `Hello, ${owner.name}` }).waitFor();

      const { page, context } = staff;
      await signInWithTotpLongAgo(page, context, admin, `/admin/users/${owner.id}`);
      await page.getByRole("heading", { level: 1, name: owner.name }).waitFor();
      await page.getByRole("link", { name: "Standing and bans" }).click();
      await page.getByRole("heading", { level: 1, name: "Account standing" }).waitFor();
      await page.getByRole("button", { name: "Suspend", exact: true }).click();
      const form = page.getByRole("form", { name: "Suspend the account" });
      await form.getByLabel(/^Days/).fill("3");
      await form.getByRole("button", { name: /^Reason/ }).click();
      await page.getByRole("option", { name: "Terms of service violation", exact: true }).click();
      await form.getByLabel(/^Note/).fill("Resold accounts, see ticket.");
      await form.getByRole("button", { name: "Suspend", exact: true }).click();
      await confirmItsMe(page, admin.app);
      // the ban workflow applies it within seconds; the page follows the request until then
      await page.getByText("Done: the suspension").waitFor();
      await page.getByText("Suspended", { exact: true }).first().waitFor();
      expect(staff.problems).toEqual([]);

      // the suspension's end, as the account's standing has it
      const standing = await fetch(new URL(`/api/admin/users/${owner.id}/sanctions`, baseUrl), {
        headers: { Authorization: `Bearer ${opsToken}` },
      });
      expect(standing.status).toBe(200);
      const { data } = (await standing.json()) as {
        data: {
          status: string;
          sanctions: { kind: string; starts_at: string; ends_at: string | null }[];
        };
      };
      expect(data.status).toBe("suspended");
      const suspension = data.sanctions.find((sanction) => sanction.kind === "suspension");
      const endsAt = Date.parse(suspension?.ends_at ?? "");
      expect(endsAt - Date.parse(suspension?.starts_at ?? "")).toBe(3 * 24 * 60 * 60_000);
      const until = new Date(endsAt).toISOString().replace("T", " ").slice(0, 16);
      const message = `This account is suspended until ${until} UTC because of a breach of the terms of service.`;

      // the user's next action finds the session ended and lands on the sign-in page, told why
      await user.page.getByRole("button", { name: "New resume" }).click();
      const create = user.page.getByRole("dialog", { name: "New resume" });
      await create.getByLabel("Title").fill("After the suspension");
      await create.getByRole("button", { name: "Create resume" }).click();
      await user.page.waitForURL((url) => url.pathname === "/login");
      await user.page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
      await user.page.getByText(message).first().waitFor();

      // signing in again is refused until the suspension ends
      await user.page.getByLabel("Email address", { exact: true }).fill(owner.email);
      await user.page.getByLabel("Password", { exact: true }).fill(owner.password);
      const [refused] = await Promise.all([
        user.page.waitForResponse(
          (response) => new URL(response.url()).pathname === "/api/auth/login",
        ),
        user.page.getByRole("button", { name: "Sign in", exact: true }).click(),
      ]);
      expect(refused.status()).toBe(403);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
        message,
      );
      await user.page.getByRole("button", { name: "Appeal this decision" }).waitFor();
      await user.page.getByText(message).first().waitFor();
      expect(new URL(user.page.url()).pathname).toBe("/login");
      expect(user.problems).toEqual([]);
    } finally {
      await staff.close();
      await user.close();
    }
  }, 180_000);
});
