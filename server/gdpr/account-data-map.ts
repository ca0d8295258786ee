/**
 * Where an account's data lives, table by table, prefix by prefix, key by key (README "Your
 * data", deletion). The deletion runs the D1 rules in this order, in one batch; the test in
 * tests/worker/account-deletion.test.ts reads the real tables from D1 and fails on any table
 * missing here, so a new table is decided on before it ships.
 *
 * A rule's SQL names its values as `{user}` (the account id), `{email}` (its address) and
 * `{pseudonym}` (server/gdpr/pseudonym.ts); `compileRule` turns them into bound parameters.
 */

/** SQL conditions reused by several tables. */
const OF_USER = "user_id = {user}";
const OF_RESUMES = "resume_id IN (SELECT id FROM resumes WHERE user_id = {user})";
const OF_CUSTOMERS =
  "customer_id IN (SELECT customer_id FROM billing_customers WHERE user_id = {user})";
const OF_TICKETS = "ticket_id IN (SELECT id FROM support_tickets WHERE user_id = {user})";
const OF_JOBS = "job_id IN (SELECT id FROM jobs WHERE owner_id = {user})";

export type TableRule =
  /** The rows are the account's: deleted. */
  | { kind: "delete"; where: string }
  /**
   * The rows stay (a record someone else needs: aggregates, moderation history, security) but
   * stop naming the person: `set` replaces what identified them. `identifies` is what must match
   * no row afterwards (defaults to `where`).
   */
  | { kind: "pseudonymise"; where: string; set: string; identifies?: string; why: string }
  /** Kept as the law requires, unchanged (README "Your data", what is kept). */
  | { kind: "kept"; where: string; why: string };

export type TableEntry =
  | { rules: readonly TableRule[] }
  /** Holds nothing of any account, or only what follows another table by itself. */
  | { system: string };

/**
 * Every D1 table. The order is the order of deletion: children before their parents, and
 * anything found through another table before that table's rows go.
 */
export const D1_DATA_MAP: Record<string, TableEntry> = {
  // Through the account's resumes, before the resumes go.
  resume_versions: { rules: [{ kind: "delete", where: OF_RESUMES }] },
  resume_shares: { rules: [{ kind: "delete", where: OF_RESUMES }] },
  custom_domains: { rules: [{ kind: "delete", where: OF_USER }] },
  media: { rules: [{ kind: "delete", where: OF_USER }] },
  moderation_reports: {
    rules: [
      {
        kind: "pseudonymise",
        where: "reporter_user_id = {user}",
        set: "reporter_user_id = NULL, reporter_key = {pseudonym}",
        why: "a report counts towards its case after its reporter leaves",
      },
      {
        kind: "pseudonymise",
        where: `${OF_RESUMES} AND message IS NOT NULL`,
        set: "message = NULL",
        identifies: `${OF_RESUMES} AND message IS NOT NULL`,
        why: "reports about the account's resumes stay with their moderation case",
      },
    ],
  },
  // Through the account's billing customers, before those rows go.
  stripe_events: { rules: [{ kind: "delete", where: OF_CUSTOMERS }] },
  local_billing_objects: {
    rules: [
      { kind: "delete", where: `${OF_CUSTOMERS} AND type NOT IN ('invoice', 'credit_note')` },
      {
        kind: "kept",
        where: `${OF_CUSTOMERS} AND type IN ('invoice', 'credit_note')`,
        why: "the provider's copies of invoices, kept as Stripe keeps them",
      },
    ],
  },
  support_messages: { rules: [{ kind: "delete", where: OF_TICKETS }] },
  job_events: { rules: [{ kind: "delete", where: OF_JOBS }] },
  email_outbox: {
    rules: [
      {
        kind: "pseudonymise",
        where: "to_address = {email}",
        set: "to_address = {pseudonym} || '@deleted.invalid', subject = '', text_body = '', html_body = ''",
        why: "operators see that mail was sent (the deletion confirmation among it), never to whom or what",
      },
    ],
  },
  login_attempts: { rules: [{ kind: "delete", where: "email = {email}" }] },
  credential_attempts: { rules: [{ kind: "delete", where: "key = 'user:' || {user}" }] },
  // The account's own rows.
  resumes: { rules: [{ kind: "delete", where: OF_USER }] },
  jobs: { rules: [{ kind: "delete", where: "owner_id = {user}" }] },
  profiles: { rules: [{ kind: "delete", where: OF_USER }] },
  email_tokens: { rules: [{ kind: "delete", where: OF_USER }] },
  oauth_accounts: { rules: [{ kind: "delete", where: OF_USER }] },
  passkeys: { rules: [{ kind: "delete", where: OF_USER }] },
  totp_factors: { rules: [{ kind: "delete", where: OF_USER }] },
  recovery_codes: { rules: [{ kind: "delete", where: OF_USER }] },
  refresh_tokens: { rules: [{ kind: "delete", where: OF_USER }] },
  impersonations: { rules: [{ kind: "delete", where: OF_USER }] },
  staff_notes: { rules: [{ kind: "delete", where: OF_USER }] },
  support_tickets: { rules: [{ kind: "delete", where: OF_USER }] },
  usage_counters: { rules: [{ kind: "delete", where: OF_USER }] },
  usage_refunds: { rules: [{ kind: "delete", where: OF_USER }] },
  bulk_email_recipients: { rules: [{ kind: "delete", where: OF_USER }] },
  appeals: { rules: [{ kind: "delete", where: OF_USER }] },
  strikes: { rules: [{ kind: "delete", where: OF_USER }] },
  account_sanctions: { rules: [{ kind: "delete", where: OF_USER }] },
  ban_escalations: { rules: [{ kind: "delete", where: OF_USER }] },
  escalation_requests: { rules: [{ kind: "delete", where: OF_USER }] },
  data_exports: { rules: [{ kind: "delete", where: OF_USER }] },
  security_alerts: { rules: [{ kind: "delete", where: OF_USER }] },
  payment_methods: { rules: [{ kind: "delete", where: OF_USER }] },
  subscriptions: { rules: [{ kind: "delete", where: OF_USER }] },
  billing_events: { rules: [{ kind: "delete", where: OF_USER }] },
  billing_customers: { rules: [{ kind: "delete", where: OF_USER }] },
  // Records that stay, without the person.
  ip_bans: {
    rules: [
      {
        kind: "pseudonymise",
        where: OF_USER,
        set: "user_id = NULL",
        why: "a ban protects the service from a network, whoever used it",
      },
    ],
  },
  analytics_events: {
    rules: [
      {
        kind: "pseudonymise",
        where: OF_USER,
        set: "user_id = {pseudonym}",
        why: "the aggregates and a backfill count the same events; only the id goes",
      },
    ],
  },
  audit_log: {
    rules: [
      {
        kind: "pseudonymise",
        where: "actor_id = 'user:' || {user}",
        set: "actor_id = {pseudonym}, ip = NULL, user_agent = NULL",
        why: "the audit trail keeps what was done, by a pseudonym (an HMAC of the id)",
      },
      {
        kind: "pseudonymise",
        where: "resource_id = {user}",
        set: "resource_id = {pseudonym}, details_json = '{}'",
        why: "actions on the account stay in the trail, naming it by its pseudonym",
      },
    ],
  },
  invoices: {
    rules: [
      {
        kind: "kept",
        where: OF_USER,
        why: "tax law: invoices are kept for the retention period; they name the tombstone only",
      },
    ],
  },
  credit_notes: {
    rules: [{ kind: "kept", where: OF_USER, why: "tax law, with the invoices they correct" }],
  },
  disputes: {
    rules: [{ kind: "kept", where: OF_USER, why: "chargeback records, with the invoices" }],
  },
  moderation_cases: {
    rules: [
      {
        kind: "kept",
        where: OF_USER,
        why: "moderation decisions are kept as records of the service's actions (DSA); they name the tombstone",
      },
    ],
  },
  // The account row itself becomes the tombstone the kept records point at.
  users: {
    rules: [
      {
        kind: "pseudonymise",
        where: "id = {user}",
        set:
          "email = {pseudonym} || '@deleted.invalid', name = 'Deleted account', password_hash = NULL, " +
          "status = 'deleted', mfa_enabled = 0, plan_intent = NULL, last_login_at = NULL, signup_ip = NULL, " +
          "email_verified_at = NULL",
        identifies: "email = {email}",
        why: "invoices and moderation cases point at the id; nothing else of the person stays",
      },
    ],
  },
  account_deletions: {
    rules: [
      {
        kind: "pseudonymise",
        where: OF_USER,
        set: "user_id = {pseudonym}",
        why: "operators follow the deletion (and earlier cancelled ones) by pseudonym",
      },
    ],
  },
  moderation_decisions: { system: "decisions on cases (kept with them); actors are staff" },
  users_search: { system: "the search index of `users`, rewritten by its triggers" },
  users_search_config: { system: "FTS5 shadow table of users_search" },
  users_search_data: { system: "FTS5 shadow table of users_search" },
  users_search_docsize: { system: "FTS5 shadow table of users_search" },
  users_search_idx: { system: "FTS5 shadow table of users_search" },
  workflow_runs: { system: "run history; names the tombstone id only" },
  workflow_run_steps: { system: "step history of runs; no personal data" },
  analytics_daily: { system: "aggregates without accounts" },
  analytics_revenue_daily: { system: "aggregates without accounts" },
  backups: {
    system: 'backup catalogue; backups age out with their retention (README "Backups")',
  },
  bulk_emails: { system: "the staff message; recipients are in bulk_email_recipients" },
  config_versions: { system: "live configuration" },
  system_config: { system: "live configuration" },
  moderation_rules: { system: "moderation rules" },
  threat_intel_entries: { system: "threat intelligence: networks and hashes, not accounts" },
  threat_intel_imports: { system: "threat intelligence imports" },
  d1_migrations: { system: "the migration ledger" },
};

/** Tables the engine keeps for itself (SQLite's counters, Cloudflare's metadata). */
export const isEngineTable = (name: string) =>
  name.startsWith("sqlite_") || name.startsWith("_cf_");

export interface RuleValues {
  user: string;
  email: string;
  pseudonym: string;
}

/** A rule's SQL with its `{name}` values as numbered parameters, and those values in order. */
export function compileRule(sql: string, values: RuleValues): { sql: string; params: string[] } {
  const order: (keyof RuleValues)[] = [];
  const compiled = sql.replace(/\{(user|email|pseudonym)\}/g, (_, name: keyof RuleValues) => {
    if (!order.includes(name)) order.push(name);
    return `?${order.indexOf(name) + 1}`;
  });
  return { sql: compiled, params: order.map((name) => values[name]) };
}

/** The statement that carries out one rule (none for what is kept as it is). */
export function ruleStatement(table: string, rule: TableRule, values: RuleValues) {
  if (rule.kind === "kept") return null;
  const sql =
    rule.kind === "delete"
      ? `DELETE FROM ${table} WHERE ${rule.where}`
      : `UPDATE ${table} SET ${rule.set} WHERE ${rule.where}`;
  return compileRule(sql, values);
}

/**
 * R2 (`FILES`): every prefix and what happens to it. Objects found through D1 rows are listed
 * by the deletion before those rows go (server/gdpr/delete-files.ts).
 */
export const R2_DATA_MAP = {
  "exports/": "deleted: `exports/{format}/{jobId}` of the account's export jobs",
  "share-pdf/": "deleted: `share-pdf/{resumeId}/` of each of the account's resumes",
  "data-exports/": "deleted: `data-exports/{userId}/`",
  media: "deleted: photos, by the keys in the account's `media` rows (no prefix of their own)",
  "invoices/": "kept: `invoices/{userId}/` invoice PDFs, with the invoices (tax law)",
  "moderation/": "kept: snapshots and photo copies of moderation cases, with the cases",
  "backups/": "system: database backups, aged out by their retention",
  "threat-intel/": "system: threat-intelligence lists operators upload",
} as const;

/**
 * KV: every key pattern that can name an account or hold its data, and what happens to it.
 * Keys that expire on their own are listed with their longest lifetime.
 */
export const KV_DATA_MAP = {
  "CACHE resume:{resumeId}:v{n}": "deleted (resume cache)",
  "CACHE custom-host:{hostname}": "deleted with the custom hostname (server/custom-domains)",
  "CACHE idem:{hash}": "expires within 24 hours (idempotency replays)",
  "CACHE share-view:{hash}": "expires within a day; a visitor hash, not the account",
  "JOBS job:{jobId}": "deleted for the account's jobs",
  "SESSIONS revoked-before:{userId}": "deleted; it only outlives the access tokens it ends",
  "SESSIONS account-deletion:{userId}":
    "deleted when the deletion completes (its state for sign-in)",
  "SESSIONS mfa-challenge:* webauthn:* oauth-state:* deny:*": "expire within minutes",
  "RATE_LIMITS rl:{hash}:{window}": "expire with their window (a day at most)",
  "THREAT_INTEL ip:* email:{hash} fp:* asn:*": "system: threat intelligence, not accounts",
} as const;
