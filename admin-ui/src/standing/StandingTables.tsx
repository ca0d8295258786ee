import { A } from "@solidjs/router";
import { For, Show } from "solid-js";
import { Badge } from "~kit/design-system/components/Badge";
import { Table } from "~kit/design-system/components/Table";
import { formatDateTime } from "~kit/format";
import type { EscalationRequestView, SanctionView, StrikeView } from "../api/standing";
import { CATEGORY_LABELS } from "../moderation/labels";
import {
  BAN_REASON_NAMES,
  REQUEST_KIND_LABELS,
  SANCTION_KIND_LABELS,
  SANCTION_SOURCE_LABELS,
  STRIKE_SEVERITY_LABELS,
  STRIKE_SOURCE_LABELS,
  STRIKE_STATUS_LABELS,
  severityTone,
} from "./labels";
import { sanctionSpan } from "./standing-view";

const strikeTone = (status: StrikeView["status"]) => (status === "active" ? "warning" : "neutral");

/** Every strike, newest first, with the case it came from when there is one. */
export function StrikesTable(props: { strikes: StrikeView[] }) {
  return (
    <Table caption="Strikes" hideCaption>
      <thead>
        <tr>
          <th scope="col">Given</th>
          <th scope="col">Category</th>
          <th scope="col">Severity</th>
          <th scope="col">Source</th>
          <th scope="col">Status</th>
          <th scope="col">Reason</th>
          <th scope="col">By</th>
          <th scope="col">Case</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.strikes}>
          {(strike) => (
            <tr>
              <td>{formatDateTime(strike.created_at)}</td>
              <td>{CATEGORY_LABELS[strike.category]}</td>
              <td>
                <Badge tone={severityTone(strike.severity)}>
                  {STRIKE_SEVERITY_LABELS[strike.severity]}
                </Badge>
              </td>
              <td>{STRIKE_SOURCE_LABELS[strike.source]}</td>
              <td>
                <Badge tone={strikeTone(strike.status)}>
                  {STRIKE_STATUS_LABELS[strike.status]}
                </Badge>
                <Show when={strike.revoked_at ?? strike.expired_at}>
                  {(at) => <span class="ds-muted"> {formatDateTime(at())}</span>}
                </Show>
              </td>
              <td>{strike.reason ?? "—"}</td>
              <td class="ds-mono">{strike.actor ?? "—"}</td>
              <td>
                <Show when={strike.case_id} fallback="—">
                  {(caseId) => (
                    <A href={`/moderation/${encodeURIComponent(caseId())}`} class="ds-mono">
                      {caseId()}
                    </A>
                  )}
                </Show>
              </td>
            </tr>
          )}
        </For>
      </tbody>
    </Table>
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
