import type { Page } from "playwright-core";

/** Roles that must always have an accessible name (controls, links, and the like). */
const NAMED_ROLES = new Set([
  "button",
  "link",
  "textbox",
  "searchbox",
  "checkbox",
  "radio",
  "combobox",
  "listbox",
  "switch",
  "slider",
  "spinbutton",
  "menuitem",
  "tab",
  "progressbar",
]);

interface AXValue {
  value?: unknown;
}

interface AXNode {
  ignored?: boolean;
  role?: AXValue;
  name?: AXValue;
  backendDOMNodeId?: number;
}

/**
 * Basic accessibility checks without extra packages: every control in Chromium's
 * accessibility tree has a name, a page has exactly one h1, one main landmark and a
 * document language.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  const cdp = await page.context().newCDPSession(page);
  const describe = async (node: AXNode) => {
    if (node.backendDOMNodeId === undefined) return "(no DOM node)";
    await cdp.send("DOM.getDocument", { depth: 0 });
    const { outerHTML } = await cdp.send("DOM.getOuterHTML", {
      backendNodeId: node.backendDOMNodeId,
    });
    return outerHTML.slice(0, 200);
  };
  try {
    const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as { nodes: AXNode[] };
    for (const node of nodes) {
      const role = String(node.role?.value ?? "");
      if (node.ignored || !NAMED_ROLES.has(role)) continue;
      if (String(node.name?.value ?? "").trim() === "") {
        problems.push(`${role} without an accessible name: ${await describe(node)}`);
      }
    }
  } finally {
    await cdp.detach();
  }

  const h1s = await page.locator("h1").count();
  if (h1s !== 1) problems.push(`expected exactly one h1, found ${h1s}`);
  const mains = await page.locator("main, [role=main]").count();
  if (mains !== 1) problems.push(`expected exactly one main landmark, found ${mains}`);
  const lang = await page.locator("html").getAttribute("lang");
  if (!lang) problems.push("<html> has no lang attribute");
  if (!(await page.title()).trim()) problems.push("the document has no title");
  return problems;
}

/**
 * The page has settled: every loading placeholder has given way to what it waited for. Not
 * "networkidle", which a module preload Chromium never reports finished can hold off.
 */
export const settled = (page: Page) =>
  page.waitForFunction(
    () => !document.querySelector('[aria-busy="true"], .ds-skeleton, .ds-skeleton-text'),
  );

/**
 * Loads `path`, waits for its h1, and runs the accessibility checks at desktop width and on
 * a 320 px phone, including sideways scrolling. Leaves the page at desktop width.
 */
export async function checkPage(page: Page, path: string, heading: string): Promise<string[]> {
  const found: string[] = [];
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
    if (overflow > 0)
      found.push(`${path} at ${viewport.width}px scrolls sideways by ${overflow}px`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  return found;
}
