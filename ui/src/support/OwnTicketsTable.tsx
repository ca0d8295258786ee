import { A } from "@solidjs/router";
import { For } from "solid-js";
import type { TicketView } from "~core/contract/support";
import {
  OWN_TICKET_STATUS_LABELS,
  TICKET_CATEGORY_LABELS,
  ticketStatusTone,
} from "~core/support/ticket-view";
import { Badge } from "~kit/design-system/components/Badge";
import { Table } from "~kit/design-system/components/Table";
import { formatDateTime } from "~kit/format";

/** The person's tickets, newest first; each opens its thread. */
export function OwnTicketsTable(props: { tickets: TicketView[] }) {
  return (
    <Table caption="Your support tickets" hideCaption>
      <thead>
        <tr>
          <th scope="col">Subject</th>
          <th scope="col">Topic</th>
          <th scope="col">Status</th>
          <th scope="col">Last update</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.tickets}>
          {(ticket) => (
            <tr>
              <th scope="row">
                <A href={`/support/${encodeURIComponent(ticket.id)}`}>{ticket.subject}</A>
              </th>
              <td>{TICKET_CATEGORY_LABELS[ticket.category]}</td>
              <td>
                <Badge tone={ticketStatusTone(ticket.status)}>
                  {OWN_TICKET_STATUS_LABELS[ticket.status]}
                </Badge>
              </td>
              <td>
                <time datetime={ticket.updated_at}>{formatDateTime(ticket.updated_at)}</time>
              </td>
            </tr>
          )}
        </For>
      </tbody>
    </Table>
  );
}
