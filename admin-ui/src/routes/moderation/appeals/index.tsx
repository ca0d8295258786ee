import { A, useSearchParams } from "@solidjs/router";
import { createResource } from "solid-js";
import { APPEAL_STATUSES } from "~core/moderation/appeals";
import { Card } from "~kit/design-system/components/Card";
import { Select } from "~kit/design-system/components/Select";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { PagedList } from "~kit/lists/PagedList";
import { adminApi } from "../../../api/admin-api";
import { listAppeals } from "../../../api/appeals";
import { AppealsTable } from "../../../appeals/AppealsTable";
import { APPEAL_STATUS_LABELS, parseAppealFilters } from "../../../appeals/appeal-view";
import { ADMIN_APP_NAME } from "../../../layout/admin-nav";
import "../../../moderation/moderation.css";

const STATUS_OPTIONS = APPEAL_STATUSES.map((value) => ({
  value,
  label: APPEAL_STATUS_LABELS[value],
}));

/**
 * The appeals queue (README "Appeals"): appeals auto-review did not accept, waiting for a
 * moderator other than the one who took the contested decision; and the decided ones.
 */
export default function AppealsQueuePage() {
  usePageTitle(() => "Appeals", ADMIN_APP_NAME);
  // the filter lives in the URL, so a filtered queue can be shared and survives reloads
  const [search, setSearch] = useSearchParams<{ status?: string; page?: string }>();
  const filters = () => parseAppealFilters(search);
  const [appeals, { refetch }] = createResource(filters, (current) =>
    listAppeals(adminApi, current),
  );

  return (
    <div class="ds-container ds-stack">
      <header class="ds-page-header">
        <div>
          <h1>Appeals</h1>
          <p class="ds-muted">
            Owners may appeal a strike, suspension or ban once, within 30 days. Auto-review accepts
            the obvious false positives; the rest wait here for a moderator who did not take the
            original decision.
          </p>
        </div>
        <A href="/moderation">Review queue</A>
      </header>
      <Card>
        <div class="ds-stack">
          <div class="moderation-filters">
            <Select
              label="Status"
              options={STATUS_OPTIONS}
              value={filters().status}
              onChange={(value) => setSearch({ status: value, page: undefined })}
            />
          </div>
          <PagedList
            list={appeals}
            onRetry={refetch}
            noun="Appeals"
            empty={
              filters().status === "pending"
                ? "No appeal is waiting for a decision."
                : "No appeals match this filter."
            }
            pagerLabel="Appeal pages"
            count={(total) => `${total} ${total === 1 ? "appeal" : "appeals"}`}
            onPage={(next) => setSearch({ page: String(next) })}
          >
            {(items) => <AppealsTable appeals={items} />}
          </PagedList>
        </div>
      </Card>
    </div>
  );
}
