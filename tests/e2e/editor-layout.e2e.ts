import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { TEMPLATES } from "../../core/templates";
import { checkPage } from "./support/a11y";
import { registerAccount, signInThroughForm } from "./support/accounts";
import { launchBrowser, openPage } from "./support/browser";
import { executeE2eSql } from "./support/d1";
import { createResumeFromDashboard, frameText, previewFrame } from "./support/editor";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const previewText = (page: Page) => frameText(page);

/** The look the preview's document really renders with. */
const previewLook = async (page: Page) =>
  (await previewFrame(page)).evaluate(() => ({
    accent: getComputedStyle(document.documentElement).getPropertyValue("--accent").trim(),
    font: getComputedStyle(document.body).fontFamily,
  }));

const box = async (page: Page, selector: string) => {
  const found = await page.locator(selector).boundingBox();
  if (!found) throw new Error(`${selector} is not on the page`);
  return found;
};

describe("editor layout, folding and dates", () => {
  it("a new Elegant resume has Elegant's look; folds hide; Present reaches the preview", async () => {
    const elegant = TEMPLATES.find((template) => template.id === "elegant");
    if (!elegant) throw new Error("no Elegant template");
    const account = await registerAccount(baseUrl, {
      label: "editor-layout",
      name: "Mary Somerville",
      ip: "192.0.2.91",
    });
    // Elegant is a premium template
    await executeE2eSql(`UPDATE users SET plan = 'standard' WHERE id = '${account.id}';`);
    const { page, problems, close } = await openPage(browser, { baseUrl, allowStatuses: [404] });
    try {
      await signInThroughForm(page, account);
      const editorPath = await createResumeFromDashboard(page, {
        title: "Astronomy roles",
        template: /^Elegant/,
      });
      expect(await checkPage(page, editorPath, "Astronomy roles")).toEqual([]);

      // the template's font and colour from the start, in the style panel and the preview
      await expect
        .poll(async () => (await previewLook(page)).accent)
        .toBe(elegant.defaults.accentColor);
      expect((await previewLook(page)).font).toContain("Lora");
      await page.getByRole("tab", { name: "Design" }).click();
      expect(await page.getByLabel("Font", { exact: true }).inputValue()).toBe(
        elegant.defaults.font,
      );
      expect(await page.getByLabel("Accent colour", { exact: true }).inputValue()).toBe(
        elegant.defaults.accentColor,
      );
      await page.getByRole("tab", { name: "Content" }).click();

      // a focused workspace: no site navigation or footer, form and preview use the width
      expect(await page.getByRole("navigation", { name: "Main" }).count()).toBe(0);
      expect(await page.getByRole("contentinfo").count()).toBe(0);
      const form = await box(page, ".editor__form");
      const preview = await box(page, ".editor__preview");
      expect(preview.x).toBeGreaterThan(form.x + form.width - 1);
      expect(preview.x + preview.width).toBeGreaterThan(1280 - 48);
      expect(form.x).toBeLessThan(48);
      // one column with tabs on a narrow screen
      await page.setViewportSize({ width: 600, height: 800 });
      await page.getByRole("tab", { name: "Preview" }).waitFor();
      expect(await page.locator(".editor__preview").count()).toBe(0);
      await page.setViewportSize({ width: 1280, height: 800 });

      // folding: announced as it is, and the body really goes
      const profile = page.getByRole("button", { name: "Profile", exact: true });
      const experience = page.getByRole("button", { name: "Experience", exact: true });
      expect(await profile.getAttribute("aria-expanded")).toBe("true");
      expect(await experience.getAttribute("aria-expanded")).toBe("false");
      expect(await experience.getAttribute("aria-controls")).toBe("section-work-body");
      expect(await page.locator("#section-work-body").isHidden()).toBe(true);
      const fullName = page.getByLabel("Full name", { exact: true });
      expect(await fullName.isVisible()).toBe(true);
      await profile.click();
      expect(await profile.getAttribute("aria-expanded")).toBe("false");
      await fullName.waitFor({ state: "hidden" });
      expect(await page.getByRole("textbox", { name: "Full name" }).count()).toBe(0);

      // dates: month picker and "Present"
      await experience.click();
      expect(await experience.getAttribute("aria-expanded")).toBe("true");
      await page.getByRole("button", { name: "Add position to Experience" }).click();
      await page.getByLabel("Position", { exact: true }).fill("Science writer");
      const start = page.getByLabel("Start date", { exact: true });
      const end = page.getByLabel("End date", { exact: true });
      const present = page.getByRole("checkbox", { name: "Present" });
      expect(await start.getAttribute("type")).toBe("month");
      await start.fill("2020-03");
      await present.uncheck();
      await end.fill("2022-01");
      await expect.poll(() => previewText(page)).toContain("Mar 2020 – Jan 2022");
      await present.check();
      expect(await end.isDisabled()).toBe(true);
      await expect.poll(() => previewText(page)).toContain("Mar 2020 – Present");
      // unticked, the end date it cleared comes back
      await present.uncheck();
      await expect.poll(() => end.inputValue()).toBe("2022-01");
      await present.check();
      await expect.poll(() => previewText(page)).toContain("Mar 2020 – Present");
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
