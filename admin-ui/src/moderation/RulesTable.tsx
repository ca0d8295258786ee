import { For, Show } from "solid-js";
import { Badge } from "~kit/design-system/components/Badge";
import { Button } from "~kit/design-system/components/Button";
import { Table } from "~kit/design-system/components/Table";
import type { ModerationRuleView } from "../api/moderation";
import { CATEGORY_LABELS, ORIGIN_LABELS, RULE_KIND_LABELS } from "./labels";

export interface RulesTableProps {
  rules: ModerationRuleView[];
  /** Edit and remove are offered only to those holding content.moderate (the API checks again). */
  canEdit: boolean;
  onEdit: (view: ModerationRuleView) => void;
  onRemove: (view: ModerationRuleView) => void;
}

/** The rules in force, with where each comes from and why one is not in force. */
export function RulesTable(props: RulesTableProps) {
  return (
    <div class="moderation-table">
      <Table caption="Moderation rules" hideCaption>
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">Kind</th>
            <th scope="col">Category</th>
            <th scope="col">Pattern</th>
            <th scope="col">Confidence</th>
            <th scope="col">Enabled</th>
            <th scope="col">Origin</th>
            <th scope="col">Problem</th>
            <Show when={props.canEdit}>
              <th scope="col">Actions</th>
            </Show>
          </tr>
        </thead>
        <tbody>
          <For each={props.rules}>
            {(view) => (
              <tr>
                <th scope="row">
                  <span class="ds-mono">{view.rule.id}</span>
                  <Show when={view.rule.note}>
                    {(note) => (
                      <>
                        <br />
                        <span class="ds-muted moderation-rule__note">{note()}</span>
                      </>
                    )}
                  </Show>
                </th>
                <td>{RULE_KIND_LABELS[view.rule.kind]}</td>
                <td>{CATEGORY_LABELS[view.rule.category]}</td>
                <td class="ds-mono moderation-rule__pattern">{view.rule.pattern}</td>
                <td>{view.rule.confidence}</td>
                <td>
                  <Badge tone={view.rule.enabled ? "success" : "neutral"}>
                    {view.rule.enabled ? "On" : "Off"}
                  </Badge>
                </td>
                <td>
                  <Badge tone={view.origin === "built_in" ? "neutral" : "info"}>
                    {ORIGIN_LABELS[view.origin]}
                  </Badge>
                </td>
                <td class="moderation-rule__problem">
                  <Show when={view.problem} fallback="—">
                    {(problem) => <span class="moderation-problem">{problem()}</span>}
                  </Show>
                </td>
                <Show when={props.canEdit}>
                  <td>
                    <div class="ds-cluster moderation-rule__actions">
                      <Button size="sm" variant="secondary" onClick={() => props.onEdit(view)}>
                        Edit<span class="ds-visually-hidden"> {view.rule.id}</span>
                      </Button>
                      <Show when={view.origin !== "built_in"}>
                        <Button size="sm" variant="ghost" onClick={() => props.onRemove(view)}>
                          {view.origin === "edited" ? "Revert" : "Delete"}
                          <span class="ds-visually-hidden"> {view.rule.id}</span>
                        </Button>
                      </Show>
                    </div>
                  </td>
                </Show>
              </tr>
            )}
          </For>
        </tbody>
      </Table>
    </div>
  );
}
