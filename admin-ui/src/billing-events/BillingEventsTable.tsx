import { For, Show } from "solid-js";
import { Badge } from "~kit/design-system/components/Badge";
import { Button } from "~kit/design-system/components/Button";
import { Table } from "~kit/design-system/components/Table";
import { formatDateTime } from "~kit/format";
import type { BillingEvent } from "../api/billing-events";
import { billingEventLabel, billingEventTone } from "./billing-event-status";

export interface BillingEventsTableProps {
  events: BillingEvent[];
  /** Retry and Skip are offered only to those holding payments.write (the API checks again). */
  canAct: boolean;
  /** The event an alert linked to, marked in the table. */
  highlighted?: string;
  /** The event whose action is in flight: its buttons show a spinner and take no presses. */
  busy: string | null;
  onRetry: (event: BillingEvent) => void;
  onSkip: (event: BillingEvent) => void;
}

export function BillingEventsTable(props: BillingEventsTableProps) {
  return (
    <Table caption="Stripe events" hideCaption>
      <thead>
        <tr>
          <th scope="col">Event</th>
          <th scope="col">Status</th>
          <th scope="col">Customer</th>
          <th scope="col">Reason</th>
          <th scope="col">Received</th>
          <Show when={props.canAct}>
            <th scope="col">Actions</th>
          </Show>
        </tr>
      </thead>
      <tbody>
        <For each={props.events}>
          {(event) => (
            <tr
              class={
                event.event_id === props.highlighted ? "billing-event--highlighted" : undefined
              }
              aria-current={event.event_id === props.highlighted ? "true" : undefined}
            >
              <th scope="row">
                <span class="ds-mono">{event.event_id}</span>
                <br />
                <span class="ds-muted">{event.type}</span>
              </th>
              <td>
                <Badge tone={billingEventTone(event.status)}>
                  {billingEventLabel(event.status)}
                </Badge>
              </td>
              <td>
                <span class="ds-mono">{event.customer_id ?? "—"}</span>
                <Show when={event.account}>
                  {(account) => (
                    <>
                      <br />
                      <span class="ds-muted">{account().email}</span>
                    </>
                  )}
                </Show>
              </td>
              <td class="billing-event__reason">{event.error ?? "—"}</td>
              <td>
                <time datetime={event.received_at}>{formatDateTime(event.received_at)}</time>
              </td>
              <Show when={props.canAct}>
                <td class="billing-event__actions">
                  <Show when={event.status === "failed"} fallback="—">
                    <div class="ds-cluster">
                      <Button
                        size="sm"
                        variant="secondary"
                        icon="refresh"
                        loading={props.busy === event.event_id}
                        onClick={() => props.onRetry(event)}
                      >
                        Retry<span class="ds-visually-hidden"> {event.event_id}</span>
                      </Button>
                      <Button
                        size="sm"
                        variant="ghost"
                        disabled={props.busy === event.event_id}
                        onClick={() => props.onSkip(event)}
                      >
                        Skip<span class="ds-visually-hidden"> {event.event_id}</span>
                      </Button>
                    </div>
                  </Show>
                </td>
              </Show>
            </tr>
          )}
        </For>
      </tbody>
    </Table>
  );
}
