import { expect } from "vitest";
import { executeE2eSql } from "./d1";

export interface TestAccount {
  id: string;
  email: string;
  name: string;
  password: string;
}

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
  const account = {
    email: `staff-${role}-${Date.now().toString(36)}@example.com`,
    name: "Robin Staff",
    password: "amber-signal-orchard-58",
  };
  const response = await fetch(new URL("/api/auth/register", baseUrl), {
    method: "POST",
    headers: { "Content-Type": "application/json", "CF-Connecting-IP": ip },
    body: JSON.stringify({ ...account, plan: "free" }),
  });
  expect(response.status).toBe(201);
  const { data } = (await response.json()) as { data: { user: { id: string } } };
  const id = data.user.id;
  // ids are server-made (hex/uuid) and the role comes from the fixed list above
  expect(id).toMatch(/^[\w-]+$/);
  await executeE2eSql(
    `UPDATE users SET role = '${role}', email_verified_at = ${Date.now()} WHERE id = '${id}'`,
  );
  return { id, ...account };
}
