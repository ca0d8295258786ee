import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { checkPage } from "./support/a11y";
import { registerAccount, signInThroughForm } from "./support/accounts";
import { launchBrowser, openPage } from "./support/browser";
import { executeE2eSql } from "./support/d1";
import { createResumeFromDashboard, frameText, previewFrame, saved } from "./support/editor";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const previewText = (page: Page) => frameText(page);

describe("resume editor", () => {
  it("creates a resume, edits sections with a live preview, reorders, saves, switches template", async () => {
    const account = await registerAccount(baseUrl, {
      label: "editor",
      name: "Ada Lovelace",
      ip: "192.0.2.81",
    });
    // a resume never shared has no link yet: GET …/share answers 404 until it is turned on
    const { page, problems, close } = await openPage(browser, { baseUrl, allowStatuses: [404] });
    try {
      await signInThroughForm(page, account);
      expect(await checkPage(page, "/dashboard", "Hello, Ada Lovelace")).toEqual([]);
      await page.getByText("0 of 2 resumes on the Free plan").waitFor();

      // create
      const editorPath = await createResumeFromDashboard(page, {
        title: "Engineering roles",
        template: /^Modern/,
      });

      // basics: the preview follows the typing
      const name = page.getByLabel("Full name", { exact: true });
      await name.fill("Ada Lovelace-Byron");
      await expect.poll(() => previewText(page)).toContain("Ada Lovelace-Byron");
      // the template's own typeface, as on the share page and in the PDF, not a fallback
      const loadedFonts = async () =>
        (await previewFrame(page)).evaluate(async () => {
          await document.fonts.ready;
          return [...document.fonts].filter((face) => face.status === "loaded").length;
        });
      await expect.poll(loadedFonts).toBeGreaterThan(0);
      await page.getByLabel("Headline", { exact: true }).fill("Analytical engine programmer");

      // a work entry
      await page.getByRole("button", { name: "Experience", exact: true }).click();
      await page.getByRole("button", { name: "Add position to Experience" }).click();
      await page.getByLabel("Position", { exact: true }).fill("Lead programmer");
      await page.getByLabel("Company", { exact: true }).fill("Babbage Engines");
      await page.getByLabel("Start date", { exact: true }).fill("1842-09");
      await page
        .getByRole("textbox", { name: "Summary" })
        .nth(1)
        .fill("Wrote the first **published** algorithm.");
      await expect.poll(() => previewText(page)).toContain("Babbage Engines");

      // a skill
      await page.getByRole("button", { name: "Skills", exact: true }).click();
      await page.getByRole("button", { name: "Add skill to Skills" }).click();
      await page.getByLabel("Skill", { exact: true }).fill("Mathematics");
      await page.getByLabel("Keywords", { exact: true }).first().fill("Bernoulli numbers, notes");
      await expect.poll(() => previewText(page)).toContain("Bernoulli numbers");

      // reorder: Skills above Experience, by keyboard, announced
      const skillsHeading = page.getByRole("button", { name: "Skills", exact: true });
      await skillsHeading.focus();
      const focusedControl = () =>
        page.evaluate(() => document.activeElement?.getAttribute("aria-controls") ?? "");
      for (let step = 0; step < 6; step += 1) {
        await page.keyboard.press("Alt+ArrowUp");
        // focus comes back to the heading button after the section's element moved
        await expect.poll(focusedControl).toBe("section-skills-body");
      }
      await page.getByText("Skills moved to position 1 of 11").waitFor();
      await page.getByRole("button", { name: "Move section Skills down" }).click();
      await page.getByRole("button", { name: "Move section Skills up" }).click();
      const order = async () => {
        const text = await previewText(page);
        return text.indexOf("Mathematics") < text.indexOf("Babbage Engines");
      };
      await expect.poll(order).toBe(true);

      // undo and redo over the document
      await page.getByRole("button", { name: "Undo" }).click();
      await expect.poll(order).toBe(false);
      await page.getByRole("button", { name: "Redo" }).click();
      await expect.poll(order).toBe(true);

      // saved on blur; a reload finds everything
      await page.getByLabel("Resume title").focus();
      await saved(page);
      expect(await checkPage(page, editorPath, "Engineering roles")).toEqual([]);
      await expect
        .poll(() => page.getByLabel("Full name", { exact: true }).inputValue())
        .toBe("Ada Lovelace-Byron");
      await page.getByRole("button", { name: "Experience", exact: true }).click();
      expect(await page.getByLabel("Company", { exact: true }).inputValue()).toBe(
        "Babbage Engines",
      );
      expect(await page.getByLabel("Start date", { exact: true }).inputValue()).toBe("1842-09");
      const sections = page.getByRole("list", { name: "Sections, in resume order" });
      expect(await sections.locator(":scope > li").first().textContent()).toContain("Skills");
      await expect.poll(order).toBe(true);
      const preview = await previewFrame(page);
      expect(await preview.locator("strong", { hasText: "published" }).count()).toBe(1);

      // template switch: the preview's document changes
      const before = await preview.locator("style").first().textContent();
      await page.getByRole("tab", { name: "Design" }).click();
      await page.getByRole("radio", { name: /^Compact/ }).check();
      await expect
        .poll(async () => (await previewFrame(page)).locator("style").first().textContent())
        .not.toBe(before);
      await page.getByLabel(/^Font size/).fill("12");
      await page.getByRole("tab", { name: "Content" }).click();
      await page.getByLabel("Resume title").focus();
      await page.getByLabel("Resume title").blur();
      await saved(page);

      // history lists the saves
      await page.getByRole("button", { name: "History" }).click();
      const history = page.getByRole("dialog", { name: "Version history" });
      await history
        .getByRole("button", { name: /^View Version/ })
        .first()
        .waitFor();
      await page.keyboard.press("Escape");

      // share: the public page shows the saved resume to anyone, in a fresh context
      await page.getByRole("button", { name: "Share" }).click();
      const share = page.getByRole("dialog", { name: "Share" });
      await share.getByText("Public link", { exact: true }).click();
      await expect
        .poll(() => share.getByRole("switch", { name: "Public link" }).isChecked())
        .toBe(true);
      const link = await share.getByRole("textbox", { name: "Link" }).inputValue();
      expect(link).toMatch(/\/r\/[\w-]+$/);
      // public once the content check has passed: the dialog says so
      await share.getByRole("status").filter({ hasText: "Live" }).waitFor();
      const visitor = await openPage(browser, { baseUrl });
      try {
        await visitor.page.goto(new URL(link).pathname);
        await visitor.page.getByText("Babbage Engines").waitFor();
        expect(await visitor.page.locator("body").textContent()).toContain("Ada Lovelace-Byron");
        // "Download PDF" gives the visitor the published resume as a PDF file
        const [download] = await Promise.all([
          visitor.page.waitForEvent("download"),
          visitor.page.getByRole("link", { name: "Download PDF" }).click(),
        ]);
        expect(download.suggestedFilename()).toMatch(/\.pdf$/);
        const pdf = await readFile(await download.path());
        expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
        expect(visitor.problems).toEqual([]);
      } finally {
        await visitor.close();
      }
      // the owner's counter has the download (the dialog reads it again when reopened)
      await page.keyboard.press("Escape");
      await page.getByRole("button", { name: "Share" }).click();
      await share.getByText(/downloaded 1 time\b/).waitFor();
      await page.keyboard.press("Escape");

      // back on the dashboard: the resume is listed with its template
      await page.getByRole("link", { name: "← All resumes" }).click();
      await page.getByRole("link", { name: "Engineering roles" }).waitFor();
      await page.getByText("1 of 2 resumes on the Free plan").waitFor();
      expect(await page.locator(".resume-card").first().textContent()).toContain("Compact");
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("renames, duplicates, bins and restores from the dashboard, and reports the plan limit", async () => {
    const account = await registerAccount(baseUrl, {
      label: "editor",
      name: "Ada Lovelace",
      ip: "192.0.2.82",
    });
    const { page, problems, close } = await openPage(browser, {
      baseUrl,
      allowStatuses: [403],
    });
    try {
      await signInThroughForm(page, account);
      await page.getByRole("button", { name: "New resume" }).click();
      await page.getByRole("dialog").getByLabel("Title").fill("First draft");
      await page.getByRole("button", { name: "Create resume" }).click();
      await page.getByRole("heading", { level: 1, name: "First draft" }).waitFor();
      await page.goto("/dashboard");

      await page.getByRole("button", { name: "Rename First draft" }).click();
      await page.getByRole("dialog").getByLabel("Title").fill("Design roles");
      await page.getByRole("button", { name: "Rename", exact: true }).click();
      await page.getByRole("link", { name: "Design roles" }).waitFor();

      await page.getByRole("button", { name: "Duplicate Design roles", exact: true }).click();
      await page.getByRole("link", { name: "Design roles (copy)" }).waitFor();
      // the free plan holds two: a third is refused with the limit
      await page.getByRole("button", { name: "Duplicate Design roles", exact: true }).click();
      await page.getByText("Your plan allows 2 resumes").waitFor();

      await page.getByRole("button", { name: "Delete Design roles (copy)" }).click();
      await page.getByText("“Design roles (copy)” is in the bin.").waitFor();
      await page.getByRole("button", { name: "Bin", exact: true }).click();
      await page.getByRole("button", { name: "Restore Design roles (copy)" }).click();
      await page.getByText("is back in your resumes").waitFor();
      await page.getByRole("button", { name: "Resumes", exact: true }).click();

      await page.getByLabel("Search by title").fill("copy");
      await expect.poll(() => page.locator(".resume-card").count()).toBe(1);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("shows a resume beyond the plan's count as read-only: marked on the dashboard, a banner and nothing editable in the editor", async () => {
    const account = await registerAccount(baseUrl, {
      label: "readonly",
      name: "Grace Hopper",
      ip: "192.0.2.84",
    });
    // three resumes on Free (two allowed), as a downgrade leaves them; the oldest is beyond
    const now = Date.now();
    const data = JSON.stringify({
      basics: { name: "Grace Hopper", email: "", profiles: [] },
      work: [],
      education: [],
      skills: [],
      projects: [],
      meta: { style: { template: "classic" } },
    });
    const rows = ["Kept newest", "Kept newer", "Beyond the plan"].map((title, i) => {
      const at = now - i * 60_000;
      return `INSERT INTO resumes (id, user_id, title, template, data_json, version, created_at, updated_at) VALUES ('${crypto.randomUUID()}', '${account.id}', '${title}', 'classic', '${data}', 1, ${at}, ${at});`;
    });
    await executeE2eSql(rows.join(" "));
    const { page, problems, close } = await openPage(browser, { baseUrl });
    try {
      await signInThroughForm(page, account);
      const beyond = page.locator(".resume-card", { hasText: "Beyond the plan" });
      await beyond.getByText("Read-only").waitFor();
      expect(
        await page
          .locator(".resume-card", { hasText: "Kept newest" })
          .getByText("Read-only")
          .count(),
      ).toBe(0);
      expect(await page.getByRole("button", { name: "Rename Beyond the plan" }).isDisabled()).toBe(
        true,
      );

      await page.getByRole("link", { name: "Beyond the plan" }).click();
      await page.getByText("This resume is read-only").waitFor();
      await page.getByText("Your plan allows 2 resumes; this one is read-only.").waitFor();
      expect(await page.getByLabel("Resume title").isEditable()).toBe(false);
      expect(await page.getByRole("button", { name: "Undo" }).isDisabled()).toBe(true);
      // still there to read and export
      expect(await page.getByRole("button", { name: "Export" }).isEnabled()).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
