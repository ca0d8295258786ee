import type { Frame, Page } from "playwright-core";

/** The document inside a frame of the page, by the frame's title ("Resume preview"). */
export async function frameByTitle(page: Page, title: string): Promise<Frame> {
  const handle = await page.locator(`iframe[title='${title}']`).first().elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error(`no frame titled ${title}`);
  return frame;
}

/** The editor preview's rendered document. */
export const previewFrame = (page: Page): Promise<Frame> => frameByTitle(page, "Resume preview");

/** A frame's text, "" while it is being replaced. */
export async function frameText(page: Page, title = "Resume preview"): Promise<string> {
  const frame = await frameByTitle(page, title).catch(() => null);
  return (
    (await frame
      ?.locator("body")
      .textContent()
      .catch(() => "")) ?? ""
  );
}

/** The editor's save status says everything is on the server. */
export const saved = (page: Page): Promise<void> =>
  page.getByRole("status").filter({ hasText: "All changes saved" }).waitFor();

/**
 * Creates a resume from the dashboard's "New resume" dialog and waits for its editor; returns
 * the editor's path.
 */
export async function createResumeFromDashboard(
  page: Page,
  options: { title: string; template?: RegExp },
): Promise<string> {
  await page.getByRole("button", { name: "New resume" }).click();
  const dialog = page.getByRole("dialog", { name: "New resume" });
  await dialog.getByLabel("Title").fill(options.title);
  if (options.template) await dialog.getByLabel(options.template).check();
  await dialog.getByRole("button", { name: "Create resume" }).click();
  await page.waitForURL(/\/resumes\/[0-9a-f-]{36}$/);
  await page.getByRole("heading", { level: 1, name: options.title }).waitFor();
  return new URL(page.url()).pathname;
}
