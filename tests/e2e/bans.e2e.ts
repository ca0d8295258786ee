import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { registerAccount, signInThroughForm, type TestAccount } from "./support/accounts";
import { launchBrowser, openPage } from "./support/browser";
import { demoEmail, signInAsStaff, submitStaffSignIn } from "./support/operator";
import { createStaffWithTotp } from "./support/staff";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** The newest email of `template` to `to` in the local outbox (README "Email"). */
async function emailTo(to: string, template: string): Promise<{ text: string }> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const response = await fetch(new URL(`/api/dev/outbox?to=${encodeURIComponent(to)}`, baseUrl));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { template: string; text: string }[] };
    const email = body.data.find((candidate) => candidate.template === template);
    if (email) return email;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no ${template} email to ${to} within 30 s`);
}

/** The appeal link emailed to `to`, as a path on the server under test. */
async function appealLinkTo(to: string): Promise<string> {
  const { text } = await emailTo(to, "appeal_link");
  const link = text.match(/https?:\/\/[^\s)]+\/appeal\?token=[^\s)]+/)?.[0];
  if (!link) throw new Error(`no appeal link in: ${text}`);
  return `${new URL(link).pathname}${new URL(link).search}`;
}

/** Signs the owner in through the sign-in page (no waiting for where it lands). */
async function submitSignIn(page: Page, owner: TestAccount) {
  await page.goto("/login");
  await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
  await page.getByLabel("Email address").fill(owner.email);
  await page.getByLabel("Password", { exact: true }).fill(owner.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

describe("strikes, suspensions and appeals", () => {
  it("three violations suspend the account; its owner sees why, appeals by the emailed link, another moderator accepts, and the owner signs in again", async () => {
    const owner = await registerAccount(baseUrl, {
      label: "struck",
      name: "Trudy Example",
      ip: "192.0.2.93",
    });

    const staff = await openPage(browser, { baseUrl });
    try {
      const { page } = staff;
      await signInAsStaff(page, demoEmail("moderator"), `/admin/users/${owner.id}/standing`);
      await page.getByRole("heading", { level: 1, name: "Account standing" }).waitFor();
      for (const round of [1, 2, 3]) {
        await page.getByRole("button", { name: "Add strike" }).click();
        const dialog = page.getByRole("form", { name: "Add a strike" });
        await dialog.waitFor();
        await dialog.getByRole("button", { name: /^Category/ }).click();
        await page.getByRole("option", { name: "Spam / scam", exact: true }).click();
        await dialog.getByLabel(/^Reason/).fill(`Link farm in the summary (${round}).`);
        await dialog.getByRole("button", { name: "Add strike" }).click();
        // the page follows the request until the escalation workflow has processed it
        await page.getByText(/^Done: /).waitFor();
        await expect
          .poll(() => page.getByRole("table", { name: "Strikes" }).getByRole("row").count())
          .toBe(round + 1);
      }
      await page.getByText("Suspended", { exact: true }).first().waitFor();
      await page.getByRole("table", { name: "Suspensions and bans" }).waitFor();
      expect(staff.problems).toEqual([]);
    } finally {
      await staff.close();
    }

    // the owner signs in, reads why and until when, and appeals through the emailed link
    const visitor = await openPage(browser, { baseUrl, allowStatuses: [403] });
    let appealId = "";
    try {
      const { page } = visitor;
      await submitSignIn(page, owner);
      await page
        .getByText(/This account is suspended until .* UTC because of spam or scams/)
        .first()
        .waitFor();
      await page.getByRole("button", { name: "Appeal this decision" }).click();
      await page
        .getByText(`If this account can appeal, we have emailed a link to ${owner.email}.`)
        .waitFor();
      await page.goto(await appealLinkTo(owner.email));
      await page.getByRole("heading", { level: 1, name: "Appeal a decision" }).waitFor();
      await page.getByRole("button", { name: /^Appeal the suspension/ }).click();
      const reason = page.getByLabel("Why is this decision wrong?");
      await expect
        .poll(() => reason.evaluate((field) => field === document.activeElement))
        .toBe(true);
      await reason.fill("Those links are my own portfolio sites, not a link farm.");
      const [filed] = await Promise.all([
        page.waitForResponse((response) => response.url().endsWith("/api/appeal-link/appeals")),
        page.getByRole("button", { name: "Send appeal" }).click(),
      ]);
      expect(filed.status()).toBe(201);
      appealId = ((await filed.json()) as { data: { id: string } }).data.id;
      await page
        .getByRole("status")
        .filter({ hasText: /Your appeal was sent\./ })
        .waitFor();
      expect(visitor.problems).toEqual([]);
    } finally {
      await visitor.close();
    }

    // the moderator who gave the strikes may not decide it; another one accepts it
    const decider = await openPage(browser, { baseUrl });
    try {
      const { page } = decider;
      await signInAsStaff(page, demoEmail("moderator"), `/admin/moderation/appeals/${appealId}`);
      await page.getByRole("heading", { level: 1, name: "Appeal" }).waitFor();
      await page.getByText("Not yours to decide").waitFor();
      expect(await page.getByRole("button", { name: "Accept appeal" }).count()).toBe(0);
    } finally {
      await decider.close();
    }
    // a moderator of its own with two-factor on (deciding an appeal needs a second factor): the
    // seeded demo moderator, who gives the strikes, stays as it is
    const reviewer = await createStaffWithTotp(baseUrl, "moderator", "192.0.2.96");
    const review = await openPage(browser, { baseUrl });
    try {
      const { page } = review;
      await submitStaffSignIn(page, reviewer.email, reviewer.password, "/admin/moderation/appeals");
      await page.getByLabel("Authentication code").fill(await reviewer.app.code());
      await page.getByRole("button", { name: "Verify and sign in" }).click();
      await page.getByRole("heading", { level: 1, name: "Appeals" }).waitFor();
      // the pending queue lists it; its row opens the appeal
      await page.getByText(owner.email, { exact: true }).waitFor();
      await page.locator(`a[href="/admin/moderation/appeals/${appealId}"]`).click();
      await page.getByRole("heading", { level: 1, name: "Appeal" }).waitFor();
      await page.getByText("Those links are my own portfolio sites, not a link farm.").waitFor();
      await page.getByLabel("Note to the owner").fill("Portfolio links, not spam.");
      await page.getByRole("button", { name: "Accept appeal" }).click();
      await page.getByText("Appeal accepted", { exact: true }).waitFor();
      expect(review.problems).toEqual([]);
    } finally {
      await review.close();
    }

    // the workflow lifts the suspension: the owner signs in again
    const returning = await openPage(browser, { baseUrl, allowStatuses: [403] });
    try {
      const { page } = returning;
      // the owner is told once nothing restricts the account any more
      await emailTo(owner.email, "account_restored");
      await signInThroughForm(page, owner);
      await page.goto("/account/standing");
      await page.getByText("2 active strikes").waitFor();
    } finally {
      await returning.close();
    }
  });
});
