import { A } from "@solidjs/router";
import { For } from "solid-js";
import {
  STAFF_TICKET_STATUS_LABELS,
  TICKET_CATEGORY_LABELS,
  ticketAge,
  ticketStatusTone,
} from "~core/support/ticket-view";
import { Badge } from "~kit/design-system/components/Badge";
import { Table } from "~kit/design-system/components/Table";
import { formatDateTime } from "~kit/format";
import type { TicketQueueItem } from "../api/support";

/** The queue as the API orders it (open first, longest wait first); each row opens the ticket. */
export function TicketQueueTable(props: { tickets: TicketQueueItem[] }) {
  return (
    <div class="moderation-table">
      <Table caption="Support tickets" hideCaption>
        <thead>
          <tr>
            <th scope="col">Ticket</th>
            <th scope="col">From</th>
            <th scope="col">Topic</th>
            <th scope="col">Status</th>
            <th scope="col">Waiting</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.tickets}>
            {(ticket) => {
              const age = ticketAge(ticket);
              return (
                <tr>
                  <th scope="row">
                    <A href={`/support/${encodeURIComponent(ticket.id)}`}>{ticket.subject}</A>
                    <br />
                    <span class="ds-muted">
                      Opened{" "}
                      <time datetime={ticket.created_at}>{formatDateTime(ticket.created_at)}</time>,{" "}
                      {ticket.message_count} {ticket.message_count === 1 ? "message" : "messages"}
                    </span>
                  </th>
                  <td>
                    {ticket.user_name}
                    <br />
                    <span class="moderation-id">{ticket.user_email}</span>
                  </td>
                  <td>{TICKET_CATEGORY_LABELS[ticket.category]}</td>
                  <td>
                    <Badge tone={ticketStatusTone(ticket.status)}>
                      {STAFF_TICKET_STATUS_LABELS[ticket.status]}
                    </Badge>
                  </td>
                  <td>
                    <Badge tone={age.tone}>{age.text}</Badge>
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
