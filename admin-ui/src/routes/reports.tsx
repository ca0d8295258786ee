import { useSearchParams } from "@solidjs/router";
import { createMemo, Show } from "solid-js";
import { Alert } from "~kit/design-system/components/Alert";
import { Card } from "~kit/design-system/components/Card";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { can } from "../auth/admin-session";
import { ADMIN_APP_NAME } from "../layout/admin-nav";
import { BackfillPanel } from "../reports/BackfillPanel";
import { ChurnReport, RecoveryReport, RevenueReport } from "../reports/MoneyReports";
import { ReportFilters } from "../reports/ReportFilters";
import { parseReportSearch, REPORT_PERMISSIONS, type ReportSearch } from "../reports/report-view";
import { ExportsReport, GrowthReport, UsersReport } from "../reports/UsageReports";
import "../reports/reports.css";

/**
 * The analytics reports (README "Analytics"): usage for `system.metrics`, money for
 * `payments.read`, each section only for those who may read it. Days are UTC days.
 */
export default function ReportsPage() {
  usePageTitle(() => "Reports", ADMIN_APP_NAME);
  const [search, setSearch] = useSearchParams<ReportSearch>();
  const selection = createMemo(() =>
    parseReportSearch(
      { range: search.range, from: search.from, to: search.to, plan: search.plan },
      Date.now(),
    ),
  );
  const query = createMemo(() => {
    const current = selection();
    return current.ok ? current.query : null;
  });
  const usage = () => can(REPORT_PERMISSIONS.users);
  const money = () => can(REPORT_PERMISSIONS.revenue);

  return (
    <div class="ds-container ds-stack">
      <header class="ds-page-header">
        <div>
          <h1>Reports</h1>
          <p class="ds-muted">
            Sign-ups, revenue, churn and usage, day by day in UTC, from the analytics roll-up (every
            five minutes). Each chart's numbers download as CSV.
          </p>
        </div>
        <Show when={usage()}>
          <BackfillPanel />
        </Show>
      </header>
      <Card>
        <ReportFilters selection={selection()} onChange={setSearch} />
      </Card>
      <Show when={!usage() && !money()}>
        <Alert tone="info" title="No reports for this role">
          Reports need the system metrics or the payments read permission.
        </Alert>
      </Show>
      <Show
        when={query()}
        fallback={
          <Alert tone="error" title="Choose another range">
            {(() => {
              const current = selection();
              return current.ok ? "" : current.problem;
            })()}
          </Alert>
        }
      >
        {(current) => (
          <>
            <Show when={usage()}>
              <section class="ds-stack" aria-label="Usage reports">
                <UsersReport query={current()} />
                <div class="report-grid">
                  <ExportsReport query={current()} />
                  <GrowthReport query={current()} />
                </div>
              </section>
            </Show>
            <Show when={money()}>
              <section class="ds-stack" aria-label="Revenue reports">
                <RevenueReport query={current()} />
                <div class="report-grid">
                  <ChurnReport query={current()} />
                  <RecoveryReport query={current()} />
                </div>
              </section>
            </Show>
          </>
        )}
      </Show>
    </div>
  );
}
