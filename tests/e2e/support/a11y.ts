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
