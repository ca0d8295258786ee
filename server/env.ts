import type { ExportParams } from "../core/export/params";
import type { QueueMessage } from "../core/queue/messages";
import type {
  AccountDeletionParams,
  AnalyticsBackfillParams,
  BackupParams,
  BanEscalationParams,
  BulkEmailParams,
  DataExportParams,
  DunningParams,
  ModerationParams,
  SignupParams,
} from "../core/workflows/params";
import type { CollaborationRoom } from "./realtime/collaboration-room";
import type { NotificationHub } from "./realtime/notification-hub";

/**
 * Every binding of wrangler.toml, typed once. Written by hand (not `wrangler types`: that
 * types vars as their literal values, reads secrets from the local .dev.vars and cannot tell
 * optional bindings); tests/unit/env-bindings.test.ts checks it against wrangler.toml, top
 * level and every `[env.*]`. "Reserved" marks a binding declared ahead of the issue that
 * will use it: deployed and health-checked, but nothing sends to or runs it yet.
 */
export interface Env {
  ENVIRONMENT: "local" | "test" | "staging" | "production";
  APP_VERSION: string;
  /** Comma-separated origins allowed by CORS; same-origin requests never need CORS. */
  CORS_ORIGINS: string;
  LOG_LEVEL: "debug" | "info" | "warn" | "error";
  /** `Name <address>` every email is sent from (a verified Email Sending domain in production). */
  EMAIL_FROM: string;
  /** Where operator alerts (a failed backup, …) are mailed. */
  OPS_ALERT_EMAIL: string;
  /** Issuer (`iss`) of access tokens: the public origin of this deployment. */
  JWT_ISSUER: string;
  /** The seller an invoice names (README "Admin: payments"): the legal name. */
  SELLER_NAME: string;
  /** The seller's postal address, its lines separated by `\n`. */
  SELLER_ADDRESS: string;
  /** The seller's tax id (VAT, GST, EIN); empty prints none. */
  SELLER_TAX_ID: string;
  /** Where a customer writes about an invoice. */
  SELLER_SUPPORT_EMAIL: string;
  /** Secret: bearer token for operator automation and the admin app's operator sign-in. */
  OPS_API_TOKEN?: string;
  /** Secret: JSON array of private ES256 JWKs; the first signs, all verify (rotation). */
  JWT_PRIVATE_KEYS?: string;
  /** Secret: 32 random bytes, base64url; encrypts TOTP secrets at rest. */
  MFA_ENCRYPTION_KEY?: string;
  /** Secrets: OAuth client credentials; a provider is offered only when both are set. */
  OAUTH_GOOGLE_CLIENT_ID?: string;
  OAUTH_GOOGLE_CLIENT_SECRET?: string;
  OAUTH_GITHUB_CLIENT_ID?: string;
  OAUTH_GITHUB_CLIENT_SECRET?: string;
  OAUTH_MICROSOFT_CLIENT_ID?: string;
  OAUTH_MICROSOFT_CLIENT_SECRET?: string;
  /** Microsoft tenant (id or domain) allowed to sign in; "common" when unset. */
  OAUTH_MICROSOFT_TENANT?: string;
  /**
   * Secrets: with both set billing talks to Stripe; without them (local and test only) the
   * local provider stands in (README "Billing").
   */
  STRIPE_SECRET_KEY?: string;
  STRIPE_WEBHOOK_SECRET?: string;
  /** Stripe price ids (monthly) of the paid plans; needed with STRIPE_SECRET_KEY. */
  STRIPE_PRICE_STANDARD?: string;
  STRIPE_PRICE_PREMIUM?: string;
  STRIPE_PRICE_ENTERPRISE?: string;
  /**
   * Custom domains (README "Custom domains"): the Cloudflare for SaaS zone (empty: the local
   * stand-in, where dev tools are), the secret API token, and the hostname customers' CNAME
   * records point at (the zone's fallback origin).
   */
  CF_ZONE_ID: string;
  CF_API_TOKEN?: string;
  CUSTOM_DOMAIN_CNAME_TARGET: string;

  DB: D1Database;
  SESSIONS: KVNamespace;
  CACHE: KVNamespace;
  JOBS: KVNamespace;
  RATE_LIMITS: KVNamespace;
  /** Threat-intelligence entries every request is checked against (README "Threat intelligence"). */
  THREAT_INTEL: KVNamespace;
  FILES: R2Bucket;

  PDF_QUEUE: Queue<QueueMessage>;
  /** Reserved: AI writing help runs inline (`AI`); no producer and no consumer yet. */
  AI_QUEUE: Queue<QueueMessage>;
  /** Staff bulk email (workflows/bulk-email.ts); other email is sent inline (server/email.ts). */
  EMAIL_QUEUE: Queue<QueueMessage>;
  /** Reserved: data sync (collaboration); no producer and no consumer yet. */
  SYNC_QUEUE: Queue<QueueMessage>;
  /** Usage and revenue events (server/analytics/track.ts), stored by consumers/analytics.ts. */
  ANALYTICS_QUEUE: Queue<QueueMessage>;
  STRIPE_QUEUE: Queue<QueueMessage>;
  OPS_QUEUE: Queue<QueueMessage>;

  BACKUP_WORKFLOW: Workflow<BackupParams>;
  SIGNUP_WORKFLOW: Workflow<SignupParams>;
  EXPORT_WORKFLOW: Workflow<ExportParams>;
  MODERATION_WORKFLOW: Workflow<ModerationParams>;
  DUNNING_WORKFLOW: Workflow<DunningParams>;
  BAN_ESCALATION_WORKFLOW: Workflow<BanEscalationParams>;
  BULK_EMAIL_WORKFLOW: Workflow<BulkEmailParams>;
  ANALYTICS_BACKFILL_WORKFLOW: Workflow<AnalyticsBackfillParams>;
  DATA_EXPORT_WORKFLOW: Workflow<DataExportParams>;
  ACCOUNT_DELETION_WORKFLOW: Workflow<AccountDeletionParams>;

  /** Reserved for the collaboration issue: the class exists, no route opens a room yet. */
  COLLAB_ROOM: DurableObjectNamespace<CollaborationRoom>;
  /** Reserved: the hub works (tests/worker/realtime.test.ts) but no route connects to it yet. */
  NOTIFICATION_HUB: DurableObjectNamespace<NotificationHub>;

  BROWSER: Fetcher;
  /** Declared for staging and production only: locally a labelled heuristic stands in. */
  AI?: Ai;
  /** Declared for staging and production only: locally mail goes to the D1 outbox. */
  EMAIL?: SendEmail;
  ASSETS: Fetcher;
}
