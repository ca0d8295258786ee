import { createResource, createSignal, For, Show } from "solid-js";
import { type Invoice, invoicePdfPath, listInvoices, payInvoice } from "~/api/billing";
import { api } from "~/auth/session";
import { formatCents } from "~core/billing/lifecycle";
import { downloadFile } from "~kit/browser/download";
import { Alert } from "~kit/design-system/components/Alert";
import { Badge, type BadgeTone } from "~kit/design-system/components/Badge";
import { Button } from "~kit/design-system/components/Button";
import { Card } from "~kit/design-system/components/Card";
import { Table } from "~kit/design-system/components/Table";
import { describeError } from "~kit/forms/describe-error";
import { PagedList } from "~kit/lists/PagedList";
import { pollUntil } from "~kit/poll/poll-until";
import { withIdempotencyKey } from "./idempotency";
import { formatDay } from "./status";

const STATUS: Record<string, { label: string; tone: BadgeTone }> = {
  paid: { label: "Paid", tone: "success" },
  open: { label: "Unpaid", tone: "error" },
  draft: { label: "Draft", tone: "neutral" },
  void: { label: "Void", tone: "neutral" },
  uncollectible: { label: "Uncollectible", tone: "error" },
};

/** A paid invoice with money given back says so: in full, or in part (README "Admin: payments"). */
function statusOf(invoice: Invoice): { label: string; tone: BadgeTone } {
  if (invoice.amount_refunded > 0 && invoice.amount_refunded >= invoice.amount_paid)
    return { label: "Refunded", tone: "neutral" };
  if (invoice.amount_refunded > 0) return { label: "Partially refunded", tone: "warning" };
  return STATUS[invoice.status] ?? { label: invoice.status, tone: "neutral" };
}

const invoiceName = (invoice: Invoice) => invoice.number ?? invoice.id;

/**
 * Fetches the PDF with the session cookie and saves it. The invoice is read through the API
 * client first so an expired access token is refreshed before the download itself.
 */
async function downloadInvoice(invoice: Invoice): Promise<void> {
  await api.get(`/api/invoices/${encodeURIComponent(invoice.id)}`);
  await downloadFile(
    invoicePdfPath(invoice.id),
    `invoice-${invoiceName(invoice)}.pdf`,
    "The invoice could not be downloaded. Try again.",
  );
}

export interface InvoicesProps {
  reloadKey: string;
  announce: (message: string) => void;
  /** A paid invoice ends a past-due state: the plan above follows. */
  onPaid: () => void;
}

export function Invoices(props: InvoicesProps) {
  const [page, setPage] = createSignal(1);
  const [invoices, { refetch }] = createResource(
    () => ({ page: page(), reload: props.reloadKey }),
    ({ page: current }) => listInvoices(api, current),
  );
  const [busy, setBusy] = createSignal<string | null>(null);
  const [problem, setProblem] = createSignal<string | null>(null);

  async function pay(invoice: Invoice) {
    setBusy(`pay:${invoice.id}`);
    setProblem(null);
    try {
      await withIdempotencyKey(`pay:${invoice.id}`, (key) => payInvoice(api, invoice.id, key));
      props.announce(`Invoice ${invoiceName(invoice)} paid.`);
      // the invoice's status follows the provider's event
      await pollUntil(
        async () => {
          const next = await refetch();
          return next?.items.some((i) => i.id === invoice.id && i.status === "paid") ?? false;
        },
        { backoff: { first: 800, factor: 1, max: 800 }, attempts: 15 },
      );
      props.onPaid();
    } catch (error) {
      setProblem(`Invoice ${invoiceName(invoice)} was not paid: ${describeError(error)}`);
    } finally {
      setBusy(null);
    }
  }

  async function download(invoice: Invoice) {
    setBusy(`pdf:${invoice.id}`);
    setProblem(null);
    try {
      await downloadInvoice(invoice);
      props.announce(`Invoice ${invoiceName(invoice)} downloaded.`);
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setBusy(null);
    }
  }

  return (
    <Card title="Invoices">
      <Show when={problem()}>
        <Alert tone="error">{problem()}</Alert>
      </Show>
      <PagedList
        list={invoices}
        noun="Invoices"
        empty="No invoices yet."
        pagerLabel="Invoice pages"
        onPage={setPage}
        onRetry={refetch}
      >
        {(items) => (
          <Table caption="Invoices" hideCaption>
            <thead>
              <tr>
                <th scope="col">Invoice</th>
                <th scope="col">Date</th>
                <th scope="col">Period</th>
                <th scope="col" class="ds-table__num">
                  Amount
                </th>
                <th scope="col">Status</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              <For each={items}>
                {(invoice) => (
                  <tr>
                    <th scope="row">{invoiceName(invoice)}</th>
                    <td>{formatDay(invoice.created_at)}</td>
                    <td>
                      {invoice.period_start
                        ? `${formatDay(invoice.period_start)} – ${formatDay(invoice.period_end)}`
                        : "—"}
                    </td>
                    <td class="ds-table__num">
                      {formatCents(invoice.amount_due, invoice.currency)}
                      <Show when={invoice.amount_refunded > 0}>
                        <span class="billing-invoices__refund">
                          {" "}
                          ({formatCents(invoice.amount_refunded, invoice.currency)} refunded)
                        </span>
                      </Show>
                      <Show when={invoice.amount_credited > 0}>
                        <span class="billing-invoices__refund">
                          {" "}
                          ({formatCents(invoice.amount_credited, invoice.currency)} credited to your
                          balance)
                        </span>
                      </Show>
                    </td>
                    <td>
                      <Badge tone={statusOf(invoice).tone}>{statusOf(invoice).label}</Badge>
                    </td>
                    <td class="billing-invoices__actions">
                      <Button
                        variant="ghost"
                        size="sm"
                        icon="download"
                        loading={busy() === `pdf:${invoice.id}`}
                        onClick={() => void download(invoice)}
                        aria-label={`Download invoice ${invoiceName(invoice)} as PDF`}
                      >
                        PDF
                      </Button>
                      <Show when={invoice.status === "open"}>
                        <Button
                          size="sm"
                          loading={busy() === `pay:${invoice.id}`}
                          disabled={busy() !== null && busy() !== `pay:${invoice.id}`}
                          onClick={() => void pay(invoice)}
                          aria-label={`Pay invoice ${invoiceName(invoice)} now, ${formatCents(invoice.amount_due - invoice.amount_paid, invoice.currency)}`}
                        >
                          Pay now
                        </Button>
                      </Show>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </Table>
        )}
      </PagedList>
    </Card>
  );
}
