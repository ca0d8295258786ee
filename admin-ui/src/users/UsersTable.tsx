import { A } from "@solidjs/router";
import { createRenderEffect, For, Show } from "solid-js";
import type { AdminUsersQuery, UserSortField } from "~core/contract/admin-users";
import { Badge } from "~kit/design-system/components/Badge";
import { Table } from "~kit/design-system/components/Table";
import { formatDateTime } from "~kit/format";
import type { AdminUserSummary } from "../api/users";
import { roleLabel } from "../auth/admin-session";
import { USER_STATUS_LABELS, userStatusTone } from "../standing/labels";
import { PLAN_LABELS } from "./labels";
import { ariaSort, SORT_LABELS } from "./user-list-view";

/** A column heading that sorts by its column: a button, with `aria-sort` on the heading. */
function SortHeading(props: {
  field: UserSortField;
  query: AdminUsersQuery;
  onSort: (field: UserSortField) => void;
}) {
  const state = () => ariaSort(props.query, props.field);
  return (
    <th scope="col" aria-sort={state()}>
      <button type="button" class="users-sort" onClick={() => props.onSort(props.field)}>
        {SORT_LABELS[props.field]}
        <span aria-hidden="true">
          {state() === "ascending" ? " ▲" : state() === "descending" ? " ▼" : ""}
        </span>
      </button>
    </th>
  );
}

/** The row checkboxes of the bulk actions (README "Admin: users", bulk actions). */
export interface RowSelection {
  isSelected: (id: string) => boolean;
  /** Every matching account is selected: the boxes show it and cannot be unticked one by one. */
  allMatching: boolean;
  onSelect: (ids: string[], selected: boolean) => void;
}

/** The Users list: each row links to the account's page; rows can be ticked for bulk actions. */
export function UsersTable(props: {
  users: AdminUserSummary[];
  query: AdminUsersQuery;
  onSort: (field: UserSortField) => void;
  selection?: RowSelection;
}) {
  const pageIds = () => props.users.map((user) => user.id);
  const ticked = () => pageIds().filter((id) => props.selection?.isSelected(id)).length;
  return (
    <Table caption="Accounts" hideCaption>
      <thead>
        <tr>
          <Show when={props.selection}>
            {(selection) => (
              <th scope="col" class="users-select">
                <input
                  type="checkbox"
                  aria-label="Select every account on this page"
                  checked={ticked() > 0 && ticked() === props.users.length}
                  ref={(box) =>
                    // some rows ticked: "mixed", which only the DOM property can say
                    createRenderEffect(() => {
                      box.indeterminate = ticked() > 0 && ticked() < props.users.length;
                    })
                  }
                  disabled={selection().allMatching}
                  onChange={(event) => selection().onSelect(pageIds(), event.currentTarget.checked)}
                />
              </th>
            )}
          </Show>
          <SortHeading field="email" query={props.query} onSort={props.onSort} />
          <th scope="col">Name</th>
          <th scope="col">Status</th>
          <th scope="col">Plan</th>
          <th scope="col">Role</th>
          <SortHeading field="created_at" query={props.query} onSort={props.onSort} />
          <SortHeading field="last_login_at" query={props.query} onSort={props.onSort} />
        </tr>
      </thead>
      <tbody>
        <For each={props.users}>
          {(user) => (
            <tr>
              <Show when={props.selection}>
                {(selection) => (
                  <td class="users-select">
                    <input
                      type="checkbox"
                      aria-label={`Select ${user.email}`}
                      checked={selection().isSelected(user.id)}
                      disabled={selection().allMatching}
                      onChange={(event) =>
                        selection().onSelect([user.id], event.currentTarget.checked)
                      }
                    />
                  </td>
                )}
              </Show>
              <th scope="row" class="users-email">
                <A href={`/users/${encodeURIComponent(user.id)}`}>{user.email}</A>
                <Show when={user.mfa_enabled}>
                  {" "}
                  <Badge tone="info">2FA</Badge>
                </Show>
              </th>
              <td>{user.name}</td>
              <td>
                <Badge tone={userStatusTone(user.status)}>{USER_STATUS_LABELS[user.status]}</Badge>
              </td>
              <td>{PLAN_LABELS[user.plan]}</td>
              <td>{roleLabel(user.role)}</td>
              <td>
                <time datetime={user.created_at}>{formatDateTime(user.created_at)}</time>
              </td>
              <td>
                <Show when={user.last_login_at} fallback={<span class="ds-muted">Never</span>}>
                  {(at) => <time datetime={at()}>{formatDateTime(at())}</time>}
                </Show>
              </td>
            </tr>
          )}
        </For>
      </tbody>
    </Table>
  );
}
