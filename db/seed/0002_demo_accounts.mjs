// One demo account per role (README "Demo accounts"), verified and active, for local use only. The
// password is hashed by the Worker's own hashPassword, so it signs in like any account.
import { loadWorkerModule } from "../../scripts/lib/worker-module.mjs";

export const DEMO_PASSWORD = "quiet-harbor-lantern-42";
const DOMAIN = "demo.resume-builder.test";

export const DEMO_ACCOUNTS = [
  { role: "super_admin", email: `superadmin@${DOMAIN}`, name: "Sam Super" },
  { role: "admin", email: `admin@${DOMAIN}`, name: "Alex Admin" },
  { role: "moderator", email: `moderator@${DOMAIN}`, name: "Morgan Moderator" },
  { role: "support", email: `support@${DOMAIN}`, name: "Sasha Support" },
  { role: "billing_admin", email: `billing@${DOMAIN}`, name: "Blair Billing" },
  { role: "user", email: `user@${DOMAIN}`, name: "Uma User" },
];

const quote = (value) => `'${String(value).replaceAll("'", "''")}'`;

/** Idempotent SQL: existing demo accounts (and any changes made to them) are kept. */
export default async function demoAccountsSql() {
  const { hashPassword } = await loadWorkerModule("server/auth/passwords.ts");
  const now = Date.now();
  const statements = [];
  for (const account of DEMO_ACCOUNTS) {
    const id = `demo-${account.role.replace("_", "-")}`;
    const hash = await hashPassword(DEMO_PASSWORD);
    statements.push(
      `INSERT INTO users (id, email, email_verified_at, name, password_hash, role, status, plan, mfa_enabled, created_at, updated_at) VALUES (${quote(id)}, ${quote(account.email)}, ${now}, ${quote(account.name)}, ${quote(hash)}, ${quote(account.role)}, 'active', 'free', 0, ${now}, ${now}) ON CONFLICT (email) DO NOTHING;`,
      `INSERT INTO profiles (user_id, onboarding_step, created_at, updated_at) VALUES (${quote(id)}, 'done', ${now}, ${now}) ON CONFLICT (user_id) DO NOTHING;`,
    );
  }
  return statements.join("\n");
}
