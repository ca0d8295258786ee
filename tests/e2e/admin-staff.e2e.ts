import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { accessibilityProblems } from "./support/a11y";
import { registerAccount } from "./support/accounts";
import { launchBrowser, openPage } from "./support/browser";
import {
  DEMO_PASSWORD,
  demoEmail,
  signInAsOperator,
  signInAsStaff,
  submitStaffSignIn,
} from "./support/operator";

const baseUrl = inject("baseUrl");
const opsToken = inject("opsToken");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe("admin app staff sign-in", () => {
  it("an admin finds a new account's signup run and opens it", async () => {
    const user = await registerAccount(baseUrl, {
      label: "staff-e2e",
      name: "Staff Test Subject",
      ip: "192.0.2.50",
    });
    const { page, problems, close } = await openPage(browser, { baseUrl });
    try {
      await signInAsStaff(page, demoEmail("admin"));
      await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
      // the header names the person and their role
      const header = await page.getByRole("banner").textContent();
      expect(header).toContain("Alex Admin");
      expect(header).toMatch(/Alex Admin\s*Admin/);
      const nav = page.getByRole("navigation", { name: "Admin" });
      // admins read runs, backups and the audit log
      for (const name of ["Workflow runs", "Backups", "Audit log"]) {
        expect(await nav.getByRole("link", { name }).count()).toBe(1);
      }

      await nav.getByRole("link", { name: "Workflow runs" }).click();
      await page.getByRole("heading", { level: 1, name: "Workflow runs" }).waitFor();
      await page.getByRole("button", { name: /^Workflow/ }).click();
      await page.getByRole("option", { name: "signup", exact: true }).click();
      await page.waitForURL(/[?&]workflow=signup/);
      const runs = page.getByRole("table", { name: "Workflow runs" });
      await runs.waitFor();
      const row = runs.getByRole("row").filter({ hasText: `user:${user.id}` });
      expect(await row.count()).toBe(1);
      // the run's own link (the subject links to the account too)
      await row.getByRole("link", { name: `signup-${user.id}`, exact: true }).click();

      await page.getByRole("heading", { level: 1, name: "Workflow run" }).waitFor();
      // the subject heads the page and is listed with the run's facts
      await page.getByText(`user:${user.id}`, { exact: true }).first().waitFor();
      expect(await page.getByText("signup", { exact: true }).count()).toBeGreaterThan(0);
      await page.getByRole("heading", { name: "Step history" }).waitFor();
      // the signup's job records its steps: it is waiting for the address to be confirmed
      const history = page.getByRole("table", { name: "Step history" });
      await history.getByRole("cell", { name: "wait for verification", exact: true }).waitFor();
      expect(await history.getByRole("cell", { name: "create profile", exact: true }).count()).toBe(
        1,
      );
      // admins lack system.config: no pause, resume, restart or terminate
      for (const name of ["Pause", "Resume", "Restart", "Terminate"]) {
        expect(await page.getByRole("button", { name, exact: true }).count()).toBe(0);
      }
      expect(await accessibilityProblems(page)).toEqual([]);

      // signing out ends the session: a reload shows the sign-in form again
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByRole("heading", { level: 1, name: "Staff sign-in" }).waitFor();
      await page.reload();
      await page.getByRole("heading", { level: 1, name: "Staff sign-in" }).waitFor();
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("turns away a customer account: no admin access, signed out again", async () => {
    const { page, context, problems, close } = await openPage(browser, { baseUrl });
    try {
      await submitStaffSignIn(page, demoEmail("user"), DEMO_PASSWORD);
      await page.getByText("This account has no admin access.").waitFor();
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Staff sign-in");
      expect(await page.getByRole("navigation", { name: "Admin" }).count()).toBe(0);
      // the session was ended on the server too: no session cookies are left (the browser's
      // device id stays: it names the browser, not a session; README "IP bans and linked accounts")
      const cookies = await context.cookies();
      const DEVICE_COOKIE = "__Host-rb_device"; // api/lib/auth-cookies.ts
      expect(
        cookies.filter((cookie) => cookie.value !== "" && cookie.name !== DEVICE_COOKIE),
      ).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("support sees the audit log but not runs or backups, and is told why when it tries", async () => {
    const { page, problems, close } = await openPage(browser, {
      baseUrl,
      allowStatuses: [403],
    });
    try {
      await signInAsStaff(page, demoEmail("support"));
      const nav = page.getByRole("navigation", { name: "Admin" });
      await nav.getByRole("link", { name: "Audit log" }).waitFor();
      expect(await nav.getByRole("link", { name: "Workflow runs" }).count()).toBe(0);
      expect(await nav.getByRole("link", { name: "Backups" }).count()).toBe(0);
      expect(await page.getByRole("banner").textContent()).toContain("Sasha Support");

      await nav.getByRole("link", { name: "Audit log" }).click();
      await page.getByRole("heading", { level: 1, name: "Audit log" }).waitFor();
      await page
        .getByRole("table", { name: "Audit log entries" })
        .or(page.getByText("No entries match these filters."))
        .waitFor();

      // a deep link to runs reaches the API, which refuses the role: plain words, no code
      await page.goto("/admin/workflows");
      await page.getByText("Your role cannot do this.").waitFor();
      expect(await page.getByRole("button", { name: "Pause", exact: true }).count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("the audit log records the operator's backup; a super admin without MFA cannot run one", async () => {
    // the operator (token) runs a backup
    let jobId: string;
    {
      const { page, problems, close } = await openPage(browser, { baseUrl });
      try {
        await signInAsOperator(page, opsToken, "/admin/backups");
        await page.getByRole("button", { name: "Run backup now" }).click();
        await page.waitForURL(/\/admin\/jobs\/[^/]+$/);
        jobId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop() ?? "");
        expect(jobId).not.toBe("");
        expect(problems).toEqual([]);
      } finally {
        await close();
      }
    }

    const { page, problems, close } = await openPage(browser, {
      baseUrl,
      allowStatuses: [403],
    });
    try {
      await signInAsStaff(page, demoEmail("superadmin"));
      await page
        .getByRole("navigation", { name: "Admin" })
        .getByRole("link", { name: "Audit log" })
        .click();
      await page.getByRole("heading", { level: 1, name: "Audit log" }).waitFor();
      await page.getByLabel("Action").fill("backup.run");
      await page.getByLabel("Resource id").fill(jobId);
      await page.getByRole("button", { name: "Apply filters" }).click();
      // the filters live in the URL
      await page.waitForURL(/[?&]action=backup\.run/);
      expect(new URL(page.url()).searchParams.get("resource_id")).toBe(jobId);
      const entries = page.getByRole("table", { name: "Audit log entries" });
      await entries.waitFor();
      const rows = entries.getByRole("row").filter({ hasText: jobId });
      expect(await rows.count()).toBe(1);
      const text = await rows.textContent();
      expect(text).toContain("backup.run");
      expect(text).toContain("operator");
      expect(await accessibilityProblems(page)).toEqual([]);

      // a reload keeps the filters (and the session)
      await page.reload();
      await entries.getByRole("row").filter({ hasText: jobId }).waitFor();
      expect(await page.getByLabel("Action").inputValue()).toBe("backup.run");

      // running a backup needs system.config, a sensitive permission: MFA first
      await page
        .getByRole("navigation", { name: "Admin" })
        .getByRole("link", { name: "Backups" })
        .click();
      await page.getByRole("heading", { level: 1, name: "Backups" }).waitFor();
      await page.getByRole("button", { name: "Run backup now" }).click();
      await page
        .getByText("Turn on two-factor authentication for this account to do this.")
        .waitFor();
      expect(new URL(page.url()).pathname).toBe("/admin/backups");
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
