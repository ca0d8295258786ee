import { useSearchParams } from "@solidjs/router";
import { createResource, createSignal } from "solid-js";
import { SUPPORT_SLA_HOURS } from "~core/support/sla";
import {
  parseTicketFilters,
  STAFF_TICKET_STATUS_LABELS,
  TICKET_CATEGORY_LABELS,
} from "~core/support/ticket-view";
import { TICKET_CATEGORIES, TICKET_STATUSES } from "~core/support/tickets";
import { Button } from "~kit/design-system/components/Button";
import { Card } from "~kit/design-system/components/Card";
import { Select } from "~kit/design-system/components/Select";
import { TextField } from "~kit/design-system/components/TextField";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { PagedList } from "~kit/lists/PagedList";
import { adminApi } from "../../api/admin-api";
import { listTickets } from "../../api/support";
import { ADMIN_APP_NAME } from "../../layout/admin-nav";
import { TicketQueueTable } from "../../support/TicketQueueTable";
import "../../moderation/moderation.css";
import "../../support/support-queue.css";

const STATUS_OPTIONS = [
  ...TICKET_STATUSES.map((value) => ({ value, label: STAFF_TICKET_STATUS_LABELS[value] })),
  { value: "all", label: "All statuses" },
];
const CATEGORY_OPTIONS = [
  { value: "", label: "All topics" },
  ...TICKET_CATEGORIES.map((value) => ({ value, label: TICKET_CATEGORY_LABELS[value] })),
];

/**
 * Support's queue (README "Support"): open tickets, the longest wait first, with the age
 * against the first-response target. Filters live in the URL, so a view can be shared.
 */
export default function SupportQueuePage() {
  usePageTitle(() => "Support tickets", ADMIN_APP_NAME);
  const [search, setSearch] = useSearchParams<{
    status?: string;
    category?: string;
    q?: string;
    page?: string;
  }>();
  const filters = () => parseTicketFilters(search);
  const [tickets, { refetch }] = createResource(filters, (current) =>
    listTickets(adminApi, current),
  );
  const [text, setText] = createSignal(search.q ?? "");

  return (
    <div class="ds-container ds-stack">
      <header class="ds-page-header">
        <div>
          <h1>Support tickets</h1>
          <p class="ds-muted">
            Open tickets wait for an answer, the longest wait first; the target is a first answer
            within {SUPPORT_SLA_HOURS} hours. Answering makes a ticket pending until the user writes
            again.
          </p>
        </div>
        <Button variant="outline" icon="refresh" onClick={() => void refetch()}>
          Refresh
        </Button>
      </header>
      <Card>
        <div class="ds-stack">
          <form
            class="moderation-filters"
            aria-label="Filter tickets"
            onSubmit={(event) => {
              event.preventDefault();
              setSearch({ q: text().trim() || undefined, page: undefined });
            }}
          >
            <Select
              label="Status"
              options={STATUS_OPTIONS}
              value={search.status === "all" ? "all" : (filters().status ?? "all")}
              onChange={(value) => setSearch({ status: value, page: undefined })}
            />
            <Select
              label="Topic"
              options={CATEGORY_OPTIONS}
              value={filters().category ?? ""}
              onChange={(value) => setSearch({ category: value || undefined, page: undefined })}
            />
            <TextField
              label="Search"
              description="Subject, the user's email, or a ticket id."
              value={text()}
              onChange={setText}
            />
            <div class="support-filter-submit">
              <Button type="submit" variant="outline">
                Search
              </Button>
            </div>
          </form>
          <PagedList
            list={tickets}
            onRetry={refetch}
            noun="Tickets"
            empty={
              filters().status === "open"
                ? "No ticket is waiting for support."
                : "No tickets match these filters."
            }
            pagerLabel="Ticket pages"
            count={(total) => `${total} ${total === 1 ? "ticket" : "tickets"}`}
            onPage={(next) => setSearch({ page: String(next) })}
          >
            {(items) => <TicketQueueTable tickets={items} />}
          </PagedList>
        </div>
      </Card>
    </div>
  );
}
