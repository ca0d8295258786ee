import { createSignal, type JSX, Show } from "solid-js";
import { Alert } from "~kit/design-system/components/Alert";
import { Button, type ButtonVariant } from "~kit/design-system/components/Button";
import { Modal } from "~kit/design-system/components/Modal";
import { describeError } from "~kit/forms/describe-error";
import { answerMayBeLost, newIdempotencyKey } from "./standing-view";

/**
 * The frame of the admin dialogs that act on an account or an address (strike, suspend, ban,
 * lift, ban an address, ban linked accounts): the fields are checked before anything is sent,
 * then the action goes out with an `Idempotency-Key` kept while the answer may have been lost,
 * so sending again replays the first answer instead of acting twice; a definite refusal ends
 * the key. The API may ask for a fresh second factor first: the layout's step-up dialog handles
 * that and the request is sent again. A refusal stays in the dialog, which cannot be closed
 * while a request is under way.
 */
export function StepUpActionDialog<Draft>(props: {
  title: string;
  description: string;
  /** The form's accessible name. */
  formLabel: string;
  submitLabel: string;
  /** The submit button's look; primary when not given. */
  submitVariant?: ButtonVariant;
  /** The refusal alert's title: "Not banned". */
  failureTitle: string;
  /** Checks the fields and says on them what is wrong: the request to send, or null. */
  check: () => Draft | null;
  /** Sends the checked request with the action's key and hands the answer on. */
  send: (draft: Draft, key: string) => Promise<void>;
  /** Says a refusal somewhere other than the alert (on a field); true when it did. */
  placeRefusal?: (cause: unknown) => boolean;
  onClose: () => void;
  /** The fields, above the refusal and the buttons. */
  children?: JSX.Element;
}) {
  const [failure, setFailure] = createSignal<string | null>(null);
  const [sending, setSending] = createSignal(false);
  let key = newIdempotencyKey();

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (sending()) return;
    setFailure(null);
    const draft = props.check();
    if (draft === null) return;
    setSending(true);
    try {
      await props.send(draft, key);
    } catch (cause) {
      if (!answerMayBeLost(cause)) key = newIdempotencyKey();
      if (!props.placeRefusal?.(cause)) setFailure(describeError(cause));
    } finally {
      setSending(false);
    }
  }

  return (
    <Modal
      open
      onOpenChange={(open) => !open && !sending() && props.onClose()}
      title={props.title}
      description={props.description}
    >
      <form class="ds-stack" onSubmit={submit} aria-label={props.formLabel} novalidate>
        {props.children}
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
          <Button variant="ghost" disabled={sending()} onClick={props.onClose}>
            Cancel
          </Button>
        </div>
      </form>
    </Modal>
  );
}
