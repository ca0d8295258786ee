import { A, useSearchParams } from "@solidjs/router";
import { createResource } from "solid-js";
import { listOwnTickets } from "~/api/support";
import { RequireSignIn } from "~/auth/RequireSignIn";
import { api } from "~/auth/session";
import { APP_NAME } from "~/layout/UserLayout";
import { OwnTicketsTable } from "~/support/OwnTicketsTable";
import { buttonClass } from "~kit/design-system/components/Button";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { PagedList } from "~kit/lists/PagedList";

/** Help: the person's support tickets and the way to open one (README "Support"). */
export default function SupportPage() {
  usePageTitle(() => "Help", APP_NAME);
  return <RequireSignIn>{() => <Tickets />}</RequireSignIn>;
}

function Tickets() {
  const [search, setSearch] = useSearchParams<{ page?: string }>();
  const page = () => Math.max(1, Math.floor(Number(search.page)) || 1);
  const [tickets, { refetch }] = createResource(page, (current) => listOwnTickets(api, current));
  return (
    <div class="ds-container ds-stack">
      <header class="ds-page-header">
        <div>
          <h1>Help</h1>
          <p class="ds-muted">
            Ask support about your account, billing, exports or anything else. We answer within a
            day, by email and here.
          </p>
        </div>
        <A href="/support/new" class={buttonClass("primary")}>
          New ticket
        </A>
      </header>
      <PagedList
        list={tickets}
        onRetry={refetch}
        noun="Tickets"
        empty="You have not opened a ticket yet."
        pagerLabel="Ticket pages"
        count={(total) => `${total} ${total === 1 ? "ticket" : "tickets"}`}
        onPage={(next) => setSearch({ page: String(next) })}
      >
        {(items) => <OwnTicketsTable tickets={items} />}
      </PagedList>
    </div>
  );
}
