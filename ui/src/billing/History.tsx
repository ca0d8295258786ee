import { createResource, createSignal, For } from "solid-js";
import { type BillingHistoryEntry, listBillingHistory } from "~/api/billing";
import { api } from "~/auth/session";
import { formatCents } from "~core/billing/lifecycle";
import { type PaymentMethodFacts, paymentMethodName } from "~core/billing/payment-method-label";
import { Card } from "~kit/design-system/components/Card";
import { formatDateTime } from "~kit/format";
import { PagedList } from "~kit/lists/PagedList";
import { planLabel } from "./plans";
import { formatDay } from "./status";

const text = (value: unknown) => (typeof value === "string" ? value : "");
const cents = (value: unknown) => (typeof value === "number" ? formatCents(value) : "");
const orNull = (value: unknown) => (typeof value === "string" && value ? value : null);

/**
 * The payment method an entry names, of any type; entries from before types were recorded
 * carry only a card's brand and last four (no type: a card).
 */
const methodIn = (d: Record<string, unknown>): PaymentMethodFacts => ({
  type: orNull(d.type),
  brand: orNull(d.brand),
  last4: orNull(d.last4),
  wallet: orNull(d.wallet),
  bank_name: orNull(d.bank_name),
});

/** Every entry of billing_events in words; unknown kinds fall back to their type. */
export function describeEvent(event: BillingHistoryEntry): string {
  const d = event.detail;
  switch (event.type) {
    case "customer.created":
      return "Billing account created";
    case "trial.started":
      return `${planLabel(text(d.plan))} trial started (${d.trial_days} days)`;
    case "checkout.created":
      return `Checkout opened for ${planLabel(text(d.plan))}`;
    case "checkout.completed":
      if (d.mode !== "setup") return "Checkout completed";
      if (!d.payment_method_id) return "Card checkout completed; no card was saved";
      return d.made_default ? "Card saved and made the default" : "Card saved";
    case "card_setup.created":
      return "Add a card: checkout opened";
    case "subscription.created":
      return `${planLabel(text(d.plan))} subscription started`;
    case "subscription.status_changed":
      return `Subscription ${text(d.from).replace("_", " ")} → ${text(d.to).replace("_", " ")}`;
    case "subscription.plan_changed":
      return `Plan changed from ${planLabel(text(d.from))} to ${planLabel(text(d.to))}`;
    case "subscription.cancel_scheduled":
      return `Cancellation scheduled; access until ${formatDay(text(d.access_until))}`;
    case "subscription.reactivated":
      return "Subscription reactivated";
    case "plan.changed":
      return `Account plan is now ${planLabel(text(d.to))}`;
    case "change.requested":
      return d.change === "upgrade"
        ? `Upgrade to ${planLabel(text(d.to))} requested${d.proration_cents ? ` (${cents(d.proration_cents)} prorated)` : ""}`
        : d.change === "keep"
          ? `Kept ${planLabel(text(d.to))}; scheduled change dropped`
          : d.change === "cancel"
            ? "Switch to Free at the period end requested"
            : `Switch to ${planLabel(text(d.to))} at the next cycle requested`;
    case "cancel.requested":
      return "Cancellation requested";
    case "reactivate.requested":
      return "Reactivation requested";
    case "invoice.paid":
      return "Invoice paid";
    case "invoice.payment_failed":
      return "Payment failed";
    case "invoice.pay_requested":
      return "Payment of an invoice requested";
    case "payment_method.add_requested":
    case "payment_method.added":
      return `${paymentMethodName(methodIn(d))} added`;
    case "payment_method.removed":
      return `${paymentMethodName(methodIn(d))} removed`;
    case "payment_method.remove_requested":
      return "Payment method removed";
    case "payment_method.default_requested":
      return "Default payment method changed";
    case "payment_method.default_changed":
      if (!d.payment_method_id) return "No default payment method any more";
      return d.type || d.brand
        ? `Default payment method is now ${paymentMethodName(methodIn(d))}`
        : "Default payment method set";
    case "charge.refunded":
      return `Refund of ${cents(d.amount_refunded)}`;
    case "charge.disputed":
      return "Payment disputed";
    case "dunning.email_sent":
      return "Payment reminder sent";
    case "dunning.retry":
      return d.paid ? "Payment retried: paid" : "Payment retried: declined";
    case "dunning.downgraded":
      return "Moved to Free after the grace period";
    default:
      return event.type;
  }
}

const SOURCE: Record<BillingHistoryEntry["source"], string> = {
  api: "You",
  webhook: "Payment provider",
  workflow: "Automatic",
};

/** The audit trail: what changed, when, and who or what changed it. */
export function History(props: { reloadKey: string }) {
  const [page, setPage] = createSignal(1);
  const [history, { refetch }] = createResource(
    () => ({ page: page(), reload: props.reloadKey }),
    ({ page: current }) => listBillingHistory(api, current),
  );
  return (
    <Card title="Billing history">
      <PagedList
        list={history}
        noun="Billing history"
        empty="Nothing has happened yet."
        pagerLabel="Billing history pages"
        onPage={setPage}
        onRetry={refetch}
      >
        {(events) => (
          <ol class="billing-history">
            <For each={events}>
              {(event) => (
                <li class="billing-history__item">
                  <span class="billing-history__what">{describeEvent(event)}</span>
                  <span class="ds-muted billing-history__meta">
                    <time datetime={event.created_at}>{formatDateTime(event.created_at)}</time>
                    {" · "}
                    {SOURCE[event.source]}
                  </span>
                </li>
              )}
            </For>
          </ol>
        )}
      </PagedList>
    </Card>
  );
}
