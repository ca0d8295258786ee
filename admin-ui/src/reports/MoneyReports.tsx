import { For, Show } from "solid-js";
import { formatCents } from "~core/billing/lifecycle";
import { isPlan } from "~core/plans/entitlements";
import { FactList } from "~kit/design-system/components/FactList";
import { Table } from "~kit/design-system/components/Table";
import { formatCount } from "~kit/format";
import { PLAN_LABELS } from "../users/labels";
import { ReportCard } from "./ReportCard";
import {
  columnOf,
  formatCentsCompact,
  formatRate,
  type ReportQuery,
  type RevenueScope,
  revenueScopes,
} from "./report-view";
import { TimeSeriesChart } from "./TimeSeriesChart";

/** The money reports (permission `payments.read`): revenue, churn and payment recovery. */

const days = (rows: { day?: unknown }[]) => rows.map((row) => String(row.day));
const scopeLabel = (scope: string) => (isPlan(scope) ? PLAN_LABELS[scope] : "All plans");

/** Starting + new + expansion − contraction − churn = ending, one row per plan. */
function MovementTable(props: { scopes: RevenueScope[] }) {
  return (
    <Table caption="MRR movement over the range, by plan">
      <thead>
        <tr>
          <th scope="col">Plan</th>
          <th scope="col" class="ds-table__num">
            Starting MRR
          </th>
          <th scope="col" class="ds-table__num">
            + New
          </th>
          <th scope="col" class="ds-table__num">
            + Expansion
          </th>
          <th scope="col" class="ds-table__num">
            − Contraction
          </th>
          <th scope="col" class="ds-table__num">
            − Churn
          </th>
          <th scope="col" class="ds-table__num">
            = Ending MRR
          </th>
          <th scope="col" class="ds-table__num">
            ARR
          </th>
        </tr>
      </thead>
      <tbody>
        <For each={props.scopes}>
          {(scope) => (
            <tr>
              <th scope="row">{scopeLabel(scope.scope)}</th>
              <td class="ds-table__num">{formatCents(scope.startingCents)}</td>
              <td class="ds-table__num">{formatCents(scope.newCents)}</td>
              <td class="ds-table__num">{formatCents(scope.expansionCents)}</td>
              <td class="ds-table__num">{formatCents(scope.contractionCents)}</td>
              <td class="ds-table__num">{formatCents(scope.churnCents)}</td>
              <td class="ds-table__num">{formatCents(scope.endingCents)}</td>
              <td class="ds-table__num">{formatCents(scope.endingArrCents)}</td>
            </tr>
          )}
        </For>
      </tbody>
    </Table>
  );
}

export function RevenueReport(props: { query: ReportQuery }) {
  return (
    <ReportCard report="revenue" title="Revenue" csvName="revenue" query={props.query}>
      {(view) => {
        const scopes = revenueScopes(view);
        const total = scopes[0];
        return (
          <>
            <Show when={total}>
              {(shown) => (
                <FactList
                  facts={[
                    { label: "MRR at the end", value: formatCents(shown().endingCents) },
                    { label: "ARR at the end", value: formatCents(shown().endingArrCents) },
                  ]}
                />
              )}
            </Show>
            <MovementTable scopes={scopes} />
            <TimeSeriesChart
              caption="MRR by plan at the end of each day"
              days={total?.days ?? []}
              series={scopes.map((scope) => ({
                label: scopeLabel(scope.scope),
                values: scope.endingByDay,
              }))}
              format={formatCents}
              formatAxis={formatCentsCompact}
              empty="No paying subscriptions in this range."
            />
            <TimeSeriesChart
              caption={`MRR movement per day (${scopeLabel(total?.scope ?? "all")})`}
              days={total?.days ?? []}
              series={[
                { label: "New", values: total?.newByDay ?? [] },
                { label: "Expansion", values: total?.expansionByDay ?? [] },
                { label: "Contraction", values: total?.contractionByDay ?? [] },
                { label: "Churn", values: total?.churnByDay ?? [] },
              ]}
              format={formatCents}
              formatAxis={formatCentsCompact}
              empty="No subscription started, changed or ended in this range."
            />
          </>
        );
      }}
    </ReportCard>
  );
}

export function ChurnReport(props: { query: ReportQuery }) {
  return (
    <ReportCard report="churn" title="Churn" csvName="churn" query={props.query}>
      {(view) => (
        <>
          <FactList
            facts={[
              { label: "Churn rate", value: formatRate(view.summary.rate) },
              { label: "Stopped paying", value: formatCount(view.summary.churned ?? 0) },
              {
                label: "Paying at the start",
                value: formatCount(view.summary.subscribers_at_start ?? 0),
              },
            ]}
          />
          <TimeSeriesChart
            caption="Subscriptions that stopped paying, per day"
            days={days(view.rows)}
            series={[{ label: "Stopped paying", values: columnOf(view.rows, "churned") }]}
            format={formatCount}
            kind="bars"
            empty="No subscription stopped paying in this range."
          />
          <Show when={(view.reasons ?? []).length > 0}>
            <Table caption="Why subscriptions ended">
              <thead>
                <tr>
                  <th scope="col">Reason</th>
                  <th scope="col" class="ds-table__num">
                    Subscriptions
                  </th>
                  <th scope="col" class="ds-table__num">
                    Share
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={view.reasons}>
                  {(reason) => (
                    <tr>
                      <th scope="row">{reason.reason.replaceAll("_", " ")}</th>
                      <td class="ds-table__num">{formatCount(reason.count)}</td>
                      <td class="ds-table__num">
                        {formatRate(
                          view.summary.churned ? reason.count / view.summary.churned : null,
                        )}
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </Table>
          </Show>
        </>
      )}
    </ReportCard>
  );
}

export function RecoveryReport(props: { query: ReportQuery }) {
  return (
    <ReportCard
      report="recovery"
      title="Payment recovery"
      csvName="payment recovery"
      query={props.query}
    >
      {(view) => (
        <>
          <FactList
            facts={[
              {
                label: "Recovery rate (recovered ÷ ended)",
                value: formatRate(view.summary.rate),
              },
              { label: "Dunning runs started", value: formatCount(view.summary.started ?? 0) },
              { label: "Recovered", value: formatCount(view.summary.recovered ?? 0) },
              { label: "Churned", value: formatCount(view.summary.churned ?? 0) },
              { label: "Written off", value: formatCount(view.summary.written_off ?? 0) },
              { label: "Still open", value: formatCount(view.summary.open ?? 0) },
            ]}
          />
          <TimeSeriesChart
            caption="Dunning runs by the day they started, and how they ended"
            days={days(view.rows)}
            series={[
              { label: "Started", values: columnOf(view.rows, "started") },
              { label: "Recovered", values: columnOf(view.rows, "recovered") },
              { label: "Churned", values: columnOf(view.rows, "churned") },
              { label: "Written off", values: columnOf(view.rows, "written_off") },
            ]}
            format={formatCount}
            empty="No dunning run started in this range."
          />
        </>
      )}
    </ReportCard>
  );
}
