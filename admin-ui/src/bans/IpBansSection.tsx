import { useSearchParams } from "@solidjs/router";
import { createResource, createSignal, Show } from "solid-js";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { PagedList } from "~kit/lists/PagedList";
import { adminApi } from "../api/admin-api";
import { type IpBanView, listIpBans } from "../api/bans";
import { can } from "../auth/admin-session";
import { pageOf } from "./ban-view";
import { IpBanDialog } from "./IpBanDialog";
import { IpBansTable } from "./IpBansTable";
import { LiftIpBanDialog } from "./LiftIpBanDialog";

type Done = { what: "banned" | "lifted"; ban: IpBanView };

/**
 * Address bans (README "Bans"): registration and sign-in from a banned address or range are
 * refused. Banning and lifting take effect at once (no workflow), so the list is read again
 * as soon as the API answered.
 */
export function IpBansSection() {
  const [search, setSearch] = useSearchParams<{ ip_page?: string }>();
  const page = () => pageOf(search.ip_page);
  const [bans, { refetch }] = createResource(page, (current) => listIpBans(adminApi, current));
  const [adding, setAdding] = createSignal(false);
  const [lifting, setLifting] = createSignal<IpBanView | null>(null);
  const [done, setDone] = createSignal<Done | null>(null);
  const canWrite = () => can("users.write");

  function finished(result: Done) {
    setAdding(false);
    setLifting(null);
    setDone(result);
    void refetch();
  }

  return (
    <div class="ds-stack">
      <Show when={done()}>
        {(shown) => (
          <Alert
            tone="success"
            title={`${shown().what === "banned" ? "Banned" : "Lifted"}: ${shown().ban.range}`}
          >
            {shown().what === "banned"
              ? "Registration and sign-in from it are refused from now on."
              : "Registration and sign-in from it are allowed again."}
          </Alert>
        )}
      </Show>
      <Show when={canWrite()}>
        <div class="ds-cluster">
          <Button variant="danger" onClick={() => setAdding(true)}>
            Ban an address
          </Button>
        </div>
      </Show>
      <PagedList
        list={bans}
        onRetry={refetch}
        noun="Address bans"
        empty="No address has been banned."
        pagerLabel="Address ban pages"
        count={(total) => `${total} ${total === 1 ? "address ban" : "address bans"}`}
        onPage={(next) => setSearch({ ip_page: String(next) })}
      >
        {(items) => <IpBansTable bans={items} canLift={canWrite()} onLift={setLifting} />}
      </PagedList>
      <Show when={adding()}>
        <IpBanDialog
          onClose={() => setAdding(false)}
          onBanned={(ban) => finished({ what: "banned", ban })}
        />
      </Show>
      <Show when={lifting()} keyed>
        {(ban) => (
          <LiftIpBanDialog
            ban={ban}
            onClose={() => setLifting(null)}
            onLifted={(lifted) => finished({ what: "lifted", ban: lifted })}
          />
        )}
      </Show>
    </div>
  );
}
