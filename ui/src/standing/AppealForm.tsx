import { createSignal, onMount, Show } from "solid-js";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { Textarea } from "~kit/design-system/components/Textarea";
import { describeError } from "~kit/forms/describe-error";
import { appealCharacterCount, appealMessageProblem, appealRefusal } from "./standing-view";

/**
 * The appeal of one decision: why it is wrong, up to 2,000 characters (README "Appeals").
 * `onSend` sends the trimmed message; a refusal the owner can act on (already appealed,
 * window closed) goes to `onRefused`, which reads the standing again, and anything else
 * stays in the form with what was typed.
 */
export function AppealForm(props: {
  /** The form's accessible name, e.g. "Appeal the strike of 5 Dec 2026". */
  label: string;
  onSend: (message: string) => Promise<void>;
  onRefused: (message: string, reload: boolean) => void;
  onCancel: () => void;
}) {
  const [message, setMessage] = createSignal("");
  const [problem, setProblem] = createSignal<string | undefined>();
  const [failure, setFailure] = createSignal<string | null>(null);
  const [sending, setSending] = createSignal(false);
  let form: HTMLFormElement | undefined;
  // opened by the "Appeal" button, which it replaces: the field takes the focus
  onMount(() => form?.querySelector("textarea")?.focus());

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (sending()) return;
    const wrong = appealMessageProblem(message());
    setProblem(wrong);
    setFailure(null);
    if (wrong) {
      form?.querySelector("textarea")?.focus();
      return;
    }
    setSending(true);
    try {
      await props.onSend(message().trim());
    } catch (error) {
      const refusal = appealRefusal(error);
      if (refusal?.reload) props.onRefused(refusal.message, true);
      else setFailure(refusal?.message ?? describeError(error));
    } finally {
      setSending(false);
    }
  }

  return (
    <form
      ref={form}
      class="standing__appeal-form ds-stack"
      aria-label={props.label}
      onSubmit={submit}
      noValidate
    >
      <Textarea
        label="Why is this decision wrong?"
        description={`Tell the moderators what they missed. ${appealCharacterCount(message())}.`}
        value={message()}
        onChange={(value) => {
          setMessage(value);
          setProblem(undefined);
        }}
        error={problem()}
        required
        rows={5}
      />
      <Show when={failure()}>
        {(text) => (
          <Alert tone="error" title="Your appeal was not sent">
            {text()}
          </Alert>
        )}
      </Show>
      <div class="ds-cluster">
        <Button type="submit" loading={sending()}>
          Send appeal
        </Button>
        <Button variant="ghost" onClick={() => props.onCancel()} disabled={sending()}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
