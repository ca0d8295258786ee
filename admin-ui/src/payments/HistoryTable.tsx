import { For } from "solid-js";
import { Table } from "~kit/design-system/components/Table";
import { formatDateTime } from "~kit/format";
import type { AdminInvoiceDetail } from "../api/payments";

type Entry = AdminInvoiceDetail["events"][number];

/** Billing history lines: what happened, who said so (webhook, api, workflow), the details. */
export function HistoryTable(props: { events: Entry[]; caption: string }) {
  return (
    <Table caption={props.caption} hideCaption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Event</th>
          <th scope="col">Source</th>
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.events}>
          {(entry) => (
            <tr>
              <td>{formatDateTime(entry.created_at)}</td>
              <th scope="row" class="ds-mono">
                {entry.type}
              </th>
              <td>{entry.source}</td>
              <td class="payments-cell--wrap ds-mono">{JSON.stringify(entry.detail)}</td>
            </tr>
          )}
        </For>
      </tbody>
    </Table>
  );
}
