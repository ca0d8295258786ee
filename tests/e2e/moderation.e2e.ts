import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { registerAccount } from "./support/accounts";
import { launchBrowser, openPage } from "./support/browser";
import { demoEmail, signInAsStaff } from "./support/operator";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

type Json = Record<string, unknown>;

/** The owner's side, through the API: a resume with content, shared, live once checked. */
async function publishedResume(account: { email: string; password: string }, ip: string) {
  const call = async (
    path: string,
    init: { method?: string; body?: Json; token?: string } = {},
  ) => {
    const response = await fetch(new URL(path, baseUrl), {
      method: init.method ?? "GET",
      headers: {
        "Content-Type": "application/json",
        "CF-Connecting-IP": ip,
        ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
      },
      body: init.body ? JSON.stringify(init.body) : undefined,
    });
    return { status: response.status, body: (await response.json()) as { data: Json } };
  };
  const login = await call("/api/auth/login", { method: "POST", body: account });
  const token = (login.body.data as { access_token: string }).access_token;
  const created = await call("/api/resumes", {
    method: "POST",
    token,
    body: {
      title: "Public profile",
      data: {
        basics: { name: "Mallory Example", summary: "Warehouse team lead, forklift certified." },
      },
    },
  });
  expect(created.status).toBe(201);
  const id = (created.body.data as { id: string }).id;
  const shared = await call(`/api/resumes/${id}/share`, {
    method: "POST",
    token,
    body: { enabled: true },
  });
  expect(shared.status).toBe(200);
  // the link is public once the content check has passed: its state says so
  await expect
    .poll(async () => {
      const read = await call(`/api/resumes/${id}/share`, { token });
      return (read.body.data as { publication: { state: string } }).publication.state;
    })
    .toBe("live");
  return { slug: (shared.body.data as { slug: string }).slug };
}

/** A visitor's report through the page's own link and form, from an address of their own. */
async function reportPage(page: Page, slug: string, address: string) {
  // the public pages are outside /api, where openPage sets the address: set it here too
  await page.context().route(
    (url) => url.pathname.startsWith("/r/"),
    (route) =>
      route.fallback({ headers: { ...route.request().headers(), "cf-connecting-ip": address } }),
  );
  await page.goto(`/r/${slug}`);
  await page.getByText("Warehouse team lead").waitFor();
  await page.getByRole("link", { name: "Report this resume" }).click();
  await page.getByRole("heading", { level: 1, name: "Report this resume" }).waitFor();
  await page.getByRole("radio", { name: "Hate speech" }).check();
  await page.getByLabel("Anything else we should know? (optional)").fill("Slurs in the summary.");
  await page.getByRole("button", { name: "Send report" }).click();
  await page.getByText("Your report was sent. Moderators will look at this resume.").waitFor();
}

describe("content moderation", () => {
  it("visitors report a public resume; a moderator sees it with its preview, rejects it, and the page goes offline", async () => {
    const owner = await registerAccount(baseUrl, {
      label: "moderated",
      name: "Mallory Example",
      ip: "192.0.2.91",
    });
    const { slug } = await publishedResume(owner, "192.0.2.91");

    // two visitors who do not know each other: together their reports open a case
    for (const address of ["198.51.100.31", "198.51.100.32"]) {
      const visitor = await openPage(browser, { baseUrl });
      try {
        await reportPage(visitor.page, slug, address);
        expect(visitor.problems).toEqual([]);
      } finally {
        await visitor.close();
      }
    }

    const { page, problems, close } = await openPage(browser, { baseUrl });
    try {
      await signInAsStaff(page, demoEmail("moderator"), "/admin/moderation?source=report");
      await page.getByRole("heading", { level: 1, name: "Moderation queue" }).waitFor();
      const cases = page.getByRole("table", { name: "Moderation cases" });
      // the case opens once the second report is weighed and its check has run
      await expect
        .poll(async () => {
          if ((await cases.getByRole("row").count()) > 1) return true;
          await page.reload();
          await page.getByRole("heading", { level: 1, name: "Moderation queue" }).waitFor();
          return false;
        })
        .toBe(true);
      await cases
        .getByRole("link", { name: /Public page/ })
        .first()
        .click();
      await page.getByRole("heading", { level: 1, name: "Moderation case" }).waitFor();

      // exactly what was published, rendered, and what the reporters said
      const preview = page.frameLocator("iframe[title='The published resume, as visitors see it']");
      await preview.getByText("Warehouse team lead, forklift certified.").waitFor();
      await page.getByText("Slurs in the summary.").first().waitFor();
      await page
        .getByText("Built-in classifier (stand-in for Workers AI, no model)")
        .first()
        .waitFor();

      const decision = page.getByRole("form", { name: "Decision" });
      // the radio is visually hidden inside its card: a person clicks the card's label
      await decision.locator("label", { hasText: /^Reject$/ }).click();
      await expect.poll(() => decision.getByLabel(/^Reject/).isChecked()).toBe(true);
      await decision.getByLabel(/^Reason/).fill("Hateful language about a group of people.");
      await decision.getByRole("button", { name: "Reject" }).click();
      await page.getByText("Decision recorded").waitFor();
      expect(problems).toEqual([]);
    } finally {
      await close();
    }

    // the page is offline for everyone, and the owner was told why
    const visitor = await openPage(browser, { baseUrl, allowStatuses: [410] });
    try {
      await expect.poll(async () => (await visitor.page.goto(`/r/${slug}`))?.status()).toBe(410);
      await visitor.page.getByRole("heading", { name: "This resume was taken down" }).waitFor();
    } finally {
      await visitor.close();
    }
    await expect
      .poll(async () => {
        const response = await fetch(
          new URL(`/api/dev/outbox?to=${encodeURIComponent(owner.email)}`, baseUrl),
        );
        const { data } = (await response.json()) as { data: { subject: string }[] };
        return data.map((mail) => mail.subject);
      })
      .toContainEqual(expect.stringContaining("We took your content offline"));
  });
});
