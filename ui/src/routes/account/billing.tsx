import { A, useSearchParams } from "@solidjs/router";
import { createSignal, Match, onMount, Show, Switch } from "solid-js";
import { RequireSignIn } from "~/auth/RequireSignIn";
import { CheckoutReturn } from "~/billing/CheckoutReturn";
import { CurrentPlan } from "~/billing/CurrentPlan";
import { History } from "~/billing/History";
import { Invoices } from "~/billing/Invoices";
import { PaymentMethods } from "~/billing/PaymentMethods";
import {
  refreshAccountPlan,
  refreshSubscription,
  showSubscription,
  subscription,
  waitForSubscription,
} from "~/billing/subscription";
import { UsageCard } from "~/billing/UsageCard";
import { isPlan } from "~core/plans/entitlements";
import "~/billing/billing.css";
import { APP_NAME } from "~/layout/UserLayout";
import { buttonClass } from "~kit/design-system/components/Button";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { LoadError } from "~kit/forms/LoadError";

export default function BillingPage() {
  usePageTitle(() => "Billing", APP_NAME);
  return (
    <RequireSignIn>
      {(user) => (
        <div class="ds-container ds-stack billing-page">
          <header class="ds-page-header">
            <div>
              <h1>Billing</h1>
              <p class="ds-muted">
                Plan, payment methods, invoices and usage for <strong>{user().email}</strong>.
              </p>
            </div>
            <A href="/pricing" class={buttonClass("outline", "sm")}>
              Compare plans
            </A>
          </header>
          <Billing />
        </div>
      )}
    </RequireSignIn>
  );
}

function Billing() {
  const [search, setSearch] = useSearchParams<{ checkout?: string; changed?: string }>();
  const [error, setError] = createSignal<unknown>(null);
  const [announcement, setAnnouncement] = createSignal("");
  // bumped after a change, so cards, invoices, usage and history are read again
  const [generation, setGeneration] = createSignal(0);
  const reloadKey = () => String(generation());
  const returning = search.checkout === "success";

  async function load() {
    setError(null);
    try {
      await refreshSubscription();
    } catch (cause) {
      setError(cause);
    }
  }

  const changed = () => {
    setGeneration(generation() + 1);
    void refreshAccountPlan().catch(() => undefined);
  };

  onMount(async () => {
    await load();
    // a plan change made on the pricing page is still on its way through the webhook
    const target = search.changed;
    if (target && isPlan(target)) {
      setSearch({ changed: undefined }, { replace: true });
      await waitForSubscription(
        (v) =>
          v.subscription?.plan === target ||
          v.subscription?.pending_plan === target ||
          (target === "free" && v.subscription?.cancel_at_period_end === true),
      ).catch(() => false);
      changed();
    }
  });

  const announce = (message: string) => {
    setAnnouncement(message);
    changed();
  };

  return (
    <>
      <p class="ds-visually-hidden" role="status" aria-live="polite">
        {announcement()}
      </p>
      <Show when={returning}>
        <CheckoutReturn onView={showSubscription} onConfirmed={changed} />
      </Show>
      <Switch>
        <Match when={error()}>
          <LoadError what="Your billing details" error={error()} onRetry={load} />
        </Match>
        <Match when={subscription()}>
          {(view) => (
            <>
              <Show when={view().mode === "local"}>
                <p class="ds-muted billing-page__mode">
                  Local billing: payments go through the app's own test checkout, never to a real
                  card.
                </p>
              </Show>
              <CurrentPlan view={view()} announce={announce} />
              <div class="billing-page__grid">
                <UsageCard reloadKey={reloadKey()} />
                <PaymentMethods
                  mode={view().mode}
                  reloadKey={reloadKey()}
                  announce={setAnnouncement}
                  onChanged={() => {
                    changed();
                    void refreshSubscription().catch(() => undefined);
                  }}
                />
              </div>
              <Invoices
                reloadKey={reloadKey()}
                announce={announce}
                onPaid={() => void refreshSubscription().catch(() => undefined)}
              />
              <History reloadKey={reloadKey()} />
            </>
          )}
        </Match>
        <Match when={true}>
          <SkeletonText lines={4} label="Loading your plan…" />
        </Match>
      </Switch>
    </>
  );
}
