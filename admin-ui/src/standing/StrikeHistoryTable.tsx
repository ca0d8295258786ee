import { For, type JSX, Show } from "solid-js";
import { Badge } from "~kit/design-system/components/Badge";
import { Table } from "~kit/design-system/components/Table";
import { formatDateTime } from "~kit/format";
import type { StrikeView } from "../api/standing";
import { CATEGORY_LABELS } from "../moderation/labels";
import {
  STRIKE_SEVERITY_LABELS,
  STRIKE_SOURCE_LABELS,
  STRIKE_STATUS_LABELS,
  severityTone,
} from "./labels";

/** A column after the ones every strikes table has. */
export interface StrikeColumn {
  heading: string;
  cell: (strike: StrikeView) => JSX.Element;
  class?: string;
}

const strikeTone = (status: StrikeView["status"]) => (status === "active" ? "warning" : "neutral");

/**
 * Strikes as staff read them everywhere (the standing page, an appeal, a case): when given, for
 * what, how severe, from where, and whether each still counts — then the columns of the page.
 */
export function StrikeHistoryTable(props: {
  /** The table's accessible name. */
  caption: string;
  strikes: StrikeView[];
  /** Who gave each strike beside its source, for tables without a "By" column. */
  actorWithSource?: boolean;
  columns: StrikeColumn[];
}) {
  return (
    <Table caption={props.caption} hideCaption>
      <thead>
        <tr>
          <th scope="col">Given</th>
          <th scope="col">Category</th>
          <th scope="col">Severity</th>
          <th scope="col">Source</th>
          <th scope="col">Status</th>
          <For each={props.columns}>{(column) => <th scope="col">{column.heading}</th>}</For>
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
              <td>
                {STRIKE_SOURCE_LABELS[strike.source]}
                <Show when={props.actorWithSource && strike.actor}>
                  {(actor) => <span class="ds-muted ds-mono"> {actor()}</span>}
                </Show>
              </td>
              <td>
                <Badge tone={strikeTone(strike.status)}>
                  {STRIKE_STATUS_LABELS[strike.status]}
                </Badge>
                <Show when={strike.revoked_at ?? strike.expired_at}>
                  {(at) => <span class="ds-muted"> {formatDateTime(at())}</span>}
                </Show>
              </td>
              <For each={props.columns}>
                {(column) => <td class={column.class}>{column.cell(strike)}</td>}
              </For>
            </tr>
          )}
        </For>
      </tbody>
    </Table>
  );
}
