import { expect } from "vitest";
import { registerAccount, type TestAccount } from "./accounts";
import { executeE2eSql } from "./d1";
import { Authenticator } from "./totp";

/**
 * A staff account of its own for a test that changes it (e.g. enrols two-factor), so the
 * seeded demo accounts other files sign in with stay as they are. It registers through
 * the API like anyone; no endpoint grants roles, so the role is set in the e2e database
 * with `wrangler d1 execute` (verified too, so no banner asks to confirm the address).
 */
export async function createStaffAccount(
  baseUrl: string,
  role: "super_admin" | "admin" | "moderator" | "support" | "billing_admin",
  ip = "192.0.2.60",
): Promise<TestAccount> {
  const account = await registerAccount(baseUrl, {
    label: `staff-${role}`,
    name: "Robin Staff",
    ip,
    password: "amber-signal-orchard-58",
  });
  await executeE2eSql(
    `UPDATE users SET role = '${role}', email_verified_at = ${Date.now()} WHERE id = '${account.id}'`,
  );
  return account;
}

/**
 * A staff account of its own with two-factor on, enrolled through the API (a second factor is
 * what sensitive admin actions and their step-up dialog ask for). Its authenticator gives the
 * codes for signing in and for the step-up.
 */
export async function createStaffWithTotp(
  baseUrl: string,
  role: "super_admin" | "admin" | "moderator" | "support" | "billing_admin",
  ip: string,
): Promise<TestAccount & { app: Authenticator }> {
  const staff = await createStaffAccount(baseUrl, role, ip);
  const headers = { "Content-Type": "application/json", "CF-Connecting-IP": ip };
  const login = await fetch(new URL("/api/auth/login", baseUrl), {
    method: "POST",
    headers,
    body: JSON.stringify({ email: staff.email, password: staff.password }),
  });
  expect(login.status).toBe(200);
  const { data } = (await login.json()) as { data: { access_token: string } };
  const bearer = { ...headers, Authorization: `Bearer ${data.access_token}` };
  const setup = await fetch(new URL("/api/auth/mfa/totp/setup", baseUrl), {
    method: "POST",
    headers: bearer,
  });
  expect(setup.status).toBe(200);
  const { secret } = ((await setup.json()) as { data: { secret: string } }).data;
  const app = new Authenticator(secret);
  const confirmed = await fetch(new URL("/api/auth/mfa/totp/confirm", baseUrl), {
    method: "POST",
    headers: bearer,
    body: JSON.stringify({ code: await app.code() }),
  });
  expect(confirmed.status).toBe(200);
  return { ...staff, app };
}
