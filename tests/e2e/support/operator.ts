import type { Page } from "playwright-core";
import { expect } from "vitest";

/** Password of every seeded demo account (db/seed/0002_demo_accounts.mjs). */
export const DEMO_PASSWORD = "quiet-harbor-lantern-42";

/** A seeded demo account's email, e.g. `demoEmail("support")`. */
export const demoEmail = (name: string) => `${name}@demo.resume-builder.test`;

/** Signs in to the admin app through its operator-token form and waits for the dashboard. */
export async function signInAsOperator(page: Page, token: string, path = "/admin/"): Promise<void> {
  await page.goto(path);
  await page.getByRole("button", { name: "Use an operator token instead" }).click();
  await page.getByLabel("Operator token").fill(token);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // the sign-out button shows at every width (the navigation folds away on phones)
  await page.getByRole("button", { name: "Sign out" }).waitFor();
  expect(await page.getByRole("heading", { name: "Operator sign-in" }).count()).toBe(0);
}

/** Fills the admin app's staff sign-in form (no waiting: callers expect different outcomes). */
export async function submitStaffSignIn(
  page: Page,
  email: string,
  password = DEMO_PASSWORD,
  path = "/admin/",
): Promise<void> {
  await page.goto(path);
  await page.getByRole("heading", { level: 1, name: "Staff sign-in" }).waitFor();
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Signs in to the admin app with a staff account (no two-factor) and waits for the header. */
export async function signInAsStaff(page: Page, email: string, path = "/admin/"): Promise<void> {
  await submitStaffSignIn(page, email, DEMO_PASSWORD, path);
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}
