import type { BindingHealth } from "../../core/contract/admin";
import type { Env } from "../env";

const PROBE_TIMEOUT_MS = 2000;

async function probe(check: () => Promise<unknown>): Promise<BindingHealth> {
  const started = performance.now();
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error("timed out")), PROBE_TIMEOUT_MS),
      ),
    ]);
    return { status: "ok", latency_ms: Math.round((performance.now() - started) * 100) / 100 };
  } catch (error) {
    return { status: "error", detail: error instanceof Error ? error.message : String(error) };
  }
}

/** Bindings with no cheap read-only call: present and well-formed is the best signal. */
function present(binding: unknown, method: string): BindingHealth {
  const ok = typeof (binding as Record<string, unknown> | undefined)?.[method] === "function";
  return ok ? { status: "ok", detail: "bound" } : { status: "error", detail: "binding missing" };
}

const optional = (binding: unknown, fallback: string): BindingHealth =>
  binding ? { status: "ok", detail: "bound" } : { status: "not_configured", detail: fallback };

/** Reads from every storage binding and checks every other one is bound. */
export async function checkBindings(env: Env): Promise<Record<string, BindingHealth>> {
  const [DB, SESSIONS, CACHE, JOBS, RATE_LIMITS, THREAT_INTEL, FILES] = await Promise.all([
    probe(() => env.DB.prepare("SELECT 1").first()),
    probe(() => env.SESSIONS.get("health:probe")),
    probe(() => env.CACHE.get("health:probe")),
    probe(() => env.JOBS.get("health:probe")),
    probe(() => env.RATE_LIMITS.get("health:probe")),
    probe(() => env.THREAT_INTEL.get("health:probe")),
    probe(() => env.FILES.head("health/probe")),
  ]);
  return {
    DB,
    SESSIONS,
    CACHE,
    JOBS,
    RATE_LIMITS,
    THREAT_INTEL,
    FILES,
    PDF_QUEUE: present(env.PDF_QUEUE, "send"),
    AI_QUEUE: present(env.AI_QUEUE, "send"),
    EMAIL_QUEUE: present(env.EMAIL_QUEUE, "send"),
    SYNC_QUEUE: present(env.SYNC_QUEUE, "send"),
    ANALYTICS_QUEUE: present(env.ANALYTICS_QUEUE, "send"),
    STRIPE_QUEUE: present(env.STRIPE_QUEUE, "send"),
    OPS_QUEUE: present(env.OPS_QUEUE, "send"),
    BACKUP_WORKFLOW: present(env.BACKUP_WORKFLOW, "create"),
    SIGNUP_WORKFLOW: present(env.SIGNUP_WORKFLOW, "create"),
    EXPORT_WORKFLOW: present(env.EXPORT_WORKFLOW, "create"),
    MODERATION_WORKFLOW: present(env.MODERATION_WORKFLOW, "create"),
    DUNNING_WORKFLOW: present(env.DUNNING_WORKFLOW, "create"),
    BAN_ESCALATION_WORKFLOW: present(env.BAN_ESCALATION_WORKFLOW, "create"),
    BULK_EMAIL_WORKFLOW: present(env.BULK_EMAIL_WORKFLOW, "create"),
    ANALYTICS_BACKFILL_WORKFLOW: present(env.ANALYTICS_BACKFILL_WORKFLOW, "create"),
    DATA_EXPORT_WORKFLOW: present(env.DATA_EXPORT_WORKFLOW, "create"),
    ACCOUNT_DELETION_WORKFLOW: present(env.ACCOUNT_DELETION_WORKFLOW, "create"),
    COLLAB_ROOM: present(env.COLLAB_ROOM, "idFromName"),
    NOTIFICATION_HUB: present(env.NOTIFICATION_HUB, "idFromName"),
    BROWSER: present(env.BROWSER, "fetch"),
    AI: optional(env.AI, "Workers AI is not bound here: the built-in heuristic answers"),
    EMAIL: optional(env.EMAIL, "Email sending is not bound here: mail goes to the local outbox"),
  };
}
