import { useSearchParams } from "@solidjs/router";
import { createResource, createSignal, Show } from "solid-js";
import { PagedList } from "~kit/lists/PagedList";
import { adminApi } from "../api/admin-api";
import { type BanListItem, listBans } from "../api/bans";
import { can } from "../auth/admin-session";
import { RequestOutcomeAlert } from "../standing/RequestOutcomeAlert";
import { createRequestTracker } from "../standing/request-tracker";
import { type SentAction, StandingActionDialog } from "../standing/StandingActionDialog";
import { AccountBansTable } from "./AccountBansTable";
import { ALL, BanFilters } from "./BanFilters";
import { type BanFilterName, parseBanFilters } from "./ban-view";

type Search = Partial<Record<BanFilterName | "page" | "view", string>>;

/**
 * Suspensions and bans across accounts, filtered by state, type and reason (in the URL). A
 * lift goes through the standing page's dialog (a note, the step-up, an `Idempotency-Key`) and
 * is followed until the account's workflow applied it; the list is then read again.
 */
export function AccountBansSection() {
  const [search, setSearch] = useSearchParams<Search>();
  const filters = () => parseBanFilters(search);
  const [bans, { refetch }] = createResource(filters, (current) => listBans(adminApi, current));
  const [lifting, setLifting] = createSignal<BanListItem | null>(null);
  const requests = createRequestTracker({ onDone: () => void refetch() });
  const canLift = () => can("users.write");

  const setFilter = (name: BanFilterName, value: string) =>
    setSearch({ [name]: value === ALL && name !== "state" ? undefined : value, page: undefined });

  function sent(ban: BanListItem, action: SentAction) {
    setLifting(null);
    requests.track(ban.user_id, { ...action, label: `the lift for ${ban.user_email}` });
  }

  return (
    <div class="ds-stack">
      <Show when={requests.outcome()}>{(shown) => <RequestOutcomeAlert outcome={shown()} />}</Show>
      <BanFilters filters={filters()} onChange={setFilter} />
      <PagedList
        list={bans}
        onRetry={refetch}
        noun="Suspensions and bans"
        empty="No suspension or ban matches these filters."
        pagerLabel="Suspension and ban pages"
        count={(total) => `${total} ${total === 1 ? "sanction" : "sanctions"}`}
        onPage={(next) => setSearch({ page: String(next) })}
      >
        {(items) => <AccountBansTable bans={items} canLift={canLift()} onLift={setLifting} />}
      </PagedList>
      <Show when={lifting()} keyed>
        {(ban) => (
          <StandingActionDialog
            userId={ban.user_id}
            action="lift"
            onClose={() => setLifting(null)}
            onSent={(action) => sent(ban, action)}
          />
        )}
      </Show>
    </div>
  );
}
