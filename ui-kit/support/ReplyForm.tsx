import { createSignal, Show } from "solid-js";
import { checkReply, newIdempotencyKey } from "../../core/support/ticket-view";
import { Alert } from "../design-system/components/Alert";
import { Button } from "../design-system/components/Button";
import { Textarea } from "../design-system/components/Textarea";
import { describeError } from "../forms/describe-error";

/**
 * The reply box under a thread. One Idempotency-Key per message: a send retried after a lost
 * answer is not posted twice; a new key once it was sent.
 */
export function ReplyForm(props: {
  label: string;
  description?: string;
  submitLabel: string;
  send: (body: string, key: string) => Promise<unknown>;
}) {
  const [body, setBody] = createSignal("");
  const [error, setError] = createSignal<string | undefined>();
  const [failure, setFailure] = createSignal<string | null>(null);
  const [sending, setSending] = createSignal(false);
  let key = newIdempotencyKey();

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (sending()) return;
    setFailure(null);
    const check = checkReply(body());
    if (!check.ok) {
      setError(check.errors.body);
      return;
    }
    setSending(true);
    try {
      await props.send(check.request.body, key);
      key = newIdempotencyKey();
      setBody("");
    } catch (cause) {
      setFailure(describeError(cause));
    } finally {
      setSending(false);
    }
  }

  return (
    <form class="ds-stack" aria-label={`Reply: ${props.label}`} novalidate onSubmit={submit}>
      <Textarea
        label={props.label}
        description={props.description}
        value={body()}
        onChange={(value) => {
          setBody(value);
          setError(undefined);
          key = newIdempotencyKey();
        }}
        error={error()}
        required
        rows={5}
      />
      <Show when={failure()}>
        {(message) => (
          <Alert tone="error" title="Not sent">
            {message()}
          </Alert>
        )}
      </Show>
      <div class="ds-cluster">
        <Button type="submit" variant="primary" icon="mail" loading={sending()}>
          {props.submitLabel}
        </Button>
      </div>
    </form>
  );
}
