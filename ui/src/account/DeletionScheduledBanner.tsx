import { createSignal, onMount, Show } from "solid-js";
import {
  type AccountDeletionView,
  cancelAccountDeletion,
  fetchAccountDeletion,
} from "~/api/account-deletion";
import { api } from "~/auth/session";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { showToast } from "~kit/design-system/components/Toast";
import { formatDateTime } from "~kit/format";
import { describeError } from "~kit/forms/describe-error";

/**
 * Shown to a person who signs in while their account waits out its deletion grace (README
 * "Your data"): when it will be deleted, and the button that cancels it for good.
 */
export function DeletionScheduledBanner() {
  const [deletion, setDeletion] = createSignal<AccountDeletionView | null>(null);
  const [pending, setPending] = createSignal(false);
  const [problem, setProblem] = createSignal<string | null>(null);

  // A notice, not the page's content: fetched after the page shows, and nothing when it fails.
  onMount(() => {
    fetchAccountDeletion(api)
      .then((status) => setDeletion(status.deletion))
      .catch(() => undefined);
  });

  async function cancel() {
    setPending(true);
    setProblem(null);
    try {
      await cancelAccountDeletion(api);
      setDeletion(null);
      showToast({ title: "Your account will not be deleted", tone: "success" });
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setPending(false);
    }
  }

  return (
    <Show when={deletion()}>
      {(scheduled) => (
        <Alert
          tone="warning"
          title={`Your account is scheduled for deletion on ${formatDateTime(new Date(scheduled().scheduled_for).toISOString())}`}
          action={
            <Button variant="outline" size="sm" loading={pending()} onClick={cancel}>
              Cancel deletion
            </Button>
          }
        >
          <p>Everything in it will be deleted then. Cancel to keep your account as it is.</p>
          <Show when={problem()}>{(message) => <p role="alert">{message()}</p>}</Show>
        </Alert>
      )}
    </Show>
  );
}
