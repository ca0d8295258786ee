import { A, useLocation } from "@solidjs/router";
import { createEffect, createSignal, on, Show } from "solid-js";
import { currentUser } from "~/auth/session";
import { Alert } from "~kit/design-system/components/Alert";
import { Button, buttonClass } from "~kit/design-system/components/Button";
import { planLabel } from "./plans";
import { formatDay } from "./status";
import { forgetSubscription, refreshSubscription, subscription } from "./subscription";

const DISMISSED = "rb-billing-banner-dismissed";

/** A card-less trial this close to its end gets a reminder on every page. */
const TRIAL_REMINDER_DAYS = 3;

/**
 * App-wide billing notices (in UserLayout): a failed payment and the grace left before the
 * move to Free, a plan that ended for non-payment, a trial about to end without a card. Not
 * on the billing page itself, which says the same in full.
 */
export function BillingBanner() {
  const location = useLocation();
  const [dismissed, setDismissed] = createSignal(
    typeof sessionStorage !== "undefined" ? sessionStorage.getItem(DISMISSED) : null,
  );

  createEffect(
    on(
      () => currentUser()?.id,
      (id) => {
        if (id) void refreshSubscription().catch(() => undefined);
        else forgetSubscription();
      },
    ),
  );

  const notice = () => {
    if (!currentUser() || location.pathname === "/account/billing") return null;
    const view = subscription();
    const sub = view?.subscription;
    if (!view || !sub) return null;
    const plan = planLabel(sub.plan);
    if (view.state === "past_due") {
      return {
        id: `past_due:${sub.id}`,
        tone: "error" as const,
        title: "Your payment failed",
        text: sub.grace_ends_at
          ? `Update your card or pay the open invoice by ${formatDay(sub.grace_ends_at)} to keep ${plan}; after that the account moves to Free.`
          : `Update your card or pay the open invoice to keep ${plan}.`,
        action: "Fix payment",
        dismissible: false,
      };
    }
    if (view.state === "unpaid") {
      return {
        id: `unpaid:${sub.id}`,
        tone: "warning" as const,
        title: `${plan} has ended`,
        text: `The payment did not go through within the grace period, so the account is on Free now. Choose a plan to get ${plan}'s limits back.`,
        action: "See billing",
        dismissible: true,
      };
    }
    if (
      view.state === "trialing" &&
      !sub.default_payment_method_id &&
      sub.trial_days_left <= TRIAL_REMINDER_DAYS
    ) {
      return {
        id: `trial:${sub.id}`,
        tone: "info" as const,
        title: `Your ${plan} trial ends on ${formatDay(sub.trial_end)}`,
        text: `Add a card to keep ${plan}; without one the account moves to Free.`,
        action: "Add a card",
        dismissible: true,
      };
    }
    return null;
  };

  const visible = () => {
    const current = notice();
    return current && !(current.dismissible && dismissed() === current.id) ? current : null;
  };

  return (
    <Show when={visible()}>
      {(current) => (
        <div class="ds-container billing-banner">
          <Alert
            tone={current().tone}
            title={current().title}
            action={
              <div class="billing-banner__actions">
                <A href="/account/billing" class={buttonClass("primary", "sm")}>
                  {current().action}
                </A>
                <Show when={current().dismissible}>
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={() => {
                      sessionStorage.setItem(DISMISSED, current().id);
                      setDismissed(current().id);
                    }}
                  >
                    Dismiss
                  </Button>
                </Show>
              </div>
            }
          >
            {current().text}
          </Alert>
        </div>
      )}
    </Show>
  );
}
