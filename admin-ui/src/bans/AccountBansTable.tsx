import { A } from "@solidjs/router";
import { For, Show } from "solid-js";
import { Badge } from "~kit/design-system/components/Badge";
import { Button } from "~kit/design-system/components/Button";
import { Table } from "~kit/design-system/components/Table";
import { formatDateTime } from "~kit/format";
import type { BanListItem } from "../api/bans";
import { BAN_REASON_NAMES, SANCTION_KIND_LABELS, SANCTION_SOURCE_LABELS } from "../standing/labels";
import { sanctionSpan } from "../standing/standing-view";

/**
 * Suspensions and bans across accounts, each linking to its account's standing. "Lift" (for
 * those who may) lifts every active sanction of that account, as on the standing page.
 */
export function AccountBansTable(props: {
  bans: BanListItem[];
  canLift: boolean;
  onLift: (ban: BanListItem) => void;
}) {
  return (
    <div class="moderation-table">
      <Table caption="Suspensions and bans" hideCaption>
        <thead>
          <tr>
            <th scope="col">Account</th>
            <th scope="col">Type</th>
            <th scope="col">Reason</th>
            <th scope="col">When</th>
            <th scope="col">By, and why</th>
            <Show when={props.canLift}>
              <th scope="col">
                <span class="ds-visually-hidden">Actions</span>
              </th>
            </Show>
          </tr>
        </thead>
        <tbody>
          <For each={props.bans}>
            {(ban) => (
              <tr>
                <th scope="row" class="moderation-case">
                  <A href={`/users/${encodeURIComponent(ban.user_id)}/standing`}>
                    <span class="moderation-id">{ban.user_email}</span>
                    <span class="ds-visually-hidden"> (account standing)</span>
                  </A>
                </th>
                <td>
                  {SANCTION_KIND_LABELS[ban.kind]}{" "}
                  <Show when={ban.active}>
                    <Badge tone="error">In force</Badge>
                  </Show>
                </td>
                <td>{BAN_REASON_NAMES[ban.reason]}</td>
                <td>{sanctionSpan(ban, formatDateTime)}</td>
                <td>
                  {SANCTION_SOURCE_LABELS[ban.source]}:{" "}
                  <span class="ds-mono">{ban.created_by}</span>
                  <Show when={ban.note}>
                    {(note) => (
                      <>
                        <br />
                        <span class="ds-muted">{note()}</span>
                      </>
                    )}
                  </Show>
                </td>
                <Show when={props.canLift}>
                  <td>
                    <Show when={ban.active}>
                      <Button size="sm" variant="outline" onClick={() => props.onLift(ban)}>
                        Lift
                        <span class="ds-visually-hidden"> the sanctions of {ban.user_email}</span>
                      </Button>
                    </Show>
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
