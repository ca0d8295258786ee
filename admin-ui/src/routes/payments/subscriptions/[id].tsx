import { A, useParams } from "@solidjs/router";
import { createResource, createSignal, Show } from "solid-js";
import { Badge } from "~kit/design-system/components/Badge";
import { Card } from "~kit/design-system/components/Card";
import { FactList } from "~kit/design-system/components/FactList";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { formatDateTime } from "~kit/format";
import { LoadError } from "~kit/forms/LoadError";
import { pollUntil } from "~kit/poll/poll-until";
import { adminApi } from "../../../api/admin-api";
import { type AdminSubscription, getSubscription } from "../../../api/payments";
import { can } from "../../../auth/admin-session";
import { ADMIN_APP_NAME } from "../../../layout/admin-nav";
import { HistoryTable } from "../../../payments/HistoryTable";
import { SUBSCRIPTION_STATUS_LABELS, subscriptionTone } from "../../../payments/labels";
import { InvoicesTable } from "../../../payments/PaymentsTables";
import { SubscriptionActions } from "../../../payments/SubscriptionActions";
import { SubscriptionChanges } from "../../../payments/SubscriptionChanges";
import "../../../payments/payments.css";

const when = (iso: string | null, none = "—") => (iso ? formatDateTime(iso) : none);

function facts(sub: AdminSubscription) {
  return [
    { label: "Subscription id", value: <span class="ds-mono">{sub.id}</span> },
    {
      label: "Account",
      value: (
        <A href={`/users/${encodeURIComponent(sub.user_id)}`}>{sub.user_email ?? sub.user_id}</A>
      ),
    },
    { label: "Customer id", value: <span class="ds-mono">{sub.customer_id}</span> },
    {
      label: "Plan",
      value: sub.pending_plan ? `${sub.plan} (then ${sub.pending_plan})` : sub.plan,
    },
    {
      label: "Period",
      value: `${when(sub.current_period_start)} – ${when(sub.current_period_end)}`,
    },
    { label: "Trial ends", value: when(sub.trial_end, "No trial") },
    { label: "Cancels at period end", value: sub.cancel_at_period_end ? "Yes" : "No" },
    {
      label: "Ended",
      value: sub.ended_at ? `${when(sub.ended_at)} (${sub.ended_reason ?? "—"})` : "No",
    },
  ];
}

/** One subscription (README "Admin: payments"): its facts, actions, invoices and history. */
export default function SubscriptionPage() {
  const params = useParams<{ id: string }>();
  usePageTitle(() => `Subscription ${params.id}`, ADMIN_APP_NAME);
  const [detail, { refetch }] = createResource(
    () => params.id,
    (id) => getSubscription(adminApi, id),
  );
  const [changeSent, setChangeSent] = createSignal<string | null>(null);
  const [confirmed, setConfirmed] = createSignal<string | null>(null);

  /**
   * An action shows once the provider's event is applied (README "Admin: payments"): read the
   * subscription again until it or its history changes, then say so. A change nothing on the
   * page reflects (a coupon) leaves the "sent" message alone.
   */
  async function sent() {
    const before = detail();
    const fingerprint = (d: typeof before | null) =>
      JSON.stringify([d?.subscription, d?.events[0]?.id, d?.invoices.length]);
    setConfirmed(null);
    const arrived = await pollUntil(
      async () => fingerprint(await refetch()) !== fingerprint(before),
      { backoff: { first: 800, factor: 1, max: 800 }, attempts: 20 },
    ).catch(() => false);
    if (arrived) setConfirmed("Applied: the provider's event has arrived.");
  }

  return (
    <div class="ds-container ds-stack">
      <Show when={detail.error}>
        <LoadError what="This subscription" error={detail.error} onRetry={() => refetch()} />
      </Show>
      <Show
        when={detail()}
        fallback={
          <Show when={!detail.error}>
            <SkeletonText lines={6} />
          </Show>
        }
      >
        {(current) => (
          <>
            <header class="ds-page-header">
              <div>
                <h1>
                  Subscription{" "}
                  <Badge tone={subscriptionTone(current().subscription.status)}>
                    {SUBSCRIPTION_STATUS_LABELS[current().subscription.status]}
                  </Badge>
                  <Show when={current().subscription.in_dunning}>
                    {" "}
                    <Badge tone="warning">In dunning</Badge>
                  </Show>
                </h1>
                <p class="ds-muted">
                  <A href="/payments">All subscriptions</A>
                </p>
              </div>
            </header>
            <Card title="Subscription">
              <div class="ds-stack">
                <FactList facts={facts(current().subscription)} />
                <Show when={can("payments.write")}>
                  <SubscriptionActions
                    subscription={current().subscription}
                    onSent={() => void sent()}
                  />
                  <Show when={!current().subscription.ended_at}>
                    <SubscriptionChanges
                      subscription={current().subscription}
                      onSent={(message) => {
                        setChangeSent(message);
                        void sent();
                      }}
                    />
                  </Show>
                  <Show when={changeSent()}>
                    <p role="status">{changeSent()}</p>
                  </Show>
                  <Show when={confirmed()}>
                    <p role="status">{confirmed()}</p>
                  </Show>
                </Show>
              </div>
            </Card>
            <Card title="Invoices">
              <InvoicesTable invoices={current().invoices} caption="The subscription's invoices" />
            </Card>
            <Card title="Billing history">
              <HistoryTable events={current().events} caption="Billing history" />
            </Card>
          </>
        )}
      </Show>
    </div>
  );
}
