import { createSignal, Match, onCleanup, onMount, Switch } from "solid-js";
import type { SubscriptionView } from "~/api/billing";
import { Alert } from "~kit/design-system/components/Alert";
import { describeError } from "~kit/forms/describe-error";
import { clearPendingCheckout, pendingCheckout, waitForCheckout } from "./checkout";
import { planLabel } from "./plans";
import { formatDay } from "./status";
import { refreshAccountPlan } from "./subscription";

type Phase =
  | { kind: "confirming" }
  | { kind: "done"; message: string }
  | { kind: "slow" }
  | { kind: "error"; message: string };

function confirmedMessage(view: SubscriptionView): string {
  const sub = view.subscription;
  const plan = planLabel(sub?.plan ?? view.plan);
  if (sub?.status === "trialing")
    return `Your card is saved and your ${plan} trial is running: ${sub.trial_days_left} days left, first charge on ${formatDay(sub.trial_end)}.`;
  return `Payment received. ${plan} is active until ${formatDay(sub?.current_period_end)} and renews automatically.`;
}

/**
 * Back from checkout: the redirect only says the person finished there; the subscription
 * changes once the provider's event has been through the webhook. Until then, say so.
 */
export function CheckoutReturn(props: {
  onView: (view: SubscriptionView) => void;
  onConfirmed: () => void;
}) {
  const [phase, setPhase] = createSignal<Phase>({ kind: "confirming" });
  const controller = new AbortController();
  onCleanup(() => controller.abort());

  onMount(async () => {
    const pending = pendingCheckout();
    try {
      let last: SubscriptionView | null = null;
      const applied = await waitForCheckout(pending, controller.signal, (view) => {
        last = view;
        props.onView(view);
      });
      if (!applied || !last) {
        setPhase({ kind: "slow" });
        return;
      }
      clearPendingCheckout();
      setPhase({ kind: "done", message: confirmedMessage(last) });
      props.onConfirmed();
      await refreshAccountPlan().catch(() => undefined);
    } catch (error) {
      if (controller.signal.aborted) return;
      setPhase({ kind: "error", message: describeError(error) });
    }
  });

  return (
    <>
      {/* one live region that stays put, so the change from "confirming" to done is read */}
      <div
        role="status"
        aria-live="polite"
        class="billing-return"
        classList={{
          "billing-return--done": phase().kind === "done",
          "billing-return--idle": phase().kind === "slow" || phase().kind === "error",
        }}
      >
        <Switch>
          <Match when={phase().kind === "confirming"}>
            <span class="ds-button__spinner billing-return__spinner" aria-hidden="true" />
            <span>Confirming your payment…</span>
          </Match>
          <Match when={phase().kind === "done"}>
            <span>
              <strong>Checkout complete.</strong> {(phase() as { message: string }).message}
            </span>
          </Match>
        </Switch>
      </div>
      <Switch>
        <Match when={phase().kind === "slow"}>
          <Alert tone="warning" title="Still confirming your payment">
            Checkout is finished, but the payment provider has not confirmed it yet. This page shows
            the new plan once it does — reload in a minute. You will not be charged twice.
          </Alert>
        </Match>
        <Match when={phase().kind === "error"}>
          <Alert tone="error" title="Your payment could not be confirmed here">
            {(phase() as { message: string }).message}
          </Alert>
        </Match>
      </Switch>
    </>
  );
}
