import { registerAccount, type TestAccount } from "./accounts";
import { executeE2eSql } from "./d1";

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
