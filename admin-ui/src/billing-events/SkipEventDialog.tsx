import { createSignal, Show } from "solid-js";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { Modal } from "~kit/design-system/components/Modal";
import { Textarea } from "~kit/design-system/components/Textarea";
import { describeError } from "~kit/forms/describe-error";
import type { BillingEvent } from "../api/billing-events";

const MAX_REASON = 500;

export interface SkipEventDialogProps {
  /** The event to skip; the dialog is open while it is set. */
  event: BillingEvent | null;
  onClose: () => void;
  /** Skips with the reason; a rejection's message is shown in the dialog. */
  onSkip: (event: BillingEvent, reason: string) => Promise<void>;
}

/** Skipping is for good and is audited, so it asks why (the API requires a reason). */
export function SkipEventDialog(props: SkipEventDialogProps) {
  const [reason, setReason] = createSignal("");
  const [error, setError] = createSignal<string | null>(null);
  const [failure, setFailure] = createSignal<string | null>(null);
  const [saving, setSaving] = createSignal(false);

  const close = () => {
    setReason("");
    setError(null);
    setFailure(null);
    props.onClose();
  };

  async function submit(submitted: SubmitEvent) {
    submitted.preventDefault();
    const event = props.event;
    if (!event) return;
    const text = reason().trim();
    if (!text) return setError("Say why this event is skipped.");
    if (text.length > MAX_REASON) return setError(`At most ${MAX_REASON} characters.`);
    setError(null);
    setFailure(null);
    setSaving(true);
    try {
      await props.onSkip(event, text);
      close();
    } catch (cause) {
      setFailure(describeError(cause));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={props.event !== null}
      onOpenChange={(open) => !open && close()}
      title="Skip this event?"
      description="A skipped event is never applied. The later failed events of its customer are queued again so the billing mirror catches up."
    >
      <form class="ds-stack" onSubmit={submit} aria-label="Skip event" novalidate>
        <p>
          <span class="ds-mono">{props.event?.event_id}</span>{" "}
          <span class="ds-muted">{props.event?.type}</span>
        </p>
        <Textarea
          label="Reason"
          description="Recorded in the audit log."
          value={reason()}
          onChange={setReason}
          error={error() ?? undefined}
          required
          rows={3}
        />
        <Show when={failure()}>
          {(message) => (
            <Alert tone="error" title="The event was not skipped">
              {message()}
            </Alert>
          )}
        </Show>
        <div class="ds-cluster">
          <Button type="submit" variant="danger" loading={saving()}>
            Skip event
          </Button>
          <Button variant="ghost" onClick={close}>
            Cancel
          </Button>
        </div>
      </form>
    </Modal>
  );
}
