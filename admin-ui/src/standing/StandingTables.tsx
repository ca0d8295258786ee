import { A } from "@solidjs/router";
import { For, Show } from "solid-js";
import { Badge } from "~kit/design-system/components/Badge";
import { Table } from "~kit/design-system/components/Table";
import { formatDateTime } from "~kit/format";
import type { EscalationRequestView, SanctionView, StrikeView } from "../api/standing";
import {
  BAN_REASON_NAMES,
  REQUEST_KIND_LABELS,
  SANCTION_KIND_LABELS,
  SANCTION_SOURCE_LABELS,
} from "./labels";
import { type StrikeColumn, StrikeHistoryTable } from "./StrikeHistoryTable";
import { sanctionSpan } from "./standing-view";

const STANDING_COLUMNS: StrikeColumn[] = [
  { heading: "Reason", cell: (strike) => strike.reason ?? "—" },
  { heading: "By", cell: (strike) => strike.actor ?? "—", class: "ds-mono" },
  {
    heading: "Case",
    cell: (strike) => (
      <Show when={strike.case_id} fallback="—">
        {(caseId) => (
          <A href={`/moderation/${encodeURIComponent(caseId())}`} class="ds-mono">
            {caseId()}
          </A>
        )}
      </Show>
    ),
  },
];

/** Every strike, newest first, with the case it came from when there is one. */
export function StrikesTable(props: { strikes: StrikeView[] }) {
  return (
    <StrikeHistoryTable caption="Strikes" strikes={props.strikes} columns={STANDING_COLUMNS} />
  );
}

/** Suspensions and bans, with who lifted them and why. */
export function SanctionsTable(props: { sanctions: SanctionView[] }) {
  return (
    <Table caption="Suspensions and bans" hideCaption>
      <thead>
        <tr>
          <th scope="col">Kind</th>
          <th scope="col">Reason</th>
          <th scope="col">Source</th>
          <th scope="col">When</th>
          <th scope="col">Note</th>
          <th scope="col">By</th>
          <th scope="col">Lifted</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.sanctions}>
          {(sanction) => (
            <tr>
              <td>
                {SANCTION_KIND_LABELS[sanction.kind]}{" "}
                <Show when={sanction.active}>
                  <Badge tone="error">Active</Badge>
                </Show>
              </td>
              <td>{BAN_REASON_NAMES[sanction.reason]}</td>
              <td>
                {SANCTION_SOURCE_LABELS[sanction.source]}
                <Show when={sanction.strike_count !== null}>
                  <span class="ds-muted"> ({sanction.strike_count} strikes)</span>
                </Show>
              </td>
              <td>{sanctionSpan(sanction, formatDateTime)}</td>
              <td>{sanction.note ?? "—"}</td>
              <td class="ds-mono">{sanction.created_by}</td>
              <td>
                <Show when={sanction.lifted_at} fallback="—">
                  <span class="ds-mono">{sanction.lifted_by ?? "—"}</span>
                  <Show when={sanction.lift_reason}>{(why) => <>: {why()}</>}</Show>
                </Show>
              </td>
            </tr>
          )}
        </For>
      </tbody>
    </Table>
  );
}

/** What the ban escalation workflow was asked to do, and what each request did. */
export function RequestsTable(props: { requests: EscalationRequestView[] }) {
  return (
    <Table caption="Escalation requests" hideCaption>
      <thead>
        <tr>
          <th scope="col">Asked</th>
          <th scope="col">Kind</th>
          <th scope="col">By</th>
          <th scope="col">Processed</th>
          <th scope="col">Result</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.requests}>
          {(request) => (
            <tr>
              <td>{formatDateTime(request.created_at)}</td>
              <td>{REQUEST_KIND_LABELS[request.kind]}</td>
              <td class="ds-mono">{request.actor}</td>
              <td>
                <Show when={request.processed_at} fallback={<Badge tone="info">Waiting</Badge>}>
                  {(at) => formatDateTime(at())}
                </Show>
              </td>
              <td>{request.result ?? "—"}</td>
            </tr>
          )}
        </For>
      </tbody>
    </Table>
  );
}
