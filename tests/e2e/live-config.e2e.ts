import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { registerAccount, signInThroughForm, type TestAccount } from "./support/accounts";
import { launchBrowser, openPage } from "./support/browser";
import { executeE2eSql } from "./support/d1";
import { createStaffWithTotp } from "./support/staff";
import { confirmItsMe, signInWithTotpLongAgo } from "./support/step-up";

// README "Live configuration": a super admin lowers the Free plan's exports in the admin app
// and a Free user's billing page, the pricing page and the export endpoint follow at once; a
// super admin rewords an email, sees the preview follow, and test-sends it to their own inbox.

const baseUrl = inject("baseUrl");
const opsToken = inject("opsToken");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const USER_IP = "192.0.2.214";

interface Answer<T> {
  status: number;
  body: { data: T; error?: { code: string; details: unknown } };
}

/** A request to the API as the bearer of `token`; the status and the envelope. */
async function call<T>(
  path: string,
  init: { method?: string; token: string; body?: unknown; key?: string },
): Promise<Answer<T>> {
  const response = await fetch(new URL(path, baseUrl), {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: {
      "Content-Type": "application/json",
      "CF-Connecting-IP": USER_IP,
      Authorization: `Bearer ${init.token}`,
      ...(init.key ? { "Idempotency-Key": init.key } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, body: (await response.json()) as Answer<T>["body"] };
}

async function apiToken(account: TestAccount): Promise<string> {
  const response = await fetch(new URL("/api/auth/login", baseUrl), {
    method: "POST",
    headers: { "Content-Type": "application/json", "CF-Connecting-IP": USER_IP },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: { access_token: string } }).data.access_token;
}

/** A section back to the code's defaults (as a new version), for the other files. */
async function restoreDefaults(name: "plans" | "plan_details"): Promise<void> {
  const overview = await call<{ sections: Array<Record<string, unknown>> }>("/api/admin/config", {
    token: opsToken,
  });
  const section = overview.body.data.sections.find((entry) => entry.section === name);
  if (!section || JSON.stringify(section.value) === JSON.stringify(section.defaults)) return;
  const reset = await call(`/api/admin/config/${name}`, {
    method: "PUT",
    token: opsToken,
    key: `e2e-live-config-${name}-${Date.now()}`,
    body: { value: section.defaults, reason: "End of the live configuration e2e test" },
  });
  expect(reset.status).toBe(200);
}

describe("admin: live configuration", () => {
  it("a super admin lowers Free's exports to 3; a Free user sees 3 on billing and pricing, and the 4th export is refused", async () => {
    const user = await registerAccount(baseUrl, {
      label: "live-config",
      name: "Lin Config",
      ip: USER_IP,
    });
    await executeE2eSql(
      `UPDATE users SET status = 'active', email_verified_at = ${Date.now()} WHERE id = '${user.id}'`,
    );
    const token = await apiToken(user);
    const resume = await call<{ id: string }>("/api/resumes", {
      token,
      body: { title: "Config CV" },
    });
    expect(resume.status).toBe(201);
    // three exports used this month: the default Free allowance (5) still has room
    await executeE2eSql(
      `INSERT INTO usage_counters (user_id, metric, period, count) VALUES ('${user.id}', 'exports', '${new Date().toISOString().slice(0, 7)}', 3)`,
    );
    const admin = await createStaffWithTotp(baseUrl, "super_admin", "192.0.2.215");

    // 401: the access token dropped to age the session (refreshed); 403: the step-up it asks for
    const staff = await openPage(browser, { baseUrl, allowStatuses: [401, 403] });
    try {
      const { page, context } = staff;
      await signInWithTotpLongAgo(page, context, admin, "/admin/");
      const nav = page.getByRole("navigation", { name: "Admin" });
      await nav.getByRole("link", { name: "Configuration", exact: true }).click();
      // system.config asks for a fresh second factor before the page can read anything
      await confirmItsMe(page, admin.app);
      await page.getByRole("heading", { level: 1, name: "Configuration" }).waitFor();

      await page.getByRole("button", { name: "Edit plan limits" }).click();
      const form = page.getByRole("form", { name: "Edit Plan limits" });
      const freeExports = form.getByRole("group", { name: "Free" }).getByLabel("Exports a month");
      // the section's own schema refuses a negative count before anything is sent
      await freeExports.fill("-1");
      await form.getByLabel(/^Reason for this change/).fill("Free exports down to 3");
      await form.getByRole("button", { name: "Save as a new version" }).click();
      await form.getByText("Too small: expected number to be >=0").waitFor();

      await freeExports.fill("3");
      await form.getByRole("button", { name: "Save as a new version" }).click();
      await form.waitFor({ state: "detached" });
      const versions = page.getByRole("table", { name: "Plan limits: versions" });
      // newest first; filtered by who, as a retried run would have written the same reason
      const latest = versions
        .getByRole("row")
        .filter({ hasText: "Free exports down to 3" })
        .filter({ hasText: `user:${admin.id}` });
      await latest.getByText("Current", { exact: true }).waitFor();
      expect(await versions.getByText("Current", { exact: true }).count()).toBe(1);
      expect(staff.problems).toEqual([]);
    } finally {
      await staff.close();
    }

    // enforcement: the next export is over the new allowance
    const refused = await call(`/api/resumes/${resume.body.data.id}/export`, {
      token,
      body: { format: "txt" },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({
      code: "plan_limit",
      details: { feature: "exportsPerMonth", plan: "free", limit: 3 },
    });

    const customer = await openPage(browser, { baseUrl });
    try {
      const { page } = customer;
      await signInThroughForm(page, user);
      await page.goto("/account/billing");
      await page.getByRole("progressbar", { name: "Exports this month: 3 of 3" }).waitFor();
      await page.goto("/pricing");
      const freeCard = page.locator("li.pricing-plan", { has: page.locator("#plan-free") });
      await freeCard.getByText("3 exports a month", { exact: true }).waitFor();
      const compare = page.getByRole("table", { name: "Compare plans" });
      await compare
        .getByRole("row", { name: /^Exports a month/ })
        .getByText("3 exports a month", { exact: true })
        .waitFor();
      expect(customer.problems).toEqual([]);
    } finally {
      await customer.close();
      await restoreDefaults("plans");
    }
  });

  it("a renamed, repriced plan shows on the pricing and landing pages without a deploy", async () => {
    const overview = await call<{ sections: Array<{ section: string; value: object }> }>(
      "/api/admin/config",
      { token: opsToken },
    );
    const details = overview.body.data.sections.find((entry) => entry.section === "plan_details");
    const renamed = await call("/api/admin/config/plan_details", {
      method: "PUT",
      token: opsToken,
      key: `e2e-plan-details-${Date.now()}`,
      body: {
        value: {
          ...details?.value,
          standard: { name: "Job Seeker", priceCents: 1299, tagline: "All a job search needs." },
        },
        reason: "Spring promotion (e2e)",
      },
    });
    expect(renamed.status).toBe(200);
    const visitor = await openPage(browser, { baseUrl });
    try {
      const { page } = visitor;
      await page.goto("/pricing");
      const card = page.locator("li.pricing-plan", { has: page.locator("#plan-standard") });
      await card.getByRole("heading", { name: "Job Seeker" }).waitFor();
      await card.getByText("$12.99", { exact: true }).waitFor();
      await card.getByText("All a job search needs.", { exact: true }).waitFor();
      await page.getByRole("link", { name: "Start with Job Seeker" }).waitFor();
      await page.goto("/");
      const landing = page.getByRole("region", { name: "Plans and pricing" });
      await landing.getByRole("heading", { level: 3, name: "Job Seeker" }).waitFor();
      await landing.getByText("$12.99", { exact: true }).waitFor();
      expect(visitor.problems).toEqual([]);
    } finally {
      await visitor.close();
      await restoreDefaults("plan_details");
    }
  });

  it("a super admin rewords the welcome email's subject, the preview follows, and a test lands in the outbox", async () => {
    const admin = await createStaffWithTotp(baseUrl, "super_admin", "192.0.2.216");
    const word = Math.random().toString(36).slice(2, 8);
    const staff = await openPage(browser, { baseUrl, allowStatuses: [401, 403] });
    try {
      const { page, context } = staff;
      await signInWithTotpLongAgo(page, context, admin, "/admin/");
      await page
        .getByRole("navigation", { name: "Admin" })
        .getByRole("link", { name: "Configuration", exact: true })
        .click();
      await confirmItsMe(page, admin.app);
      await page.getByRole("heading", { level: 1, name: "Configuration" }).waitFor();
      // the strike thresholds of the moderation section are edited on their own page, linked here
      await page.getByRole("link", { name: "Strike thresholds" }).waitFor();

      await page.getByRole("button", { name: "Edit email templates" }).click();
      await page.getByRole("button", { name: /^Email/ }).click();
      await page.getByRole("option", { name: "Welcome", exact: true }).click();
      const form = page.getByRole("form", { name: "Edit Welcome" });
      const preview = form.getByRole("region", { name: "Preview" });
      await preview
        .getByTestId("preview-subject")
        .getByText("Your Resume Builder account is ready")
        .waitFor();

      // an unknown placeholder is refused on its field, before anything is sent
      const subject = form.getByLabel(/^Subject/);
      await subject.fill("Hi {{nmae}}");
      await form.getByText(/Unknown placeholder \{\{nmae\}\}/).waitFor();

      await subject.fill(`Welcome aboard ${word}, {{name}}`);
      await preview
        .getByTestId("preview-subject")
        .getByText(`Welcome aboard ${word}, Ada Lovelace`)
        .waitFor();
      await preview
        .frameLocator("iframe")
        .getByRole("heading", { level: 1, name: "You're all set, Ada Lovelace" })
        .waitFor();

      await form.getByRole("button", { name: "Send a test to my address" }).click();
      await form.getByRole("status").getByText(`Test sent to ${admin.email}`).waitFor();
      expect(staff.problems).toEqual([]);
    } finally {
      await staff.close();
    }

    // the dev outbox shows it, in the words of the draft
    const outbox = await openPage(browser, { baseUrl });
    try {
      const { page } = outbox;
      await page.goto(`/dev/outbox?to=${encodeURIComponent(admin.email)}`);
      await page
        .getByRole("link", { name: new RegExp(`Welcome aboard ${word}, Ada Lovelace`) })
        .click();
      const detail = page.getByRole("region", { name: "Selected email" });
      await detail
        .getByRole("heading", { level: 2, name: `Welcome aboard ${word}, Ada Lovelace` })
        .waitFor();
      expect(outbox.problems).toEqual([]);
    } finally {
      await outbox.close();
    }
  });
});
