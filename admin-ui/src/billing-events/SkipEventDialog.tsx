import { ReasonDialog } from "~kit/forms/ReasonDialog";
import type { BillingEvent } from "../api/billing-events";

const MAX_REASON = 500;

export interface SkipEventDialogProps {
  /** The event to skip; the dialog is open while it is set. */
  event: BillingEvent | null;
  onClose: () => void;
  /** Skips with the reason; a rejection's message is shown in the dialog. */
  onSkip: (event: BillingEvent, reason: string) => Promise<void>;
}

function reasonProblem(reason: string): string | undefined {
  const text = reason.trim();
  if (!text) return "Say why this event is skipped.";
  if (text.length > MAX_REASON) return `At most ${MAX_REASON} characters.`;
  return undefined;
}

/** Skipping is for good and is audited, so it asks why (the API requires a reason). */
export function SkipEventDialog(props: SkipEventDialogProps) {
  return (
    <ReasonDialog
      open={props.event !== null}
      title="Skip this event?"
      description="A skipped event is never applied. The later failed events of its customer are queued again so the billing mirror catches up."
      formLabel="Skip event"
      reasonDescription="Recorded in the audit log."
      problem={reasonProblem}
      failureTitle="The event was not skipped"
      submitLabel="Skip event"
      submitVariant="danger"
      onSubmit={async (reason) => {
        if (props.event) await props.onSkip(props.event, reason);
      }}
      onClose={props.onClose}
    >
      <p>
        <span class="ds-mono">{props.event?.event_id}</span>{" "}
        <span class="ds-muted">{props.event?.type}</span>
      </p>
    </ReasonDialog>
  );
}
