import { A } from "@solidjs/router";
import { For, Show } from "solid-js";
import { Badge } from "~kit/design-system/components/Badge";
import { Table } from "~kit/design-system/components/Table";
import { formatDateTime } from "~kit/format";
import type { LinkedAccount } from "../api/bans";
import { LINK_SIGNAL_LABELS, mayBanLinked } from "../bans/ban-view";
import { USER_STATUS_LABELS, userStatusTone } from "./labels";

/**
 * The accounts linked to one, with every signal that links each; a checkbox per account that
 * may still be banned, for those who may ban.
 */
export function LinkedAccountsTable(props: {
  accounts: LinkedAccount[];
  selectable: boolean;
  selected: ReadonlySet<string>;
  onSelect: (userId: string, selected: boolean) => void;
}) {
  return (
    <div class="moderation-table">
      <Table caption="Linked accounts" hideCaption>
        <thead>
          <tr>
            <Show when={props.selectable}>
              <th scope="col" class="moderation-select">
                <span class="ds-visually-hidden">Select</span>
              </th>
            </Show>
            <th scope="col">Account</th>
            <th scope="col">Status</th>
            <th scope="col">Linked by</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.accounts}>
            {(account) => (
              <tr>
                <Show when={props.selectable}>
                  <td class="moderation-select">
                    <Show when={mayBanLinked(account.status)} fallback="—">
                      <input
                        type="checkbox"
                        aria-label={`Select ${account.email}`}
                        checked={props.selected.has(account.user_id)}
                        onChange={(event) =>
                          props.onSelect(account.user_id, event.currentTarget.checked)
                        }
                      />
                    </Show>
                  </td>
                </Show>
                <th scope="row" class="moderation-case">
                  <A href={`/users/${encodeURIComponent(account.user_id)}/standing`}>
                    <span class="moderation-id">{account.email}</span>
                    <span class="ds-visually-hidden"> (account standing)</span>
                  </A>
                </th>
                <td>
                  <Badge tone={userStatusTone(account.status)}>
                    {USER_STATUS_LABELS[account.status]}
                  </Badge>
                </td>
                <td>
                  <ul class="moderation-results">
                    <For each={account.signals}>
                      {(signal) => (
                        <li>
                          {LINK_SIGNAL_LABELS[signal.kind]}:{" "}
                          <span class="ds-mono moderation-id">{signal.detail}</span>
                        </li>
                      )}
                    </For>
                  </ul>
                </td>
                <td>{formatDateTime(account.created_at)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </Table>
    </div>
  );
}
