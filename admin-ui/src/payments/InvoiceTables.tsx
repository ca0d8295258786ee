import { formatCents } from "~core/billing/lifecycle";
import { formatDateTime } from "~kit/format";
import type { AdminInvoiceDetail } from "../api/payments";
import { type Column, DataTable } from "../kit/DataTable";
import { CREDIT_NOTE_REASON_LABELS } from "./invoice-drafts";
import { INVOICE_ACTION_LABELS } from "./labels";
import { REFUND_REASON_LABELS } from "./refund-draft";

type Line = AdminInvoiceDetail["lines"][number];
type Refund = AdminInvoiceDetail["refunds"][number];
type CreditNote = AdminInvoiceDetail["credit_notes"][number];
type StaffAction = AdminInvoiceDetail["actions"][number];

const label = <K extends string>(labels: Record<K, string>, value: string | null) =>
  value === null ? null : (labels[value as K] ?? value);

/** The tables of one invoice's page (README "Admin: payments"), in its currency. */
export function InvoiceLines(props: { invoice: AdminInvoiceDetail }) {
  const columns: Column<Line>[] = [
    {
      header: "Description",
      rowHeader: true,
      cell: (line) => `${line.description}${line.proration ? " (prorated)" : ""}`,
    },
    {
      header: "Amount",
      num: true,
      cell: (line) => formatCents(line.amount, props.invoice.currency),
    },
  ];
  return <DataTable caption="Lines" columns={columns} rows={props.invoice.lines} />;
}

export function InvoiceRefunds(props: { invoice: AdminInvoiceDetail }) {
  const columns: Column<Refund>[] = [
    { header: "When", rowHeader: true, cell: (refund) => formatDateTime(refund.at) },
    {
      header: "Amount",
      num: true,
      cell: (refund) => formatCents(refund.amount_cents, props.invoice.currency),
    },
    { header: "Reason", cell: (refund) => label(REFUND_REASON_LABELS, refund.reason) },
    { header: "Note", cell: (refund) => refund.note ?? "—" },
    { header: "By", class: "ds-mono", cell: (refund) => refund.actor_id },
  ];
  return (
    <DataTable
      caption="Refunds"
      columns={columns}
      rows={props.invoice.refunds}
      empty="No refund asked for here."
    />
  );
}

export function InvoiceCreditNotes(props: { invoice: AdminInvoiceDetail }) {
  const columns: Column<CreditNote>[] = [
    { header: "Number", rowHeader: true, class: "ds-mono", cell: (note) => note.number ?? note.id },
    { header: "Issued", cell: (note) => formatDateTime(note.created_at) },
    {
      header: "Amount",
      num: true,
      cell: (note) => formatCents(note.amount, props.invoice.currency),
    },
    {
      header: "Reason",
      cell: (note) => label(CREDIT_NOTE_REASON_LABELS, note.reason) ?? "—",
    },
    { header: "Memo", cell: (note) => note.memo ?? "—" },
    { header: "Status", cell: (note) => (note.status === "void" ? "Void" : "Issued") },
  ];
  return (
    <DataTable
      caption="Credit notes"
      columns={columns}
      rows={props.invoice.credit_notes}
      empty="No credit note."
    />
  );
}

const ACTION_COLUMNS: Column<StaffAction>[] = [
  { header: "When", rowHeader: true, cell: (entry) => formatDateTime(entry.at) },
  { header: "Action", cell: (entry) => INVOICE_ACTION_LABELS[entry.action] ?? entry.action },
  { header: "Note", cell: (entry) => entry.note ?? "—" },
  { header: "By", class: "ds-mono", cell: (entry) => entry.actor_id },
];

export function InvoiceStaffActions(props: { invoice: AdminInvoiceDetail }) {
  return (
    <DataTable
      caption="Staff actions"
      columns={ACTION_COLUMNS}
      rows={props.invoice.actions}
      empty="Not voided, resent or regenerated here."
    />
  );
}
