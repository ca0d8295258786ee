import { A } from "@solidjs/router";
import { For, Show } from "solid-js";
import { Badge } from "~kit/design-system/components/Badge";
import { Table } from "~kit/design-system/components/Table";
import { formatDateTime } from "~kit/format";
import type { ModerationCase } from "../api/moderation";
import {
  CATEGORY_LABELS,
  confidenceTone,
  SOURCE_LABELS,
  STATUS_LABELS,
  SUBJECT_LABELS,
  statusTone,
} from "./labels";
import { timeLeft } from "./time-left";

/** Only cases waiting for a moderator can be decided (the API answers 409 for the others). */
export const isDecidable = (item: ModerationCase): boolean =>
  item.status === "in_review" || item.status === "escalated";

export interface CasesTableProps {
  cases: ModerationCase[];
  /** The current time (ms), refreshed each minute, for the time left. */
  now: number;
  /** Row checkboxes for bulk decisions, only for those who may decide. */
  selectable: boolean;
  selected: ReadonlySet<string>;
  onSelect: (ids: string[], selected: boolean) => void;
}

/** The review queue, in the order the API gives it: the soonest deadline first. */
export function CasesTable(props: CasesTableProps) {
  const decidable = () => props.cases.filter(isDecidable).map((item) => item.id);
  const allSelected = () =>
    decidable().length > 0 && decidable().every((id) => props.selected.has(id));

  return (
    <div class="moderation-table">
      <Table caption="Moderation cases" hideCaption>
        <thead>
          <tr>
            <Show when={props.selectable}>
              <th scope="col" class="moderation-select">
                <input
                  type="checkbox"
                  aria-label="Select every case on this page that waits for a decision"
                  checked={allSelected()}
                  disabled={decidable().length === 0}
                  onChange={(event) => props.onSelect(decidable(), event.currentTarget.checked)}
                />
              </th>
            </Show>
            <th scope="col">Case</th>
            <th scope="col">Time left</th>
            <th scope="col">Priority</th>
            <th scope="col">Category</th>
            <th scope="col">Confidence</th>
            <th scope="col">Source</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.cases}>
            {(item) => {
              // a decided case has no deadline left to meet
              const left = () =>
                item.status === "closed" ? null : timeLeft(item.sla_due_at, props.now);
              return (
                <tr>
                  <Show when={props.selectable}>
                    <td class="moderation-select">
                      <Show when={isDecidable(item)} fallback="—">
                        <input
                          type="checkbox"
                          aria-label={`Select case ${item.id}`}
                          checked={props.selected.has(item.id)}
                          onChange={(event) =>
                            props.onSelect([item.id], event.currentTarget.checked)
                          }
                        />
                      </Show>
                    </td>
                  </Show>
                  <th scope="row" class="moderation-case">
                    <A href={`/moderation/${encodeURIComponent(item.id)}`}>
                      {SUBJECT_LABELS[item.subject_kind]}
                      <span class="ds-visually-hidden"> case {item.id}</span>
                    </A>
                    <br />
                    <span class="ds-mono ds-muted moderation-id">{item.id}</span>
                    <br />
                    <time class="ds-muted" datetime={item.created_at}>
                      {formatDateTime(item.created_at)}
                    </time>
                  </th>
                  <td>
                    <Show
                      when={left()}
                      fallback={
                        <Show when={item.decided_at} fallback="—">
                          {(decided) => (
                            <span class="ds-muted">Decided {formatDateTime(decided())}</span>
                          )}
                        </Show>
                      }
                    >
                      {(shown) => (
                        <time datetime={item.sla_due_at ?? undefined}>
                          <Badge tone={shown().tone}>{shown().text}</Badge>
                          <span class="ds-visually-hidden">
                            {" "}
                            (due {formatDateTime(item.sla_due_at)})
                          </span>
                        </time>
                      )}
                    </Show>
                  </td>
                  <td>
                    <Show when={item.priority} fallback="—">
                      {(priority) => (
                        <Badge tone={priority() === "critical" ? "error" : "info"}>
                          {priority() === "critical" ? "Critical" : "Standard"}
                        </Badge>
                      )}
                    </Show>
                  </td>
                  <td>{item.category ? CATEGORY_LABELS[item.category] : "—"}</td>
                  <td>
                    <Show when={item.confidence !== null} fallback="—">
                      <Badge tone={confidenceTone(item.confidence ?? 0)}>{item.confidence}</Badge>
                    </Show>
                  </td>
                  <td>
                    {SOURCE_LABELS[item.source]}
                    <Show when={item.report_weight > 0}>
                      <br />
                      <span class="ds-muted">report weight {item.report_weight}</span>
                    </Show>
                  </td>
                  <td>
                    <Badge tone={statusTone(item.status)}>{STATUS_LABELS[item.status]}</Badge>
                  </td>
                </tr>
              );
            }}
          </For>
        </tbody>
      </Table>
    </div>
  );
}
