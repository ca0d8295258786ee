import { A, useSearchParams } from "@solidjs/router";
import { createResource, For } from "solid-js";
import { formatCents } from "~core/billing/lifecycle";
import { Badge, type BadgeTone } from "~kit/design-system/components/Badge";
import { Card } from "~kit/design-system/components/Card";
import { Table } from "~kit/design-system/components/Table";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { formatDateTime } from "~kit/format";
import { PagedList } from "~kit/lists/PagedList";
import { adminApi } from "../../api/admin-api";
import { type AdminDispute, listDisputes } from "../../api/payments-subscriptions";
import { ADMIN_APP_NAME } from "../../layout/admin-nav";
import { SelectFilters } from "../../lists/SelectFilters";
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

function DisputesTable(props: { disputes: AdminDispute[] }) {
  return (
    <Table caption="Disputes" hideCaption>
      <thead>
        <tr>
          <th scope="col">Dispute</th>
          <th scope="col">Account</th>
          <th scope="col">Invoice</th>
          <th scope="col">Amount</th>
          <th scope="col">Reason</th>
          <th scope="col">State</th>
          <th scope="col">Evidence due</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.disputes}>
          {(dispute) => (
            <tr>
              <th scope="row" class="payments-cell--wrap ds-mono">
                {dispute.id}
              </th>
              <td class="payments-cell--wrap">
                {dispute.user_id ? (
                  <A href={`/users/${encodeURIComponent(dispute.user_id)}`}>
                    {dispute.user_email ?? dispute.user_id}
                  </A>
                ) : (
                  <span class="ds-mono">{dispute.customer_id}</span>
                )}
              </td>
              <td class="payments-cell--wrap">
                {dispute.invoice_id ? (
                  <A
                    href={`/payments/invoices/${encodeURIComponent(dispute.invoice_id)}`}
                    class="ds-mono"
                  >
                    {dispute.invoice_id}
                  </A>
                ) : (
                  <span class="ds-mono">{dispute.charge_id}</span>
                )}
              </td>
              <td>{formatCents(dispute.amount, dispute.currency)}</td>
              <td>{dispute.reason.replaceAll("_", " ")}</td>
              <td>
                <Badge tone={tone(dispute.status)}>
                  {LABELS[dispute.status] ?? dispute.status}
                </Badge>
              </td>
              <td>{dispute.evidence_due_by ? formatDateTime(dispute.evidence_due_by) : "—"}</td>
            </tr>
          )}
        </For>
      </tbody>
    </Table>
  );
}

/** Disputes (chargebacks) as the provider reported them (README "Admin: payments"). */
export default function DisputesPage() {
  usePageTitle(() => "Disputes", ADMIN_APP_NAME);
  const [search, setSearch] = useSearchParams<{ status?: string; page?: string }>();
  const [disputes, { refetch }] = createResource(
    () => ({
      status: search.status || undefined,
      page: Math.max(1, Number.parseInt(search.page ?? "1", 10) || 1),
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
      <Card>
        <div class="ds-stack">
          <SelectFilters
            class="payments-filters"
            filters={[
              {
                name: "status",
                label: "State",
                options: [
                  { value: "", label: "Any state" },
                  ...STATUSES.map(([value, label]) => ({ value, label })),
                ],
              },
            ]}
            value={() => search.status ?? ""}
            onChange={(_, value) => setSearch({ status: value || undefined, page: undefined })}
          />
          <PagedList
            list={disputes}
            noun="Disputes"
            empty="No dispute matches."
            pagerLabel="Dispute pages"
            onPage={(page) => setSearch({ page: String(page) })}
            onRetry={refetch}
          >
            {(items) => <DisputesTable disputes={items} />}
          </PagedList>
        </div>
      </Card>
    </div>
  );
}
