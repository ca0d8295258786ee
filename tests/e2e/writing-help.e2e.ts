import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { registerAccount, signInThroughForm } from "./support/accounts";
import { launchBrowser, openPage } from "./support/browser";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function signedInWithResume(page: Page): Promise<string> {
  const account = await registerAccount(baseUrl, {
    label: "writing",
    name: "Grace Hopper",
    ip: "192.0.2.92",
  });
  await signInThroughForm(page, account);
  // the page's own session creates the resume, as the dashboard would
  const created = await page.evaluate(async () => {
    const csrf = document.cookie.match(/__Host-rb_csrf=([^;]+)/)?.[1] ?? "";
    const response = await fetch("/api/resumes", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify({ title: "Compiler work" }),
    });
    return (await response.json()) as { data: { id: string } };
  });
  return created.data.id;
}

describe("writing help in the editor", () => {
  it("improves the highlight under the caret, says which engine wrote it, and applies it on request", async () => {
    const { page, problems, close } = await openPage(browser, { baseUrl, allowStatuses: [404] });
    try {
      const id = await signedInWithResume(page);
      await page.goto(`/resumes/${id}`);
      await page.getByRole("button", { name: "Experience", exact: true }).click();
      await page.getByRole("button", { name: "Add position to Experience" }).click();
      const highlights = page.getByLabel("Highlights", { exact: true });
      await highlights.fill(
        "Shipped the A-0 compiler\nI was responsible for managing the very large UNIVAC team",
      );
      // caret on the second line
      await highlights.evaluate((area: HTMLTextAreaElement) => area.setSelectionRange(40, 40));
      await page.getByRole("button", { name: "Improve this line" }).click();

      const suggestion = page.getByRole("region", { name: "Suggested wording" });
      await suggestion.getByText("Managed the large UNIVAC team", { exact: true }).waitFor();
      await suggestion.getByText(/Written by Built-in writing rules \(no AI model\)/).waitFor();
      await suggestion.getByText(/1 of 10 this month/).waitFor();
      expect(await suggestion.getByRole("listitem").count()).toBeGreaterThan(0);

      await suggestion.getByRole("button", { name: "Use this" }).click();
      expect(await highlights.inputValue()).toBe(
        "Shipped the A-0 compiler\nManaged the large UNIVAC team",
      );
      expect(await suggestion.count()).toBe(0);

      // the summary field improves its whole text
      const summary = page.getByRole("textbox", { name: "Summary" }).nth(1);
      await summary.fill("very experienced compiler engineer");
      await page.getByRole("button", { name: "Improve writing" }).nth(1).click();
      await page
        .getByRole("region", { name: "Suggested wording" })
        .getByText("Experienced compiler engineer", { exact: true })
        .waitFor();
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
