import type { Page } from "playwright-core";
import { expect } from "vitest";

/** Signs in to the admin app through its form and waits for the dashboard. */
export async function signInAsOperator(page: Page, token: string, path = "/admin/"): Promise<void> {
  await page.goto(path);
  await page.getByLabel("Operator token").fill(token);
  await page.getByRole("button", { name: "Sign in" }).click();
  // the sign-out button shows at every width (the navigation folds away on phones)
  await page.getByRole("button", { name: "Sign out" }).waitFor();
  expect(await page.getByRole("heading", { name: "Operator sign-in" }).count()).toBe(0);
}
