import { createSignal } from "solid-js";
import { fetchSubscription, type SubscriptionView } from "~/api/billing";
import { api, updateCurrentUser } from "~/auth/session";
import { fetchMe } from "~kit/api/auth";
import { pollUntil } from "~kit/poll/poll-until";

/**
 * The signed-in person's subscription, shared by the app-wide banners, the pricing page
 * and the billing settings, so a change made on one is seen by the others without each
 * asking the server again.
 */
const [current, setCurrent] = createSignal<SubscriptionView | null>(null);
let loadingFor: Promise<SubscriptionView> | null = null;

export const subscription = current;

/** Asks the server (once at a time); callers that only need a copy use `subscription()`. */
export function refreshSubscription(): Promise<SubscriptionView> {
  loadingFor ??= fetchSubscription(api)
    .then((view) => {
      setCurrent(view);
      return view;
    })
    .finally(() => {
      loadingFor = null;
    });
  return loadingFor;
}

/** A copy read elsewhere (e.g. while polling after checkout) becomes the shared one. */
export function showSubscription(view: SubscriptionView): void {
  setCurrent(view);
}

/** After signing out, nobody's subscription is on screen. */
export function forgetSubscription(): void {
  setCurrent(null);
}

/**
 * The account carries its plan (limits elsewhere in the app read it): reload it once the
 * provider's event has changed the plan, so the dashboard and editor follow at once.
 */
export async function refreshAccountPlan(): Promise<void> {
  const { user } = await fetchMe(api);
  updateCurrentUser(user);
}

/**
 * Billing calls answer 202: the subscription changes when the provider's event has been
 * through the webhook and the queue. Polls until `done` holds (true) or time runs out (false).
 */
export async function waitForSubscription(
  done: (view: SubscriptionView) => boolean,
  timeoutMs = 30_000,
): Promise<boolean> {
  return pollUntil(async () => done(await refreshSubscription()), {
    backoff: { first: 500, factor: 1.5, max: 3_000 },
    timeoutMs,
  });
}
