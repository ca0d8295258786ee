import { createSignal, Show } from "solid-js";
import type { ModeratorVerdict } from "~core/moderation/model";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { Modal } from "~kit/design-system/components/Modal";
import { Textarea } from "~kit/design-system/components/Textarea";
import { describeError } from "~kit/forms/describe-error";
import { VERDICT_EFFECTS, VERDICT_LABELS } from "./labels";
import { reasonProblem } from "./reason";

export interface BulkDecisionDialogProps {
  /** The verdict to apply; the dialog is open while it is set. */
  verdict: ModeratorVerdict | null;
  count: number;
  onClose: () => void;
  /** Sends the decision; a rejection's message is shown in the dialog, which stays open. */
  onDecide: (verdict: ModeratorVerdict, reason: string) => Promise<void>;
}

/** One verdict for every selected case, with the reason the owners and the audit log get. */
export function BulkDecisionDialog(props: BulkDecisionDialogProps) {
  const [reason, setReason] = createSignal("");
  const [error, setError] = createSignal<string | undefined>();
  const [failure, setFailure] = createSignal<string | null>(null);
  const [sending, setSending] = createSignal(false);
  const cases = () => `${props.count} ${props.count === 1 ? "case" : "cases"}`;

  const close = () => {
    setReason("");
    setError(undefined);
    setFailure(null);
    props.onClose();
  };

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const verdict = props.verdict;
    if (!verdict || sending()) return;
    const problem = reasonProblem(verdict, reason());
    setError(problem);
    if (problem) return;
    setFailure(null);
    setSending(true);
    try {
      await props.onDecide(verdict, reason().trim());
      close();
    } catch (cause) {
      setFailure(describeError(cause));
    } finally {
      setSending(false);
    }
  }

  return (
    <Modal
      open={props.verdict !== null}
      onOpenChange={(open) => !open && close()}
      title={`${props.verdict ? VERDICT_LABELS[props.verdict] : ""}: ${cases()}`}
      description={props.verdict ? VERDICT_EFFECTS[props.verdict] : undefined}
    >
      <form class="ds-stack" onSubmit={submit} aria-label="Bulk decision" novalidate>
        <Textarea
          label="Reason"
          description="Sent to each owner and recorded in the audit log."
          value={reason()}
          onChange={(value) => {
            setReason(value);
            setError(undefined);
          }}
          error={error()}
          required
          rows={3}
        />
        <Show when={failure()}>
          {(message) => (
            <Alert tone="error" title="The cases were not decided">
              {message()}
            </Alert>
          )}
        </Show>
        <div class="ds-cluster">
          <Button
            type="submit"
            variant={props.verdict === "approve" ? "primary" : "danger"}
            loading={sending()}
          >
            {props.verdict ? VERDICT_LABELS[props.verdict] : ""} {cases()}
          </Button>
          <Button variant="ghost" onClick={close}>
            Cancel
          </Button>
        </div>
      </form>
    </Modal>
  );
}
