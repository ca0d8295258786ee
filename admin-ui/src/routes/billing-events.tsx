import { useSearchParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { Card } from "~kit/design-system/components/Card";
import { showToast } from "~kit/design-system/components/Toast";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { describeError } from "~kit/forms/describe-error";
import { PagedList } from "~kit/lists/PagedList";
import { adminApi } from "../api/admin-api";
import {
  BILLING_EVENT_STATUSES,
  type BillingEvent,
  type BillingEventAction,
  isBillingEventStatus,
  listBillingEvents,
  retryBillingEvent,
  skipBillingEvent,
} from "../api/billing-events";
import { can } from "../auth/admin-session";
import { BillingEventsTable } from "../billing-events/BillingEventsTable";
import { billingEventLabel } from "../billing-events/billing-event-status";
import { SkipEventDialog } from "../billing-events/SkipEventDialog";
import { ADMIN_APP_NAME } from "../layout/admin-nav";
import "../billing-events/billing-events.css";

/** `customer`: one payment customer's events, as an account's page links to them. */
type Search = { status?: string; page?: string; event?: string; customer?: string };

const ALL = "all";
const STATUS_OPTIONS = [
  ...BILLING_EVENT_STATUSES.map((status) => ({ value: status, label: billingEventLabel(status) })),
  { value: ALL, label: "Any status" },
];

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What an action did, in words (README "Stuck billing events"). */
function describeAction(verb: "retried" | "skipped", action: BillingEventAction): string {
  if (!action.changed)
    return `Event ${action.event.event_id} was already ${verb}; nothing changed.`;
  const queued = plural(action.requeued.length, "event", "events");
  return verb === "retried"
    ? `Event ${action.event.event_id} retried: ${queued} queued again.`
    : `Event ${action.event.event_id} skipped: ${queued} of its customer queued again.`;
}

export default function BillingEventsPage() {
  usePageTitle(() => "Billing events", ADMIN_APP_NAME);
  // the filter lives in the URL, so an alert's link opens the failed events
  const [search, setSearch] = useSearchParams<Search>();
  const status = () =>
    search.status === ALL
      ? undefined
      : isBillingEventStatus(search.status)
        ? search.status
        : "failed";
  const customer = () => search.customer?.trim() || undefined;
  const filters = () => ({
    status: status(),
    customer: customer(),
    page: Math.max(1, Number.parseInt(search.page ?? "1", 10) || 1),
  });
  const [events, { refetch }] = createResource(filters, (current) =>
    listBillingEvents(adminApi, current),
  );
  const [busy, setBusy] = createSignal<string | null>(null);
  const [result, setResult] = createSignal<{ tone: "success" | "error"; text: string } | null>(
    null,
  );
  const [skipping, setSkipping] = createSignal<BillingEvent | null>(null);

  async function retry(event: BillingEvent) {
    setBusy(event.event_id);
    setResult(null);
    try {
      const action = await retryBillingEvent(adminApi, event.event_id);
      setResult({ tone: "success", text: describeAction("retried", action) });
      showToast({ title: "Event queued again", tone: "success" });
      await refetch();
    } catch (cause) {
      setResult({ tone: "error", text: describeError(cause) });
    } finally {
      setBusy(null);
    }
  }

  async function skip(event: BillingEvent, reason: string) {
    setBusy(event.event_id);
    setResult(null);
    try {
      const action = await skipBillingEvent(adminApi, event.event_id, reason);
      setResult({ tone: "success", text: describeAction("skipped", action) });
      showToast({ title: "Event skipped", tone: "success" });
      await refetch();
    } catch (cause) {
      // shown in the dialog, which stays open
      throw new Error(describeError(cause));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div class="ds-container ds-stack">
      <header class="ds-page-header">
        <div>
          <h1>Billing events</h1>
          <p class="ds-muted">
            Stripe events the billing mirror could not apply wait here, with the later events of
            their customer held back behind them. Retry once the cause is fixed, or skip with a
            reason.
          </p>
        </div>
      </header>
      <div aria-live="polite">
        <Show when={result()}>
          {(shown) => (
            <Alert
              tone={shown().tone}
              title={shown().tone === "success" ? "Done" : "The action did not go through"}
            >
              {shown().text}
            </Alert>
          )}
        </Show>
      </div>
      <Card>
        <div class="ds-stack">
          {/* a native select: keyboard and screen readers know it, and it never leaves the page */}
          <div class="ds-field billing-events__filter">
            <label class="ds-field__label" for="billing-event-status">
              Status
            </label>
            <select
              id="billing-event-status"
              class="ds-field__control"
              value={status() ?? ALL}
              onChange={(event) =>
                setSearch({ status: event.currentTarget.value, page: undefined })
              }
            >
              <For each={STATUS_OPTIONS}>
                {(option) => <option value={option.value}>{option.label}</option>}
              </For>
            </select>
          </div>
          <Show when={customer()}>
            {(id) => (
              <p>
                Customer <span class="ds-mono">{id()}</span> only.{" "}
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={() => setSearch({ customer: undefined, page: undefined })}
                >
                  Show every customer
                </Button>
              </p>
            )}
          </Show>
          <PagedList
            list={events}
            onRetry={refetch}
            noun="Billing events"
            empty={
              customer()
                ? "No events of this customer with this status."
                : "No events with this status."
            }
            pagerLabel="Billing event pages"
            count={(total) => plural(total, "event", "events")}
            onPage={(next) => setSearch({ page: String(next) })}
          >
            {(items) => (
              <BillingEventsTable
                events={items}
                canAct={can("payments.write")}
                highlighted={search.event}
                busy={busy()}
                onRetry={retry}
                onSkip={setSkipping}
              />
            )}
          </PagedList>
        </div>
      </Card>
      <SkipEventDialog event={skipping()} onClose={() => setSkipping(null)} onSkip={skip} />
    </div>
  );
}
