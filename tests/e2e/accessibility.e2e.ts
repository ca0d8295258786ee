import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { checkPage } from "./support/a11y";
import { launchBrowser, openPage } from "./support/browser";
import { signInAsOperator } from "./support/operator";

const baseUrl = inject("baseUrl");
const opsToken = inject("opsToken");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe("accessibility basics", () => {
  it("user app pages: named controls, one h1, one main, no sideways scrolling", async () => {
    // /jobs/:id without a session answers 401: the page explains that instead of failing
    const { page, problems, close } = await openPage(browser, { baseUrl, allowStatuses: [401] });
    try {
      const found = [
        ...(await checkPage(
          page,
          "/",
          "A resume that gets past the filters and in front of people",
        )),
        ...(await checkPage(page, "/jobs/unknown-job", "Job progress")),
        // an appeal link that does not work (401 invalid_appeal_link) says so
        ...(await checkPage(page, `/appeal?token=${"x".repeat(43)}`, "Appeal a decision")),
        ...(await checkPage(page, "/no/such/page", "Page not found")),
      ];
      expect(found).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("admin app pages: named controls, one h1, one main, no sideways scrolling", async () => {
    const { page, problems, close } = await openPage(browser, { baseUrl, allowStatuses: [404] });
    try {
      const signIn = await checkPage(page, "/admin/", "Staff sign-in");
      await signInAsOperator(page, opsToken);
      const found = [
        ...signIn,
        ...(await checkPage(page, "/admin/", "Dashboard")),
        ...(await checkPage(page, "/admin/backups", "Backups")),
        ...(await checkPage(page, "/admin/workflows", "Workflow runs")),
        ...(await checkPage(page, "/admin/audit-log", "Audit log")),
        ...(await checkPage(page, "/admin/billing-events", "Billing events")),
        ...(await checkPage(page, "/admin/moderation", "Moderation queue")),
        ...(await checkPage(page, "/admin/moderation/rules", "Moderation rules")),
        ...(await checkPage(page, "/admin/moderation/appeals", "Appeals")),
        ...(await checkPage(page, "/admin/bans", "Bans")),
        ...(await checkPage(page, "/admin/bans?view=addresses", "Bans")),
        ...(await checkPage(page, "/admin/threats", "Threat intelligence")),
        ...(await checkPage(page, "/admin/security-alerts", "Security alerts")),
        ...(await checkPage(
          page,
          "/admin/security-alerts/00000000-0000-4000-8000-000000000000",
          "Security alert",
        )),
        // a well-formed id no case has: the page says so (the API answers 404)
        ...(await checkPage(
          page,
          "/admin/moderation/mc_00000000000000000000000000000000",
          "Moderation case",
        )),
        ...(await checkPage(page, "/admin/jobs/unknown-job", "Job progress")),
        ...(await checkPage(page, "/admin/no/such/page", "Page not found")),
      ];
      expect(found).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
