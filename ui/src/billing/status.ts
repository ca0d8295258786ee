import type { LifecycleState, SubscriptionView } from "~/api/billing";
import { isEntitledStatus } from "~core/billing/states";
import type { BadgeTone } from "~kit/design-system/components/Badge";
import { planLabel } from "./plans";

const longDate = new Intl.DateTimeFormat(undefined, { dateStyle: "long" });

export function formatDay(iso: string | null | undefined): string {
  if (!iso) return "—";
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : longDate.format(date);
}

export const STATE_LABEL: Record<LifecycleState, string> = {
  free: "Free",
  trialing: "Trial",
  active: "Active",
  past_due: "Payment overdue",
  canceled: "Cancelled",
  unpaid: "Ended for non-payment",
  incomplete: "Waiting for payment",
};

export const STATE_TONE: Record<LifecycleState, BadgeTone> = {
  free: "neutral",
  trialing: "info",
  active: "success",
  past_due: "error",
  canceled: "warning",
  unpaid: "error",
  incomplete: "warning",
};

const days = (n: number) => `${n} ${n === 1 ? "day" : "days"}`;

/** One sentence on where the subscription stands, with the date that matters. */
export function describeState(view: SubscriptionView): string {
  const sub = view.subscription;
  const plan = planLabel(sub?.plan ?? view.plan);
  switch (view.state) {
    case "trialing": {
      const card = sub?.default_payment_method_id
        ? `then ${plan} renews on ${formatDay(sub?.trial_end)}`
        : `add a card to keep ${plan} after ${formatDay(sub?.trial_end)}`;
      return `${plan} trial: ${days(sub?.trial_days_left ?? 0)} left — ${card}.`;
    }
    case "active":
      return `${plan} is active and renews on ${formatDay(sub?.current_period_end)}.`;
    case "past_due":
      return sub?.grace_ends_at
        ? `Your last ${plan} payment failed. Pay by ${formatDay(sub.grace_ends_at)} to keep ${plan}; after that the account moves to Free.`
        : `Your last ${plan} payment failed. Pay the open invoice to keep ${plan}.`;
    case "canceled":
      return `${plan} is cancelled: access until ${formatDay(sub?.current_period_end)}, then Free.`;
    case "unpaid":
      return `${plan} ended on ${formatDay(sub?.ended_at)} because the payment did not go through. You are on Free.`;
    case "incomplete":
      return `${plan} is waiting for its first payment.`;
    default:
      return "You are on the Free plan. No card is on file and nothing is charged.";
  }
}

/** Trialing, active or past due: a plan can be changed or cancelled (not a new checkout). */
export const isLive = (view: SubscriptionView | null): boolean =>
  view !== null && view.subscription !== null && isEntitledStatus(view.subscription.status);
