import { A, useSearchParams } from "@solidjs/router";
import { createResource, createSignal, Show } from "solid-js";
import { INVOICE_STATUSES } from "~core/billing/states";
import { saveBlob } from "~kit/browser/download";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { describeError } from "~kit/forms/describe-error";
import { adminApi } from "../../../api/admin-api";
import { downloadInvoicesCsv, listInvoices } from "../../../api/payments";
import { can } from "../../../auth/admin-session";
import { FilteredList, pageParam } from "../../../kit/FilteredList";
import { ADMIN_APP_NAME } from "../../../layout/admin-nav";
import { filterOptions, type SelectFilter } from "../../../lists/SelectFilters";
import { INVOICE_STATUS_LABELS } from "../../../payments/labels";
import { ManualInvoiceDialog } from "../../../payments/ManualInvoiceDialog";
import { InvoicesTable } from "../../../payments/PaymentsTables";

type Name = "status" | "refunded";
/** `user`: one account's invoices, as a subscription's page links to them. */
type Search = Partial<Record<Name | "page" | "user", string>>;
const ANY = "";

const FILTERS: SelectFilter<Name>[] = [
  {
    name: "status",
    label: "Status",
    options: filterOptions(
      { value: ANY, label: "Any status" },
      INVOICE_STATUSES,
      (status) => INVOICE_STATUS_LABELS[status],
    ),
  },
  {
    name: "refunded",
    label: "Refunds",
    options: [
      { value: ANY, label: "Either" },
      { value: "true", label: "Refunded (in full or part)" },
      { value: "false", label: "Not refunded" },
    ],
  },
];

/** Invoices as the billing mirror holds them (README "Admin: payments"). */
export default function InvoicesPage() {
  usePageTitle(() => "Invoices", ADMIN_APP_NAME);
  const [search, setSearch] = useSearchParams<Search>();
  const filters = () => ({
    status: search.status || undefined,
    refunded: search.refunded || undefined,
    user_id: search.user || undefined,
  });
  const [invoices, { refetch }] = createResource(
    () => ({ ...filters(), page: pageParam(search.page) }),
    (query) => listInvoices(adminApi, query as Parameters<typeof listInvoices>[1]),
  );
  const [making, setMaking] = createSignal(false);
  const [notice, setNotice] = createSignal<string | null>(null);
  const [exporting, setExporting] = createSignal(false);
  const [exportError, setExportError] = createSignal<string | null>(null);

  /** Every invoice the filters match, not only this page (README "Admin: payments"). */
  async function exportCsv() {
    setExporting(true);
    setExportError(null);
    try {
      const file = await downloadInvoicesCsv(
        adminApi,
        filters() as Parameters<typeof downloadInvoicesCsv>[1],
      );
      saveBlob(file.blob, file.filename ?? "invoices.csv");
    } catch (cause) {
      setExportError(describeError(cause));
    } finally {
      setExporting(false);
    }
  }

  return (
    <div class="ds-container ds-stack">
      <header class="ds-page-header">
        <div>
          <h1>Invoices</h1>
          <p class="ds-muted">
            Newest first. <A href="/payments">Subscriptions</A>
          </p>
        </div>
        <div class="ds-cluster">
          <Show when={can("payments.write")}>
            <Button onClick={() => setMaking(true)}>New invoice</Button>
          </Show>
          <Button variant="outline" icon="download" loading={exporting()} onClick={exportCsv}>
            Export CSV
          </Button>
        </div>
      </header>
      <Show when={notice()}>
        <p role="status">{notice()}</p>
      </Show>
      <Show when={making()}>
        <ManualInvoiceDialog
          userId={search.user ?? ""}
          onClose={() => setMaking(false)}
          onDone={(message) => {
            setMaking(false);
            setNotice(message);
            void refetch();
          }}
        />
      </Show>
      <Show when={exportError()}>
        {(message) => (
          <Alert tone="error" title="The CSV could not be downloaded">
            {message()}
          </Alert>
        )}
      </Show>
      <FilteredList
        filters={FILTERS}
        search={search}
        setSearch={setSearch}
        list={invoices}
        noun="Invoices"
        empty="No invoice matches."
        pagerLabel="Invoice pages"
        onRetry={refetch}
      >
        {(items) => <InvoicesTable invoices={items} />}
      </FilteredList>
    </div>
  );
}
