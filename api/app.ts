import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./app-env";
import { createRouter } from "./lib/router";
import { adminGuard } from "./middleware/admin-guard";
import { bodySizeLimit, jsonDepthLimit } from "./middleware/body-limits";
import { csrfProtection } from "./middleware/csrf";
import { handleError, notFoundFor } from "./middleware/errors";
import { refuseWritesWhileImpersonating } from "./middleware/impersonation";
import { resolvePrincipal } from "./middleware/principal";
import { requestContext } from "./middleware/request-context";
import { corsForConfiguredOrigins, securityHeaders } from "./middleware/security";
import { threatIntel } from "./middleware/threat-intel";
import { accountDataRoutes } from "./routes/account-data";
import { accountDeletionRoutes } from "./routes/account-deletion";
import { adminAccountActionRoutes } from "./routes/admin/account-actions";
import { adminAnalyticsRoutes } from "./routes/admin/analytics";
import { adminAppealRoutes } from "./routes/admin/appeals";
import { adminAuditRoutes } from "./routes/admin/audit-logs";
import { adminBackupRoutes } from "./routes/admin/backups";
import { adminBanRoutes } from "./routes/admin/bans";
import { adminBillingEventRoutes } from "./routes/admin/billing-events";
import { adminConfigRoutes } from "./routes/admin/config";
import { adminConfigEmailRoutes } from "./routes/admin/config-email";
import { adminImpersonationRoutes } from "./routes/admin/impersonation";
import { adminIpBanRoutes } from "./routes/admin/ip-bans";
import { adminLinkedAccountRoutes } from "./routes/admin/linked-accounts";
import { adminModerationCaseRoutes } from "./routes/admin/moderation-cases";
import { adminModerationRuleRoutes } from "./routes/admin/moderation-rules";
import { adminPaymentRoutes } from "./routes/admin/payments";
import { adminPaymentActionRoutes } from "./routes/admin/payments-actions";
import { adminInvoiceActionRoutes } from "./routes/admin/payments-invoice-actions";
import { adminPaymentSubscriptionRoutes } from "./routes/admin/payments-subscriptions";
import { adminSanctionRoutes } from "./routes/admin/sanctions";
import { adminSecurityRoutes } from "./routes/admin/security";
import { adminSecurityAlertRoutes } from "./routes/admin/security-alerts";
import { adminStrikeThresholdRoutes, adminUserStrikeRoutes } from "./routes/admin/strikes";
import { adminSupportRoutes } from "./routes/admin/support";
import { adminThreatRoutes } from "./routes/admin/threats";
import { adminUserResumeRoutes } from "./routes/admin/user-resumes";
import { adminUserRoutes } from "./routes/admin/users";
import { adminUserBulkRoutes } from "./routes/admin/users-bulk";
import { adminUserBulkEmailRoutes } from "./routes/admin/users-bulk-email";
import { adminWorkflowRoutes } from "./routes/admin/workflows";
import { aiRoutes } from "./routes/ai";
import { appealRoutes } from "./routes/appeals";
import { accountRoutes } from "./routes/auth/account";
import { mfaRoutes } from "./routes/auth/mfa";
import { oauthRoutes } from "./routes/auth/oauth";
import { passkeyRoutes } from "./routes/auth/passkeys";
import { passwordRoutes } from "./routes/auth/password";
import { sessionRoutes } from "./routes/auth/session";
import { stepUpRoutes } from "./routes/auth/step-up";
import { avatarRoutes } from "./routes/avatar";
import { billingRoutes } from "./routes/billing";
import { customDomainRoutes } from "./routes/custom-domain";
import { devRoutes } from "./routes/dev";
import { docsRoutes } from "./routes/docs";
import { exportRoutes } from "./routes/exports";
import { featureRoutes } from "./routes/features";
import { healthRoutes } from "./routes/health";
import { impersonationRoutes } from "./routes/impersonation";
import { jobRoutes } from "./routes/jobs";
import { jwksRoutes, wellKnownRoutes } from "./routes/jwks";
import { profileRoutes } from "./routes/profile";
import { resumeRoutes } from "./routes/resumes";
import { stripeWebhookRoutes } from "./routes/stripe-webhook";
import { subscriptionRoutes } from "./routes/subscription";
import { supportRoutes } from "./routes/support";
import { templateRoutes } from "./routes/templates";

/** Everything under `/api`, plus `/.well-known/`. Static assets and app routes never reach it. */
export function createApp() {
  // The URL map: each router's own paths are relative to the prefix it is mounted at. The
  // routers at "/" serve paths under more than one prefix (billing, subscription, exports).
  const api = createRouter();
  // Before every admin route: the allowlist, the per-admin rate, the audit of refusals.
  api.use("/admin/*", adminGuard);
  api
    .route("/health", healthRoutes)
    .route("/jobs", jobRoutes)
    .route("/admin/backups", adminBackupRoutes)
    .route("/admin/workflows", adminWorkflowRoutes)
    .route("/admin/audit-logs", adminAuditRoutes)
    .route("/admin/analytics", adminAnalyticsRoutes)
    .route("/admin/config", adminConfigRoutes)
    .route("/admin/config/email", adminConfigEmailRoutes)
    .route("/admin/billing/events", adminBillingEventRoutes)
    .route("/admin/payments", adminPaymentRoutes)
    .route("/admin/payments", adminPaymentActionRoutes)
    .route("/admin/payments", adminInvoiceActionRoutes)
    .route("/admin/payments", adminPaymentSubscriptionRoutes)
    .route("/admin/moderation/cases", adminModerationCaseRoutes)
    .route("/admin/moderation/rules", adminModerationRuleRoutes)
    .route("/admin/moderation/appeals", adminAppealRoutes)
    .route("/admin/moderation/strike-thresholds", adminStrikeThresholdRoutes)
    // The bulk actions' fixed paths (`/bulk/…`) come before the routers with `{id}` paths.
    .route("/admin/users", adminUserBulkRoutes)
    .route("/admin/users", adminUserBulkEmailRoutes)
    .route("/admin/users", adminUserStrikeRoutes)
    .route("/admin/users", adminSanctionRoutes)
    .route("/admin/users", adminLinkedAccountRoutes)
    .route("/admin/users", adminUserRoutes)
    .route("/admin/users", adminUserResumeRoutes)
    .route("/admin/bans", adminBanRoutes)
    .route("/admin/ip-bans", adminIpBanRoutes)
    .route("/admin", adminImpersonationRoutes)
    .route("/admin/users", adminAccountActionRoutes)
    .route("/impersonation", impersonationRoutes)
    .route("/admin/security", adminSecurityRoutes)
    .route("/admin/security-alerts", adminSecurityAlertRoutes)
    .route("/admin/threats", adminThreatRoutes)
    .route("/admin/support/tickets", adminSupportRoutes)
    .route("/", appealRoutes)
    .route("/", customDomainRoutes)
    .route("/", accountDataRoutes)
    .route("/", accountDeletionRoutes)
    .route("/support/tickets", supportRoutes)
    .route("/auth", jwksRoutes)
    .route("/auth", accountRoutes)
    .route("/auth", sessionRoutes)
    .route("/auth", passwordRoutes)
    .route("/auth/mfa", mfaRoutes)
    .route("/auth/oauth", oauthRoutes)
    .route("/auth/passkeys", passkeyRoutes)
    .route("/auth/step-up", stepUpRoutes)
    .route("/profile/avatar", avatarRoutes)
    .route("/profile", profileRoutes)
    .route("/resumes", resumeRoutes)
    .route("/", exportRoutes)
    .route("/templates", templateRoutes)
    .route("/ai", aiRoutes)
    .route("/features", featureRoutes)
    .route("/", subscriptionRoutes)
    .route("/", billingRoutes)
    .route("/stripe/webhook", stripeWebhookRoutes)
    .route("/dev", devRoutes)
    .route("/docs", docsRoutes);

  api.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
  });
  api.doc31("/openapi.json", (c) => ({
    openapi: "3.1.0",
    info: {
      title: "Resume Builder API",
      version: c.env.APP_VERSION,
      description: 'Every response uses one envelope: see the README, "API conventions".',
    },
    servers: [{ url: "/api" }],
  }));

  const app = new OpenAPIHono<AppEnv>();
  app.use(
    "*",
    requestContext,
    securityHeaders,
    corsForConfiguredOrigins,
    // a `high` threat-intelligence entry refuses the request before any other work
    threatIntel,
    // before anything reads a body: one size cap (413) and a nesting cap for JSON (400)
    bodySizeLimit,
    jsonDepthLimit,
    // who is calling first: CSRF checks the token against the caller's own session
    resolvePrincipal,
    // read-only impersonation refuses writes before CSRF, which would refuse them as forged
    refuseWritesWhileImpersonating,
    csrfProtection,
  );
  app.route("/api", api);
  app.route("/", wellKnownRoutes);
  app.onError(handleError);
  app.notFound(notFoundFor(() => app.routes));
  return app;
}

export const app = createApp();
