import { A, useSearchParams } from "@solidjs/router";
import { createResource } from "solid-js";
import { formatCents } from "~core/billing/lifecycle";
import { Badge, type BadgeTone } from "~kit/design-system/components/Badge";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { formatDateTime } from "~kit/format";
import { adminApi } from "../../api/admin-api";
import { type AdminDispute, listDisputes } from "../../api/payments-subscriptions";
import { type Column, DataTable } from "../../kit/DataTable";
import { FilteredList, pageParam } from "../../kit/FilteredList";
import { ADMIN_APP_NAME } from "../../layout/admin-nav";
import type { SelectFilter } from "../../lists/SelectFilters";
import "../../payments/payments.css";

/** Stripe's dispute statuses, in the order a dispute moves through them. */
const STATUSES = [
  ["warning_needs_response", "Inquiry: needs response"],
  ["warning_under_review", "Inquiry: under review"],
  ["warning_closed", "Inquiry closed"],
  ["needs_response", "Needs response"],
  ["under_review", "Under review"],
  ["won", "Won"],
  ["lost", "Lost"],
] as const;
const LABELS: Record<string, string> = Object.fromEntries(STATUSES);
const tone = (status: string): BadgeTone => {
  if (status === "won") return "success";
  if (status === "lost") return "error";
  return status.endsWith("needs_response") ? "warning" : "neutral";
};

const FILTERS: SelectFilter<"status">[] = [
  {
    name: "status",
    label: "State",
    options: [
      { value: "", label: "Any state" },
      ...STATUSES.map(([value, label]) => ({ value, label })),
    ],
  },
];

const COLUMNS: Column<AdminDispute>[] = [
  { header: "Dispute", rowHeader: true, class: "payments-cell--wrap ds-mono", cell: (d) => d.id },
  {
    header: "Account",
    class: "payments-cell--wrap",
    cell: (d) =>
      d.user_id ? (
        <A href={`/users/${encodeURIComponent(d.user_id)}`}>{d.user_email ?? d.user_id}</A>
      ) : (
        <span class="ds-mono">{d.customer_id}</span>
      ),
  },
  {
    header: "Invoice",
    class: "payments-cell--wrap",
    cell: (d) =>
      d.invoice_id ? (
        <A href={`/payments/invoices/${encodeURIComponent(d.invoice_id)}`} class="ds-mono">
          {d.invoice_id}
        </A>
      ) : (
        <span class="ds-mono">{d.charge_id}</span>
      ),
  },
  { header: "Amount", cell: (d) => formatCents(d.amount, d.currency) },
  { header: "Reason", cell: (d) => d.reason.replaceAll("_", " ") },
  {
    header: "State",
    cell: (d) => <Badge tone={tone(d.status)}>{LABELS[d.status] ?? d.status}</Badge>,
  },
  {
    header: "Evidence due",
    cell: (d) => (d.evidence_due_by ? formatDateTime(d.evidence_due_by) : "—"),
  },
];

/** Disputes (chargebacks) as the provider reported them (README "Admin: payments"). */
export default function DisputesPage() {
  usePageTitle(() => "Disputes", ADMIN_APP_NAME);
  const [search, setSearch] = useSearchParams<{ status?: string; page?: string }>();
  const [disputes, { refetch }] = createResource(
    () => ({
      status: search.status || undefined,
      page: pageParam(search.page),
    }),
    (filters) => listDisputes(adminApi, filters),
  );

  return (
    <div class="ds-container ds-stack">
      <header class="ds-page-header">
        <div>
          <h1>Disputes</h1>
          <p class="ds-muted">
            Newest first. <A href="/payments">Payments</A>
          </p>
        </div>
      </header>
      <FilteredList
        filters={FILTERS}
        search={search}
        setSearch={setSearch}
        list={disputes}
        noun="Disputes"
        empty="No dispute matches."
        pagerLabel="Dispute pages"
        onRetry={refetch}
      >
        {(items) => <DataTable caption="Disputes" columns={COLUMNS} rows={items} />}
      </FilteredList>
    </div>
  );
}
