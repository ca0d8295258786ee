import { createEffect, createSignal, on, Show } from "solid-js";
import { STAFF_TICKET_STATUS_LABELS } from "~core/support/ticket-view";
import { TICKET_STATUSES, type TicketStatus } from "~core/support/tickets";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { Select } from "~kit/design-system/components/Select";
import { describeError } from "~kit/forms/describe-error";
import { adminApi } from "../api/admin-api";
import { setTicketStatus } from "../api/support";

const OPTIONS = TICKET_STATUSES.map((value) => ({
  value,
  label: STAFF_TICKET_STATUS_LABELS[value],
}));

/**
 * Sets a ticket's status (solved when done, open to take it back). Setting the status it
 * already has changes nothing on the server, so a double click is harmless.
 */
export function TicketStatusControl(props: {
  ticketId: string;
  status: TicketStatus;
  onChanged: () => void;
}) {
  const [chosen, setChosen] = createSignal<TicketStatus>(props.status);
  const [failure, setFailure] = createSignal<string | null>(null);
  const [saving, setSaving] = createSignal(false);
  // a reply or another agent moves the status: show where it stands now
  createEffect(on(() => props.status, setChosen, { defer: true }));

  async function save(event: SubmitEvent) {
    event.preventDefault();
    if (saving()) return;
    setFailure(null);
    setSaving(true);
    try {
      await setTicketStatus(adminApi, props.ticketId, chosen());
      props.onChanged();
    } catch (cause) {
      setFailure(describeError(cause));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form class="ds-stack" aria-label="Ticket status" onSubmit={save}>
      <Select
        label="Status"
        options={OPTIONS}
        value={chosen()}
        onChange={(value) => setChosen(value as TicketStatus)}
      />
      <Show when={failure()}>
        {(message) => (
          <Alert tone="error" title="The status was not changed">
            {message()}
          </Alert>
        )}
      </Show>
      <div class="ds-cluster">
        <Button
          type="submit"
          variant="outline"
          loading={saving()}
          disabled={chosen() === props.status}
        >
          Set status
        </Button>
      </div>
    </form>
  );
}
