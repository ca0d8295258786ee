import { useSearchParams } from "@solidjs/router";
import { createResource } from "solid-js";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { adminApi } from "../../api/admin-api";
import {
  ALERT_SEVERITIES,
  ALERT_STATES,
  type AlertSeverity,
  type AlertState,
  listSecurityAlerts,
} from "../../api/security-intel";
import { FilteredList, pageParam } from "../../kit/FilteredList";
import { ADMIN_APP_NAME } from "../../layout/admin-nav";
import { filterOptions } from "../../lists/SelectFilters";
import { ALERT_SEVERITY_NAMES, ALERT_STATE_NAMES } from "../../security-alerts/alert-view";
import { SecurityAlertsTable } from "../../security-alerts/SecurityAlertsTable";

type Search = { state?: string; severity?: string; page?: string };

/** "any" keeps resolved alerts in the list; without a state the page shows the unresolved. */
const ANY = "any";

const FILTERS = [
  {
    name: "state" as const,
    label: "State",
    options: [
      { value: "", label: "Open" },
      ...ALERT_STATES.filter((state) => state !== "open").map((state) => ({
        value: state,
        label: ALERT_STATE_NAMES[state],
      })),
      { value: ANY, label: "Any state" },
    ],
  },
  {
    name: "severity" as const,
    label: "Severity",
    options: filterOptions(
      { value: "", label: "Any severity" },
      ALERT_SEVERITIES,
      (severity) => ALERT_SEVERITY_NAMES[severity],
    ),
  },
];

const oneOf = <T extends string>(values: readonly T[], value: string | undefined) =>
  values.find((candidate) => candidate === value);

/**
 * Security alerts (README "Security alerts"): accounts that look attacked or compromised, raised
 * by token theft, the risk score's critical level and "this wasn't me". Open ones first by
 * default; filters live in the URL, so an alert email's link and a shared view survive reloads.
 */
export default function SecurityAlertsPage() {
  usePageTitle(() => "Security alerts", ADMIN_APP_NAME);
  const [search, setSearch] = useSearchParams<Search>();
  const filters = () => ({
    state:
      search.state === ANY ? undefined : (oneOf<AlertState>(ALERT_STATES, search.state) ?? "open"),
    severity: oneOf<AlertSeverity>(ALERT_SEVERITIES, search.severity),
    page: pageParam(search.page),
  });
  const [alerts, { refetch }] = createResource(filters, (current) =>
    listSecurityAlerts(adminApi, current),
  );

  return (
    <div class="ds-container ds-stack">
      <header class="ds-page-header">
        <div>
          <h1>Security alerts</h1>
          <p class="ds-muted">
            One alert per account and kind while unresolved; repeats raise its count. Acknowledge an
            alert when you start looking and resolve it with a note when done.
          </p>
        </div>
      </header>
      <FilteredList
        filters={FILTERS}
        search={search}
        setSearch={setSearch}
        list={alerts}
        noun="Security alerts"
        empty="No alert matches."
        pagerLabel="Security alert pages"
        onRetry={refetch}
      >
        {(items) => <SecurityAlertsTable alerts={items} />}
      </FilteredList>
    </div>
  );
}
