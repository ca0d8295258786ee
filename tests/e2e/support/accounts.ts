import type { Page } from "playwright-core";
import { expect } from "vitest";

export interface TestAccount {
  id: string;
  email: string;
  name: string;
  password: string;
}

/** Long enough and off the common-password list, so registration takes it. */
export const E2E_PASSWORD = "orchid-harbor-lantern-58";

/**
 * A new Free account, registered through the API like anyone's. Registration is limited per
 * client address (5 an hour), so each test names a TEST-NET address (192.0.2.0/24) of its own.
 * Registration names no account (it answers alike for taken addresses), so the id comes from
 * signing in once through the API; that session is ended again at once.
 */
export async function registerAccount(
  baseUrl: string,
  options: { label: string; name: string; ip: string; password?: string },
): Promise<TestAccount> {
  const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const account = {
    email: `${options.label}-${unique}@example.com`,
    name: options.name,
    password: options.password ?? E2E_PASSWORD,
  };
  const headers = { "Content-Type": "application/json", "CF-Connecting-IP": options.ip };
  const registered = await fetch(new URL("/api/auth/register", baseUrl), {
    method: "POST",
    headers,
    body: JSON.stringify({ ...account, plan: "free" }),
  });
  expect(registered.status).toBe(202);
  const signedIn = await fetch(new URL("/api/auth/login", baseUrl), {
    method: "POST",
    headers,
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  expect(signedIn.status).toBe(200);
  const { data } = (await signedIn.json()) as {
    data: { access_token: string; refresh_token: string; user: { id: string } };
  };
  const loggedOut = await fetch(new URL("/api/auth/logout", baseUrl), {
    method: "POST",
    headers: { ...headers, Authorization: `Bearer ${data.access_token}` },
    body: JSON.stringify({ refresh_token: data.refresh_token }),
  });
  expect(loggedOut.status).toBe(200);
  // ids are server-made (hex/uuid); tests put them into SQL and URLs
  expect(data.user.id).toMatch(/^[\w-]+$/);
  return { id: data.user.id, ...account };
}

/** Opens a page that needs a session, signs in on the form it is sent to, lands on the dashboard. */
export async function signInThroughForm(page: Page, account: { email: string; password: string }) {
  // The page that matters is the sign-in form the app sends us to: its heading is the signal,
  // not the `load` event of a page we are leaving (which waits on every subresource).
  await page.goto("/dashboard", { waitUntil: "commit" });
  await page.waitForURL((url) => url.pathname === "/login", { waitUntil: "commit" });
  await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
  await page.getByLabel("Email address").fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/dashboard");
}
