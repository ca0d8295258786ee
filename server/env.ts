import type { QueueMessage } from "../core/queue/messages";

/** Every binding of wrangler.toml, typed once. */
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

  DB: D1Database;
  SESSIONS: KVNamespace;
  CACHE: KVNamespace;
  JOBS: KVNamespace;
  RATE_LIMITS: KVNamespace;
  THREAT_INTEL: KVNamespace;
  FILES: R2Bucket;

  PDF_QUEUE: Queue<QueueMessage>;
  AI_QUEUE: Queue<QueueMessage>;
  EMAIL_QUEUE: Queue<QueueMessage>;
  SYNC_QUEUE: Queue<QueueMessage>;
  ANALYTICS_QUEUE: Queue<QueueMessage>;
  STRIPE_QUEUE: Queue<QueueMessage>;
  OPS_QUEUE: Queue<QueueMessage>;

  BACKUP_WORKFLOW: Workflow;
  SIGNUP_WORKFLOW: Workflow;
  EXPORT_WORKFLOW: Workflow;
  MODERATION_WORKFLOW: Workflow;
  DUNNING_WORKFLOW: Workflow;
  BAN_ESCALATION_WORKFLOW: Workflow;

  COLLAB_ROOM: DurableObjectNamespace;
  NOTIFICATION_HUB: DurableObjectNamespace;

  BROWSER: Fetcher;
  /** Declared for staging and production only: locally a labelled heuristic stands in. */
  AI?: Ai;
  /** Declared for staging and production only: locally mail goes to the D1 outbox. */
  EMAIL?: SendEmail;
  ASSETS: Fetcher;
}
