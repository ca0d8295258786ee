import {
  fetchSubscription,
  type PaidPlan,
  type SubscriptionView,
  startCheckout,
} from "~/api/billing";
import { api } from "~/auth/session";
import { isEntitledStatus } from "~core/billing/states";
import { pollUntil } from "~kit/poll/poll-until";
import { withIdempotencyKey } from "./idempotency";

const PENDING_KEY = "rb-checkout";

/** What this tab sent to checkout, so the return page knows which change to wait for. */
export interface PendingCheckout {
  plan: PaidPlan;
  mode: "subscription" | "setup";
  session_id: string;
}

export function pendingCheckout(): PendingCheckout | null {
  try {
    const raw = sessionStorage.getItem(PENDING_KEY);
    return raw ? (JSON.parse(raw) as PendingCheckout) : null;
  } catch {
    return null;
  }
}

export function clearPendingCheckout(): void {
  sessionStorage.removeItem(PENDING_KEY);
}

/**
 * Sends the browser to checkout for `plan`: Stripe Checkout with keys, otherwise the
 * Worker's local test checkout. Both come back to /account/billing?checkout=success or
 * /pricing?checkout=canceled. `beforeLeaving` runs once the session exists (onboarding
 * records its step there), so a refused checkout leaves the page as it was.
 */
export async function goToCheckout(
  plan: PaidPlan,
  beforeLeaving?: () => Promise<unknown>,
): Promise<void> {
  const session = await withIdempotencyKey(`checkout:${plan}`, (key) =>
    startCheckout(api, plan, key),
  );
  await beforeLeaving?.();
  sessionStorage.setItem(
    PENDING_KEY,
    JSON.stringify({ plan, mode: session.mode, session_id: session.session_id }),
  );
  window.location.assign(session.checkout_url);
}

/**
 * Whether the provider's events have reached the subscription: checkout only redirects
 * back, the webhook (then the queue) is what changes it, a moment later.
 */
export function checkoutApplied(view: SubscriptionView, pending: PendingCheckout | null): boolean {
  const sub = view.subscription;
  if (!sub || !isEntitledStatus(sub.status)) return false;
  if (!pending) return true;
  return sub.plan === pending.plan && sub.default_payment_method_id !== null;
}

/**
 * Polls GET /api/subscription until the checkout shows (true) or `timeoutMs` passes (false),
 * a little slower each time so a slow queue is not hammered.
 */
export async function waitForCheckout(
  pending: PendingCheckout | null,
  signal: AbortSignal,
  onView: (view: SubscriptionView) => void,
  timeoutMs = 60_000,
): Promise<boolean> {
  const check = async () => {
    const view = await fetchSubscription(api, signal);
    onView(view);
    return checkoutApplied(view, pending);
  };
  return pollUntil(check, { backoff: { first: 750, factor: 1.5, max: 4_000 }, timeoutMs, signal });
}
