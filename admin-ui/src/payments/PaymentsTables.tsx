import { A } from "@solidjs/router";
import { For, Show } from "solid-js";
import { formatCents } from "~core/billing/lifecycle";
import { Badge } from "~kit/design-system/components/Badge";
import { Table } from "~kit/design-system/components/Table";
import { formatDateTime } from "~kit/format";
import type { AdminInvoice, AdminSubscription } from "../api/payments";
import { PLAN_LABELS } from "../users/labels";
import { invoiceStatusLabel, SUBSCRIPTION_STATUS_LABELS, subscriptionTone } from "./labels";

const planLabel = (plan: string) => PLAN_LABELS[plan as keyof typeof PLAN_LABELS] ?? plan;
const when = (iso: string | null) => (iso ? formatDateTime(iso) : "—");

export function SubscriptionsTable(props: { subscriptions: AdminSubscription[] }) {
  return (
    <Table caption="Subscriptions" hideCaption>
      <thead>
        <tr>
          <th scope="col">Subscription</th>
          <th scope="col">Account</th>
          <th scope="col">Plan</th>
          <th scope="col">Status</th>
          <th scope="col">Period ends</th>
          <th scope="col">Trial ends</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.subscriptions}>
          {(sub) => (
            <tr>
              <th scope="row" class="payments-cell--wrap">
                <A href={`/payments/subscriptions/${encodeURIComponent(sub.id)}`} class="ds-mono">
                  {sub.id}
                </A>
              </th>
              <td class="payments-cell--wrap">
                <A href={`/users/${encodeURIComponent(sub.user_id)}`}>
                  {sub.user_email ?? sub.user_id}
                </A>
              </td>
              <td>{planLabel(sub.plan)}</td>
              <td>
                <Badge tone={subscriptionTone(sub.status)}>
                  {SUBSCRIPTION_STATUS_LABELS[sub.status]}
                </Badge>
                <Show when={sub.in_dunning}>
                  {" "}
                  <Badge tone="warning">In dunning</Badge>
                </Show>
                <Show when={sub.cancel_at_period_end}>
                  {" "}
                  <Badge tone="neutral">Cancels at period end</Badge>
                </Show>
              </td>
              <td>{when(sub.current_period_end)}</td>
              <td>{when(sub.trial_end)}</td>
            </tr>
          )}
        </For>
      </tbody>
    </Table>
  );
}

export function InvoicesTable(props: { invoices: AdminInvoice[]; caption?: string }) {
  return (
    <Table caption={props.caption ?? "Invoices"} hideCaption>
      <thead>
        <tr>
          <th scope="col">Invoice</th>
          <th scope="col">Account</th>
          <th scope="col">Date</th>
          <th scope="col" class="ds-table__num">
            Amount
          </th>
          <th scope="col" class="ds-table__num">
            Refunded
          </th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.invoices}>
          {(invoice) => {
            const status = () => invoiceStatusLabel(invoice);
            return (
              <tr>
                <th scope="row" class="payments-cell--wrap">
                  <A href={`/payments/invoices/${encodeURIComponent(invoice.id)}`} class="ds-mono">
                    {invoice.number ?? invoice.id}
                  </A>
                </th>
                <td class="payments-cell--wrap">{invoice.user_email ?? invoice.user_id}</td>
                <td>{formatDateTime(invoice.created_at)}</td>
                <td class="ds-table__num">{formatCents(invoice.amount_due, invoice.currency)}</td>
                <td class="ds-table__num">
                  {invoice.amount_refunded > 0
                    ? formatCents(invoice.amount_refunded, invoice.currency)
                    : "—"}
                </td>
                <td>
                  <Badge tone={status().tone}>{status().label}</Badge>
                </td>
              </tr>
            );
          }}
        </For>
      </tbody>
    </Table>
  );
}
