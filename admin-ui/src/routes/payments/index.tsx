import { A, useNavigate, useSearchParams } from "@solidjs/router";
import { createResource, createSignal, Show } from "solid-js";
import { SUBSCRIPTION_STATUSES } from "~core/billing/states";
import { PLANS } from "~core/plans/entitlements";
import { Button } from "~kit/design-system/components/Button";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { adminApi } from "../../api/admin-api";
import { listSubscriptions } from "../../api/payments";
import { can } from "../../auth/admin-session";
import { FilteredList, pageParam } from "../../kit/FilteredList";
import { ADMIN_APP_NAME } from "../../layout/admin-nav";
import { filterOptions, type SelectFilter } from "../../lists/SelectFilters";
import { CreateSubscriptionDialog } from "../../payments/CreateSubscriptionDialog";
import { SUBSCRIPTION_STATUS_LABELS } from "../../payments/labels";
import { SubscriptionsTable } from "../../payments/PaymentsTables";
import { PLAN_LABELS } from "../../users/labels";

type Name = "plan" | "status" | "trial" | "dunning";
type Search = Partial<Record<Name | "page", string>>;
const ANY = "";

const FILTERS: SelectFilter<Name>[] = [
  {
    name: "plan",
    label: "Plan",
    options: filterOptions({ value: ANY, label: "Any plan" }, PLANS, (p) => PLAN_LABELS[p]),
  },
  {
    name: "status",
    label: "Status",
    options: filterOptions(
      { value: ANY, label: "Any status" },
      SUBSCRIPTION_STATUSES,
      (status) => SUBSCRIPTION_STATUS_LABELS[status],
    ),
  },
  {
    name: "trial",
    label: "Trial ends within",
    options: filterOptions(
      { value: ANY, label: "Any time" },
      ["3", "7", "14", "30"],
      (d) => `${d} days`,
    ),
  },
  {
    name: "dunning",
    label: "Dunning",
    options: [
      { value: ANY, label: "Either" },
      { value: "true", label: "In dunning" },
      { value: "false", label: "Not in dunning" },
    ],
  },
];

/** Subscriptions as the billing mirror holds them (README "Admin: payments"). */
export default function PaymentsPage() {
  usePageTitle(() => "Payments", ADMIN_APP_NAME);
  // filters live in the URL so a filtered view can be shared and survives reloads
  const [search, setSearch] = useSearchParams<Search>();
  const [creating, setCreating] = createSignal(false);
  const navigate = useNavigate();
  const [subscriptions, { refetch }] = createResource(
    () => ({
      plan: search.plan || undefined,
      status: search.status || undefined,
      trial_ends_within_days: search.trial ? Number(search.trial) : undefined,
      in_dunning: search.dunning || undefined,
      page: pageParam(search.page),
    }),
    (filters) => listSubscriptions(adminApi, filters as Parameters<typeof listSubscriptions>[1]),
  );

  return (
    <div class="ds-container ds-stack">
      <header class="ds-page-header">
        <div>
          <h1>Payments</h1>
          <p class="ds-muted">
            Subscriptions, newest first. <A href="/payments/invoices">Invoices</A> ·{" "}
            <A href="/payments/disputes">Disputes</A> · <A href="/payments/dunning">Dunning</A>
          </p>
        </div>
        <Show when={can("payments.write")}>
          <Button onClick={() => setCreating(true)}>New subscription…</Button>
        </Show>
      </header>
      <Show when={creating()}>
        <CreateSubscriptionDialog
          onClose={() => setCreating(false)}
          onDone={(id) => navigate(`/payments/subscriptions/${encodeURIComponent(id)}`)}
        />
      </Show>
      <FilteredList
        filters={FILTERS}
        search={search}
        setSearch={setSearch}
        list={subscriptions}
        noun="Subscriptions"
        empty="No subscription matches."
        pagerLabel="Subscription pages"
        onRetry={refetch}
      >
        {(items) => <SubscriptionsTable subscriptions={items} />}
      </FilteredList>
    </div>
  );
}
