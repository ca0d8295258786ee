import { dataExportPartsPrefix } from "../../core/gdpr/data-export";
import type { Env } from "../env";

/**
 * What "Export my data" gathers (README "Your data"): every table that holds the account's
 * own data, as explicit column lists, so a secret column can never slip in with a `SELECT *`.
 * Each category is one workflow step that writes its part to R2 and returns only counts.
 *
 * Left out on purpose, and why:
 * - secrets: `users.password_hash`, `resume_shares.password_hash`, `totp_factors.secret_encrypted`,
 *   `recovery_codes.code_hash`, `refresh_tokens.token_hash`, `email_tokens` (single-use link
 *   hashes), `passkeys.public_key` (a key, not information about the person);
 * - staff-only records: `staff_notes`, `audit_log`, `security_alerts`, `ip_bans`,
 *   `escalation_requests`, `ban_escalations`, `moderation_decisions` (reviewers' signals), the
 *   staff ids and internal notes on sanctions, strikes and impersonations;
 * - other people's data: reports others filed about the account's resumes (`moderation_reports`
 *   by `reporter_key`);
 * - the billing provider's raw payloads (`stripe_events`, `local_billing_objects`): the same
 *   facts are in the subscriptions, invoices and billing events exported here;
 * - operational state with no personal content: `jobs` other than exports, `workflow_runs`,
 *   `credential_attempts`, `usage_refunds`, `analytics_daily`, `data_exports` (this very
 *   feature's bookkeeping), `account_deletions` (a pending deletion's workflow state).
 */

type PartEnv = Pick<Env, "DB" | "FILES">;

/** Per list: enough for any real account, a bound on one step's memory for an abusive one. */
export const ROW_LIMIT = 10_000;

interface Query {
  /** The key in the part's JSON. */
  name: string;
  /** `?1` is the account id, `?2` its email address. */
  sql: string;
}

/** Epoch-ms columns are exported as they are stored; README.txt in the zip says so. */
const ACCOUNT: Query[] = [
  {
    name: "profile",
    sql: `SELECT u.id, u.email, u.email_verified_at, u.name, u.role, u.status, u.plan, u.mfa_enabled,
            u.created_at, u.updated_at, u.last_login_at, u.signup_ip,
            p.headline, p.location, p.website, p.locale, p.timezone, p.onboarding_step
          FROM users u LEFT JOIN profiles p ON p.user_id = u.id WHERE u.id = ?1`,
  },
  {
    name: "linked_sign_in_accounts",
    sql: "SELECT provider, email, created_at, last_used_at FROM oauth_accounts WHERE user_id = ?1",
  },
  {
    name: "passkeys",
    sql: "SELECT id, name, device_type, backed_up, transports, created_at, last_used_at FROM passkeys WHERE user_id = ?1",
  },
  {
    name: "two_factor",
    sql: `SELECT t.enabled_at, t.created_at,
            (SELECT COUNT(*) FROM recovery_codes r WHERE r.user_id = ?1 AND r.used_at IS NULL) AS recovery_codes_left
          FROM totp_factors t WHERE t.user_id = ?1`,
  },
  {
    name: "custom_domain",
    sql: "SELECT hostname, resume_id, state, created_at, updated_at FROM custom_domains WHERE user_id = ?1",
  },
  {
    name: "usage",
    sql: "SELECT metric, period, count FROM usage_counters WHERE user_id = ?1 ORDER BY period",
  },
  {
    name: "emails_sent_to_you",
    sql: `SELECT template, subject, status, created_at FROM email_outbox
          WHERE to_address = ?2 ORDER BY created_at`,
  },
  {
    name: "staff_announcements",
    sql: `SELECT b.subject, b.template, r.status, r.updated_at FROM bulk_email_recipients r
          JOIN bulk_emails b ON b.id = r.bulk_email_id WHERE r.user_id = ?1`,
  },
];

const BILLING: Query[] = [
  {
    name: "customer",
    sql: "SELECT customer_id, mode, trial_used_at, created_at, updated_at FROM billing_customers WHERE user_id = ?1",
  },
  {
    name: "subscriptions",
    sql: `SELECT id, plan, status, cancel_at_period_end, current_period_start, current_period_end,
            trial_end, pending_plan, ended_at, ended_reason, created_at, updated_at
          FROM subscriptions WHERE user_id = ?1 ORDER BY created_at`,
  },
  {
    name: "payment_methods",
    sql: `SELECT id, type, brand, exp_month, exp_year, wallet, bank_name, email, detached_at, created_at
          FROM payment_methods WHERE user_id = ?1 ORDER BY created_at`,
  },
  {
    name: "invoices",
    sql: `SELECT id, number, status, currency, amount_due, amount_paid, amount_refunded,
            amount_credited, billing_reason, period_start, period_end, lines_json, hosted_url,
            paid_at, created_at FROM invoices WHERE user_id = ?1 ORDER BY created_at`,
  },
  {
    name: "credit_notes",
    sql: `SELECT id, invoice_id, number, amount, amount_refunded, currency, reason, memo, status,
            created_at FROM credit_notes WHERE user_id = ?1 ORDER BY created_at`,
  },
  {
    name: "billing_events",
    sql: `SELECT id, type, source, detail_json, created_at FROM billing_events
          WHERE user_id = ?1 ORDER BY created_at`,
  },
  {
    name: "disputes",
    sql: `SELECT id, invoice_id, amount, currency, reason, status, created_at, updated_at
          FROM disputes WHERE user_id = ?1 ORDER BY created_at`,
  },
];

const SIGN_INS: Query[] = [
  {
    name: "sessions",
    sql: `SELECT family_id AS session, created_at, expires_at, rotated_at, revoked_at,
            revoked_reason, user_agent, ip, device_id, mfa_verified, last_active_at
          FROM refresh_tokens WHERE user_id = ?1 ORDER BY created_at`,
  },
  {
    name: "sign_in_attempts",
    sql: "SELECT ip, succeeded, at FROM login_attempts WHERE email = ?2 ORDER BY at",
  },
  {
    name: "staff_access",
    sql: "SELECT started_at, expires_at, ended_at FROM impersonations WHERE user_id = ?1 ORDER BY started_at",
  },
];

const SUPPORT: Query[] = [
  {
    name: "tickets",
    sql: `SELECT id, subject, category, status, resume_id, created_at, updated_at, solved_at
          FROM support_tickets WHERE user_id = ?1 ORDER BY created_at`,
  },
  {
    name: "messages",
    sql: `SELECT m.ticket_id, m.author_kind, m.body, m.created_at FROM support_messages m
          JOIN support_tickets t ON t.id = m.ticket_id WHERE t.user_id = ?1 ORDER BY m.created_at`,
  },
];

const STANDING: Query[] = [
  {
    name: "strikes",
    sql: `SELECT id, category, severity, source, reason, created_at, revoked_at, expired_at
          FROM strikes WHERE user_id = ?1 ORDER BY created_at`,
  },
  {
    name: "sanctions",
    sql: `SELECT id, kind, reason, source, starts_at, ends_at, lifted_at, lift_reason
          FROM account_sanctions WHERE user_id = ?1 ORDER BY starts_at`,
  },
  {
    name: "appeals",
    sql: `SELECT id, subject_kind, subject_id, message, channel, status, review_note, created_at,
            decided_at FROM appeals WHERE user_id = ?1 ORDER BY created_at`,
  },
  {
    name: "content_checks",
    sql: `SELECT id, subject_kind, subject_id, resume_id, source, status, outcome, category,
            created_at, decided_at FROM moderation_cases WHERE user_id = ?1 ORDER BY created_at`,
  },
  {
    name: "reports_you_filed",
    sql: `SELECT resume_id, category, message, status, created_at FROM moderation_reports
          WHERE reporter_user_id = ?1 ORDER BY created_at`,
  },
];

const ACTIVITY: Query[] = [
  {
    name: "events",
    sql: "SELECT type, occurred_at, plan, plan_from, reason FROM analytics_events WHERE user_id = ?1 ORDER BY occurred_at",
  },
];

const EXPORTS: Query[] = [
  {
    name: "exports",
    sql: `SELECT id, status, result_json, created_at, finished_at FROM jobs
          WHERE owner_id = 'user:' || ?1 AND kind = 'export' ORDER BY created_at`,
  },
];

const PHOTOS: Query[] = [
  {
    name: "photos",
    sql: `SELECT key, kind, resume_id, content_type, bytes, width, height, moderation, created_at
          FROM media WHERE user_id = ?1 ORDER BY created_at`,
  },
];

/** The JSON files of the zip, by the part that holds them (its name in the zip). */
export const CATEGORIES = {
  "account.json": ACCOUNT,
  "billing.json": BILLING,
  "sign-ins.json": SIGN_INS,
  "support.json": SUPPORT,
  "standing.json": STANDING,
  "activity.json": ACTIVITY,
  "exports/index.json": EXPORTS,
  "photos/index.json": PHOTOS,
} as const satisfies Record<string, Query[]>;
export type Category = keyof typeof CATEGORIES;

export interface Gathered {
  /** Rows per list, for the manifest. */
  rows: Record<string, number>;
  /** Lists cut at ROW_LIMIT. */
  truncated: string[];
}

export interface Subject {
  exportId: string;
  userId: string;
  email: string;
}

export const partKey = (subject: Subject, file: string) =>
  `${dataExportPartsPrefix(subject.userId, subject.exportId)}${file}`;

/** Columns holding JSON text are exported as JSON, not as a string of it. */
function decoded(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) {
    if (column.endsWith("_json") && typeof value === "string") {
      try {
        out[column.slice(0, -5)] = JSON.parse(value);
        continue;
      } catch {
        // Not JSON after all: exported as the text it is.
      }
    }
    out[column] = value;
  }
  return out;
}

/** Runs one category's queries and stores its JSON part in R2. */
export async function gatherCategory(
  env: PartEnv,
  subject: Subject,
  category: Category,
): Promise<Gathered> {
  // D1 wants exactly as many values as the statement numbers.
  const statements = CATEGORIES[category].map((query) =>
    env.DB.prepare(`${query.sql} LIMIT ${ROW_LIMIT + 1}`).bind(
      ...(query.sql.includes("?2") ? [subject.userId, subject.email] : [subject.userId]),
    ),
  );
  const results = await env.DB.batch<Record<string, unknown>>(statements);
  const part: Record<string, unknown> = {};
  const gathered: Gathered = { rows: {}, truncated: [] };
  for (const [index, query] of CATEGORIES[category].entries()) {
    const rows = results[index]?.results ?? [];
    if (rows.length > ROW_LIMIT) gathered.truncated.push(`${category}: ${query.name}`);
    const kept = rows.slice(0, ROW_LIMIT).map(decoded);
    part[query.name] = query.name === "profile" ? (kept[0] ?? null) : kept;
    gathered.rows[`${category}: ${query.name}`] = kept.length;
  }
  await env.FILES.put(partKey(subject, category), JSON.stringify(part, null, 2), {
    httpMetadata: { contentType: "application/json" },
  });
  return gathered;
}

/** Resumes per step: each with every version, so a page stays a few MB at most. */
export const RESUME_PAGE = 25;

/**
 * One page of resumes (after `afterId`, by id): each resume with all its versions and its
 * share link and counters, stored as its own part `resumes/{id}.json`. Returns the ids
 * stored and where the next page starts (null when done).
 */
export async function gatherResumePage(
  env: PartEnv,
  subject: Subject,
  afterId: string,
): Promise<{ ids: string[]; next: string | null }> {
  const { results: resumes } = await env.DB.prepare(
    `SELECT id, title, template, data_json, version, created_at, updated_at, deleted_at
     FROM resumes WHERE user_id = ? AND id > ? ORDER BY id LIMIT ${RESUME_PAGE}`,
  )
    .bind(subject.userId, afterId)
    .all<Record<string, unknown> & { id: string }>();
  for (const resume of resumes) {
    const [versions, shares] = await env.DB.batch<Record<string, unknown>>([
      env.DB.prepare(
        `SELECT version, title, reason, name, pinned, data_json, created_at, updated_at
         FROM resume_versions WHERE resume_id = ? ORDER BY version`,
      ).bind(resume.id),
      env.DB.prepare(
        `SELECT slug, enabled, password_hash IS NOT NULL AS password_protected, noindex, views,
           downloads, publication_state, published_at, created_at, updated_at
         FROM resume_shares WHERE resume_id = ?`,
      ).bind(resume.id),
    ]);
    const document = {
      ...decoded(resume),
      versions: (versions?.results ?? []).map(decoded),
      share: shares?.results[0] ?? null,
    };
    await env.FILES.put(partKey(subject, `resumes/${resume.id}.json`), JSON.stringify(document), {
      httpMetadata: { contentType: "application/json" },
    });
  }
  const ids = resumes.map((resume) => resume.id);
  return { ids, next: resumes.length === RESUME_PAGE ? (ids.at(-1) ?? null) : null };
}
