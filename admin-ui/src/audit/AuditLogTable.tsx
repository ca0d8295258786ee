import { For, Show } from "solid-js";
import { Table } from "~kit/design-system/components/Table";
import { formatDateTime } from "~kit/format";
import type { AuditEntry } from "../api/audit-log";
import { roleLabel } from "../auth/admin-session";

export function AuditLogTable(props: { entries: AuditEntry[] }) {
  return (
    <Table caption="Audit log entries" hideCaption>
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Action</th>
          <th scope="col">Actor</th>
          <th scope="col">Resource</th>
          <th scope="col">Origin</th>
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.entries}>
          {(entry) => (
            <tr>
              <td>
                <time datetime={entry.at}>{formatDateTime(entry.at)}</time>
              </td>
              <th scope="row" class="ds-mono">
                {entry.action}
              </th>
              <td>
                <span class="ds-mono">{entry.actor_id}</span>
                <br />
                <span class="ds-muted">{roleLabel(entry.actor_role)}</span>
              </td>
              <td>
                <span class="ds-mono">
                  {entry.resource_type}
                  <Show when={entry.resource_id}>{(id) => `: ${id()}`}</Show>
                </span>
              </td>
              <td>
                <span class="ds-mono">{entry.ip ?? "—"}</span>
                <Show when={entry.request_id}>
                  {(requestId) => (
                    <>
                      <br />
                      <span class="ds-muted">
                        request <span class="ds-mono">{requestId()}</span>
                      </span>
                    </>
                  )}
                </Show>
              </td>
              <td>
                <Show when={Object.keys(entry.details).length > 0 || entry.user_agent} fallback="—">
                  <details class="audit-entry-details">
                    <summary>
                      Show<span class="ds-visually-hidden"> details of {entry.action}</span>
                    </summary>
                    <pre class="audit-details">
                      {JSON.stringify({ ...entry.details, user_agent: entry.user_agent }, null, 2)}
                    </pre>
                  </details>
                </Show>
              </td>
            </tr>
          )}
        </For>
      </tbody>
    </Table>
  );
}
