import { A } from "@solidjs/router";
import { Show } from "solid-js";
import { formatCents } from "~core/billing/lifecycle";
import { Badge } from "~kit/design-system/components/Badge";
import { formatDateTime } from "~kit/format";
import type { AdminInvoice, AdminSubscription } from "../api/payments";
import { type Column, DataTable } from "../kit/DataTable";
import "./payments.css";
import { PLAN_LABELS } from "../users/labels";
import { invoiceStatusLabel, SUBSCRIPTION_STATUS_LABELS, subscriptionTone } from "./labels";

const planLabel = (plan: string) => PLAN_LABELS[plan as keyof typeof PLAN_LABELS] ?? plan;
const when = (iso: string | null) => (iso ? formatDateTime(iso) : "—");
/** Long provider ids wrap inside their column instead of widening the table. */
const WRAP = "payments-cell--wrap";

const SUBSCRIPTION_COLUMNS: Column<AdminSubscription>[] = [
  {
    header: "Subscription",
    rowHeader: true,
    class: WRAP,
    cell: (sub) => (
      <A href={`/payments/subscriptions/${encodeURIComponent(sub.id)}`} class="ds-mono">
        {sub.id}
      </A>
    ),
  },
  {
    header: "Account",
    class: WRAP,
    cell: (sub) => (
      <A href={`/users/${encodeURIComponent(sub.user_id)}`}>{sub.user_email ?? sub.user_id}</A>
    ),
  },
  { header: "Plan", cell: (sub) => planLabel(sub.plan) },
  {
    header: "Status",
    cell: (sub) => (
      <>
        <Badge tone={subscriptionTone(sub.status)}>{SUBSCRIPTION_STATUS_LABELS[sub.status]}</Badge>
        <Show when={sub.in_dunning}>
          {" "}
          <Badge tone="warning">In dunning</Badge>
        </Show>
        <Show when={sub.cancel_at_period_end}>
          {" "}
          <Badge tone="neutral">Cancels at period end</Badge>
        </Show>
      </>
    ),
  },
  { header: "Period ends", cell: (sub) => when(sub.current_period_end) },
  { header: "Trial ends", cell: (sub) => when(sub.trial_end) },
];

const INVOICE_COLUMNS: Column<AdminInvoice>[] = [
  {
    header: "Invoice",
    rowHeader: true,
    class: WRAP,
    cell: (invoice) => (
      <A href={`/payments/invoices/${encodeURIComponent(invoice.id)}`} class="ds-mono">
        {invoice.number ?? invoice.id}
      </A>
    ),
  },
  { header: "Account", class: WRAP, cell: (invoice) => invoice.user_email ?? invoice.user_id },
  { header: "Date", cell: (invoice) => formatDateTime(invoice.created_at) },
  {
    header: "Amount",
    num: true,
    cell: (invoice) => formatCents(invoice.amount_due, invoice.currency),
  },
  {
    header: "Refunded",
    num: true,
    cell: (invoice) =>
      invoice.amount_refunded > 0 ? formatCents(invoice.amount_refunded, invoice.currency) : "—",
  },
  {
    header: "Status",
    cell: (invoice) => {
      const status = invoiceStatusLabel(invoice);
      return <Badge tone={status.tone}>{status.label}</Badge>;
    },
  },
];

export function SubscriptionsTable(props: { subscriptions: AdminSubscription[] }) {
  return (
    <DataTable caption="Subscriptions" columns={SUBSCRIPTION_COLUMNS} rows={props.subscriptions} />
  );
}

export function InvoicesTable(props: { invoices: AdminInvoice[]; caption?: string }) {
  return (
    <DataTable
      caption={props.caption ?? "Invoices"}
      columns={INVOICE_COLUMNS}
      rows={props.invoices}
    />
  );
}
