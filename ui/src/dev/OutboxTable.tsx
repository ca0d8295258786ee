import { A } from "@solidjs/router";
import { For } from "solid-js";
import { Table } from "~ds/components/Table";
import type { OutboxEmail } from "~shared/api/outbox";
import { formatDateTime } from "~shared/format";

export interface OutboxTableProps {
  emails: OutboxEmail[];
  selectedId: string | undefined;
  /** Link that opens one email, keeping the current search and page. */
  hrefFor: (id: string) => string;
}

export function OutboxTable(props: OutboxTableProps) {
  return (
    <Table caption="Emails, newest first" hideCaption>
      <thead>
        <tr>
          <th scope="col">Subject</th>
          <th scope="col">To</th>
          <th scope="col">Template</th>
          <th scope="col">Stored</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.emails}>
          {(email) => (
            <tr classList={{ "is-selected": email.id === props.selectedId }}>
              <th scope="row" class="outbox-subject">
                <A
                  href={props.hrefFor(email.id)}
                  aria-current={email.id === props.selectedId ? "true" : undefined}
                >
                  {email.subject}
                </A>
              </th>
              <td>{email.to}</td>
              <td class="ds-mono">{email.template}</td>
              <td>{formatDateTime(email.created_at)}</td>
            </tr>
          )}
        </For>
      </tbody>
    </Table>
  );
}
