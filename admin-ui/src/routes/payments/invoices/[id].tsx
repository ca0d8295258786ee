import { A, useParams } from "@solidjs/router";
import { createResource, createSignal, Show } from "solid-js";
import { formatCents } from "~core/billing/lifecycle";
import { Badge } from "~kit/design-system/components/Badge";
import { Button } from "~kit/design-system/components/Button";
import { Card } from "~kit/design-system/components/Card";
import { FactList } from "~kit/design-system/components/FactList";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { showToast } from "~kit/design-system/components/Toast";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { formatDateTime } from "~kit/format";
import { describeError } from "~kit/forms/describe-error";
import { LoadError } from "~kit/forms/LoadError";
import { pollUntil } from "~kit/poll/poll-until";
import { adminApi } from "../../../api/admin-api";
import {
  type AdminInvoiceDetail,
  getInvoice,
  type InvoiceAction,
  retryPayment,
} from "../../../api/payments";
import { can } from "../../../auth/admin-session";
import { ADMIN_APP_NAME } from "../../../layout/admin-nav";
import { CreditNoteDialog } from "../../../payments/CreditNoteDialog";
import { HistoryTable } from "../../../payments/HistoryTable";
import { InvoiceActions } from "../../../payments/InvoiceActions";
import {
  InvoiceCreditNotes,
  InvoiceLines,
  InvoiceRefunds,
  InvoiceStaffActions,
} from "../../../payments/InvoiceTables";
import { invoiceStatusLabel } from "../../../payments/labels";
import { RefundDialog } from "../../../payments/RefundDialog";
import { newIdempotencyKey } from "../../../standing/standing-view";
import "../../../payments/payments.css";

const money = (invoice: AdminInvoiceDetail, cents: number) => formatCents(cents, invoice.currency);

function facts(invoice: AdminInvoiceDetail) {
  return [
    { label: "Invoice id", value: <span class="ds-mono">{invoice.id}</span> },
    {
      label: "Account",
      value: (
        <A href={`/users/${encodeURIComponent(invoice.user_id)}`}>
          {invoice.user_email ?? invoice.user_id}
        </A>
      ),
    },
    {
      label: "Subscription",
      value: invoice.subscription_id ? (
        <A
          href={`/payments/subscriptions/${encodeURIComponent(invoice.subscription_id)}`}
          class="ds-mono"
        >
          {invoice.subscription_id}
        </A>
      ) : (
        "None"
      ),
    },
    { label: "Created", value: formatDateTime(invoice.created_at) },
    { label: "Paid", value: invoice.paid_at ? formatDateTime(invoice.paid_at) : "Not paid" },
    { label: "Amount due", value: money(invoice, invoice.amount_due) },
    { label: "Amount paid", value: money(invoice, invoice.amount_paid) },
    { label: "Refunded", value: money(invoice, invoice.amount_refunded) },
    { label: "Credited", value: money(invoice, invoice.amount_credited) },
    { label: "Attempts", value: String(invoice.attempt_count) },
  ];
}

/** One invoice (README "Admin: payments"): lines, refunds, the provider's events; refund it. */
export default function InvoicePage() {
  const params = useParams<{ id: string }>();
  usePageTitle(() => `Invoice ${params.id}`, ADMIN_APP_NAME);
  const [invoice, { refetch }] = createResource(
    () => params.id,
    (id) => getInvoice(adminApi, id),
  );
  const [refunding, setRefunding] = createSignal(false);
  const [retrying, setRetrying] = createSignal(false);
  const [crediting, setCrediting] = createSignal(false);
  const [notice, setNotice] = createSignal<string | null>(null);

  /** The refund shows once the provider's event is applied: read again until it does. */
  async function refunded(current: AdminInvoiceDetail, amount: number) {
    setRefunding(false);
    const before = current.amount_refunded;
    setNotice(`Refund of ${money(current, amount)} sent; waiting for the provider to confirm it…`);
    const arrived = await pollUntil(
      async () => ((await refetch())?.amount_refunded ?? before) >= before + amount,
      { backoff: { first: 800, factor: 1, max: 800 }, attempts: 20 },
    ).catch(() => false);
    setNotice(
      arrived
        ? `Refund of ${money(current, amount)} confirmed by the provider.`
        : "The provider has not confirmed the refund yet; reload the page later.",
    );
    showToast({ title: arrived ? "Refunded" : "Refund sent", tone: "success" });
  }

  /** The credit shows once the provider's event is applied: read again until it does. */
  async function credited(current: AdminInvoiceDetail, amount: number) {
    setCrediting(false);
    const before = current.amount_credited;
    setNotice(`Credit note of ${money(current, amount)} issued; waiting for the provider…`);
    const arrived = await pollUntil(
      async () => ((await refetch())?.amount_credited ?? before) >= before + amount,
      { backoff: { first: 800, factor: 1, max: 800 }, attempts: 20 },
    ).catch(() => false);
    setNotice(
      arrived
        ? `Credit note of ${money(current, amount)} confirmed by the provider.`
        : "The provider has not confirmed the credit note yet; reload the page later.",
    );
  }

  /** A void shows once the provider's event is applied: read again until it does. */
  async function acted(action: InvoiceAction, message: string) {
    setNotice(message);
    if (action !== "void") {
      await refetch();
      return;
    }
    const arrived = await pollUntil(async () => (await refetch())?.status === "void", {
      backoff: { first: 800, factor: 1, max: 800 },
      attempts: 20,
    }).catch(() => false);
    setNotice(
      arrived
        ? "Voided: the provider confirmed it."
        : "The provider has not confirmed the void yet; reload the page later.",
    );
  }

  async function retry(current: AdminInvoiceDetail) {
    setRetrying(true);
    try {
      const result = await retryPayment(adminApi, current.id, newIdempotencyKey());
      setNotice(
        result.paid
          ? "Paid. The invoice's status follows the provider's event."
          : `Not paid: ${result.message ?? "the card was refused"}.`,
      );
      await refetch();
    } catch (error) {
      setNotice(`Not retried: ${describeError(error)}`);
    } finally {
      setRetrying(false);
    }
  }

  return (
    <div class="ds-container ds-stack">
      <Show when={invoice.error}>
        <LoadError what="This invoice" error={invoice.error} onRetry={() => refetch()} />
      </Show>
      <Show
        when={invoice()}
        fallback={
          <Show when={!invoice.error}>
            <SkeletonText lines={6} />
          </Show>
        }
      >
        {(current) => {
          const status = () => invoiceStatusLabel(current());
          return (
            <>
              <header class="ds-page-header">
                <div>
                  <h1>
                    Invoice {current().number ?? current().id}{" "}
                    <Badge tone={status().tone}>{status().label}</Badge>
                  </h1>
                  <p class="ds-muted">
                    <A href="/payments/invoices">All invoices</A>
                  </p>
                </div>
                <div class="ds-cluster">
                  <Show when={can("payments.refund") && current().refundable > 0}>
                    <Button variant="danger" onClick={() => setRefunding(true)}>
                      Refund
                    </Button>
                  </Show>
                  <Show when={can("payments.write") && current().status === "open"}>
                    <Button loading={retrying()} onClick={() => void retry(current())}>
                      Retry payment
                    </Button>
                  </Show>
                  <Show when={can("payments.write") && current().creditable > 0}>
                    <Button variant="outline" onClick={() => setCrediting(true)}>
                      Credit note
                    </Button>
                  </Show>
                  <Show when={can("payments.write")}>
                    <InvoiceActions
                      invoice={current()}
                      onDone={(action, message) => void acted(action, message)}
                    />
                  </Show>
                </div>
              </header>
              <Show when={notice()}>
                <p role="status">{notice()}</p>
              </Show>
              <Card title="Invoice">
                <FactList facts={facts(current())} />
              </Card>
              <Card title="Lines">
                <InvoiceLines invoice={current()} />
              </Card>
              <Card title="Refunds">
                <InvoiceRefunds invoice={current()} />
              </Card>
              <Card title="Credit notes">
                <InvoiceCreditNotes invoice={current()} />
              </Card>
              <Card title="Staff actions">
                <InvoiceStaffActions invoice={current()} />
              </Card>
              <Card title="Provider events">
                <HistoryTable events={current().events} caption="Provider events" />
              </Card>
              <Show when={crediting()}>
                <CreditNoteDialog
                  invoice={current()}
                  onClose={() => setCrediting(false)}
                  onDone={(amount) => void credited(current(), amount)}
                />
              </Show>
              <Show when={refunding()}>
                <RefundDialog
                  invoice={current()}
                  onClose={() => setRefunding(false)}
                  onDone={(amount) => void refunded(current(), amount)}
                />
              </Show>
            </>
          );
        }}
      </Show>
    </div>
  );
}
