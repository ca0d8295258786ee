import { FactList } from "~kit/design-system/components/FactList";
import { formatCount } from "~kit/format";
import { ReportCard } from "./ReportCard";
import { columnOf, type ReportQuery } from "./report-view";
import { TimeSeriesChart } from "./TimeSeriesChart";

/** The usage reports (permission `system.metrics`): users, exports and growth. */

const days = (rows: { day?: unknown }[]) => rows.map((row) => String(row.day));
const count = (value: number | null | undefined) => formatCount(value ?? 0);

export function UsersReport(props: { query: ReportQuery }) {
  return (
    <ReportCard report="users" title="Users" csvName="sign-ups" query={props.query}>
      {(view) => (
        <>
          <FactList
            facts={[
              { label: "Sign-ups", value: count(view.summary.signups) },
              { label: "Verified addresses", value: count(view.summary.verified) },
            ]}
          />
          <TimeSeriesChart
            caption="Sign-ups, verified addresses and active users per day"
            days={days(view.rows)}
            series={[
              { label: "Sign-ups", values: columnOf(view.rows, "signups") },
              { label: "Verified", values: columnOf(view.rows, "verified") },
              { label: "Active users", values: columnOf(view.rows, "active") },
            ]}
            format={formatCount}
            empty="No sign-ups and no active users in this range."
          />
        </>
      )}
    </ReportCard>
  );
}

export function ExportsReport(props: { query: ReportQuery }) {
  return (
    <ReportCard report="exports" title="Exports" csvName="exports" query={props.query}>
      {(view) => (
        <>
          <FactList facts={[{ label: "Exports", value: count(view.summary.exports) }]} />
          <TimeSeriesChart
            caption="Exports completed per day"
            days={days(view.rows)}
            series={[{ label: "Exports", values: columnOf(view.rows, "exports") }]}
            format={formatCount}
            kind="bars"
            empty="No exports in this range."
          />
        </>
      )}
    </ReportCard>
  );
}

export function GrowthReport(props: { query: ReportQuery }) {
  return (
    <ReportCard report="growth" title="Growth" csvName="growth" query={props.query}>
      {(view) => (
        <>
          <FactList
            facts={[
              { label: "Accounts at the end", value: count(view.summary.total_users) },
              { label: "Paying subscriptions", value: count(view.summary.paid_subscribers) },
            ]}
          />
          <TimeSeriesChart
            caption="Accounts and paying subscriptions over time"
            days={days(view.rows)}
            series={[
              { label: "Accounts", values: columnOf(view.rows, "total_users") },
              { label: "Paying subscriptions", values: columnOf(view.rows, "paid_subscribers") },
            ]}
            format={formatCount}
            empty="No accounts yet by the end of this range."
          />
        </>
      )}
    </ReportCard>
  );
}
