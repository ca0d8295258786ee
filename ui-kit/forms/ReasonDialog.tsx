import { createSignal, type JSX, Show } from "solid-js";
import { Alert } from "../design-system/components/Alert";
import { Button, type ButtonVariant } from "../design-system/components/Button";
import { Modal } from "../design-system/components/Modal";
import { Textarea } from "../design-system/components/Textarea";
import { describeError } from "./describe-error";

export interface ReasonDialogProps {
  open: boolean;
  title: string;
  description?: string;
  /** The form's accessible name. */
  formLabel: string;
  /** Where the reason goes, under the field (e.g. "Recorded in the audit log."). */
  reasonDescription: string;
  /** What is wrong with the reason as typed, or undefined when it may be sent. */
  problem: (reason: string) => string | undefined;
  /** The alert's title when sending fails; the dialog then stays open with the message. */
  failureTitle: string;
  submitLabel: string;
  submitVariant: ButtonVariant;
  /** Sends the trimmed reason; the dialog closes when it resolves. */
  onSubmit: (reason: string) => Promise<void>;
  onClose: () => void;
  /** What the action is about, above the field. */
  children?: JSX.Element;
}

/**
 * An audited action that asks why first (skip an event, decide cases in bulk): the reason is
 * checked before sending, a refusal is shown in the dialog, and closing forgets what was typed.
 */
export function ReasonDialog(props: ReasonDialogProps) {
  const [reason, setReason] = createSignal("");
  const [error, setError] = createSignal<string | undefined>();
  const [failure, setFailure] = createSignal<string | null>(null);
  const [sending, setSending] = createSignal(false);

  const close = () => {
    setReason("");
    setError(undefined);
    setFailure(null);
    props.onClose();
  };

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (sending()) return;
    const problem = props.problem(reason());
    setError(problem);
    if (problem) return;
    setFailure(null);
    setSending(true);
    try {
      await props.onSubmit(reason().trim());
      close();
    } catch (cause) {
      setFailure(describeError(cause));
    } finally {
      setSending(false);
    }
  }

  return (
    <Modal
      open={props.open}
      onOpenChange={(open) => !open && close()}
      title={props.title}
      description={props.description}
    >
      <form class="ds-stack" onSubmit={submit} aria-label={props.formLabel} novalidate>
        {props.children}
        <Textarea
          label="Reason"
          description={props.reasonDescription}
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
            <Alert tone="error" title={props.failureTitle}>
              {message()}
            </Alert>
          )}
        </Show>
        <div class="ds-cluster">
          <Button type="submit" variant={props.submitVariant} loading={sending()}>
            {props.submitLabel}
          </Button>
          <Button variant="ghost" onClick={close}>
            Cancel
          </Button>
        </div>
      </form>
    </Modal>
  );
}
