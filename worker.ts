import { app } from "./api/app";
import { appShellFor } from "./api/lib/app-shell";
import { serveCustomHost } from "./api/routes/custom-host";
import { localCheckoutApp } from "./api/routes/local-checkout";
import { mediaApp } from "./api/routes/media";
import { publicShareApp } from "./api/routes/public-share";
import { handleQueue } from "./consumers/queue";
import { handleScheduled } from "./consumers/scheduled";
import { devToolsEnabled } from "./server/dev-tools";
import type { Env } from "./server/env";

export { CollaborationRoom } from "./server/realtime/collaboration-room";
export { NotificationHub } from "./server/realtime/notification-hub";
export { AccountDeletionWorkflow } from "./workflows/account-deletion";
export { AnalyticsBackfillWorkflow } from "./workflows/analytics-backfill";
export { BackupWorkflow } from "./workflows/backup";
export { BanEscalationWorkflow } from "./workflows/ban-escalation";
export { BulkEmailWorkflow } from "./workflows/bulk-email";
export { DataExportWorkflow } from "./workflows/data-export";
export { DunningWorkflow } from "./workflows/dunning";
export { ExportWorkflow } from "./workflows/export";
export { ModerationWorkflow } from "./workflows/moderation";
export { SignupWorkflow } from "./workflows/signup";

/** The user app's development pages (the mail outbox): only where dev tools are. */
const isDevPage = (pathname: string) => pathname === "/dev" || pathname.startsWith("/dev/");

async function serveAppShell(request: Request, env: Env): Promise<Response> {
  const url = new URL(request.url);
  const served = !isDevPage(url.pathname) || devToolsEnabled(env);
  const shell =
    served && (request.method === "GET" || request.method === "HEAD")
      ? appShellFor(url.pathname)
      : null;
  if (!shell)
    return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain" } });
  return env.ASSETS.fetch(new Request(new URL(shell, url), { headers: request.headers }));
}

export default {
  async fetch(request, env, ctx) {
    // A customer's own hostname serves its share page and nothing else (README "Custom domains").
    const custom = await serveCustomHost(request, env, ctx);
    if (custom) return custom;
    const { pathname } = new URL(request.url);
    if (
      pathname === "/api" ||
      pathname.startsWith("/api/") ||
      pathname.startsWith("/.well-known/")
    ) {
      return app.fetch(request, env, ctx);
    }
    // Public share pages are rendered here, never by the SPA (see api/routes/public-share.ts).
    if (pathname.startsWith("/r/")) return publicShareApp.fetch(request, env, ctx);
    // Uploaded photos, from R2 (see api/routes/media.ts).
    if (pathname.startsWith("/media/")) return mediaApp.fetch(request, env, ctx);
    // The local billing provider's checkout page (404 without dev tools or with Stripe keys).
    if (pathname.startsWith("/local-checkout/")) return localCheckoutApp.fetch(request, env, ctx);
    return serveAppShell(request, env);
  },
  queue: (batch, env) => handleQueue(batch, env),
  scheduled: (controller, env) => handleScheduled(controller, env),
} satisfies ExportedHandler<Env>;
