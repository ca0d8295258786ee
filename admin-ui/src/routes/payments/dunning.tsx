import { A, useSearchParams } from "@solidjs/router";
import { createResource, Show } from "solid-js";
import { formatCents } from "~core/billing/lifecycle";
import { Card } from "~kit/design-system/components/Card";
import { FactList } from "~kit/design-system/components/FactList";
import { Pagination } from "~kit/design-system/components/Pagination";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { formatDateTime } from "~kit/format";
import { LoadError } from "~kit/forms/LoadError";
import { adminApi } from "../../api/admin-api";
import { PAYMENTS_PER_PAGE } from "../../api/payments";
import { type AdminDunningAccount, getDunning } from "../../api/payments-subscriptions";
import { type Column, DataTable } from "../../kit/DataTable";
import { ADMIN_APP_NAME } from "../../layout/admin-nav";
import "../../payments/payments.css";

const COLUMNS: Column<AdminDunningAccount>[] = [
  {
    header: "Account",
    rowHeader: true,
    class: "payments-cell--wrap",
    cell: (account) => (
      <>
        <Show when={account.subscription_id} fallback={account.user_email ?? account.user_id}>
          {(sub) => (
            <A href={`/payments/subscriptions/${encodeURIComponent(sub())}`}>
              {account.user_email ?? account.user_id}
            </A>
          )}
        </Show>
        <Show when={account.plan}>{(plan) => <span class="ds-muted"> ({plan()})</span>}</Show>
      </>
    ),
  },
  {
    header: "Invoice",
    class: "payments-cell--wrap",
    cell: (account) => (
      <A href={`/payments/invoices/${encodeURIComponent(account.invoice_id)}`} class="ds-mono">
        {account.invoice_number ?? account.invoice_id}
      </A>
    ),
  },
  { header: "Owed", cell: (account) => formatCents(account.amount_due, account.currency) },
  {
    header: "Step",
    cell: (account) => (
      <>
        {account.step ?? "Starting"}
        <Show when={account.step_status}>
          {(status) => <span class="ds-muted"> ({status()})</span>}
        </Show>
      </>
    ),
  },
  { header: "Started", cell: (account) => formatDateTime(account.started_at) },
  { header: "Grace ends", cell: (account) => formatDateTime(account.grace_ends_at) },
];

/**
 * Dunning (README "Admin: payments"): accounts whose payment failed and the step their flow
 * is at, and how much dunning has recovered so far.
 */
export default function DunningPage() {
  usePageTitle(() => "Dunning", ADMIN_APP_NAME);
  const [search, setSearch] = useSearchParams<{ page?: string }>();
  const page = () => Math.max(1, Number.parseInt(search.page ?? "1", 10) || 1);
  const [view, { refetch }] = createResource(page, (current) => getDunning(adminApi, current));

  return (
    <div class="ds-container ds-stack">
      <header class="ds-page-header">
        <div>
          <h1>Dunning</h1>
          <p class="ds-muted">
            Accounts whose payment failed, newest first. <A href="/payments">Payments</A>
          </p>
        </div>
      </header>
      <Show when={view.error}>
        <LoadError what="Dunning" error={view.error} onRetry={() => refetch()} />
      </Show>
      <Show
        when={view()}
        fallback={
          <Show when={!view.error}>
            <SkeletonText lines={6} />
          </Show>
        }
      >
        {(current) => (
          <>
            <Card title="Recovery so far">
              <FactList
                facts={[
                  { label: "Invoices chased", value: String(current().recovery.started) },
                  { label: "Paid after all", value: String(current().recovery.recovered) },
                  {
                    label: "Recovered",
                    value: formatCents(current().recovery.recovered_cents, "usd"),
                  },
                ]}
              />
            </Card>
            <Card title={`In dunning (${current().total})`}>
              <DataTable
                caption="Accounts in dunning"
                columns={COLUMNS}
                rows={current().accounts}
                empty="No account is in dunning."
              />
              <Pagination
                label="Dunning pages"
                page={page()}
                count={Math.ceil(current().total / PAYMENTS_PER_PAGE)}
                onPageChange={(next) => setSearch({ page: String(next) })}
              />
            </Card>
          </>
        )}
      </Show>
    </div>
  );
}
