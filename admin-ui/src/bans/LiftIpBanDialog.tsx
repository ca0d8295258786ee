import { createSignal, Show } from "solid-js";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { Modal } from "~kit/design-system/components/Modal";
import { describeError } from "~kit/forms/describe-error";
import { adminApi } from "../api/admin-api";
import { type IpBanView, liftAddressBan } from "../api/bans";
import { answerMayBeLost, newIdempotencyKey } from "../standing/standing-view";

/**
 * Asks before lifting an address ban, then lifts it with an `Idempotency-Key` kept while the
 * answer may have been lost (and the API may ask for a fresh second factor first).
 */
export function LiftIpBanDialog(props: {
  ban: IpBanView;
  onClose: () => void;
  onLifted: (ban: IpBanView) => void;
}) {
  const [failure, setFailure] = createSignal<string | null>(null);
  const [sending, setSending] = createSignal(false);
  let key = newIdempotencyKey();

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (sending()) return;
    setFailure(null);
    setSending(true);
    try {
      props.onLifted(await liftAddressBan(adminApi, props.ban.id, key));
    } catch (cause) {
      if (!answerMayBeLost(cause)) key = newIdempotencyKey();
      setFailure(describeError(cause));
    } finally {
      setSending(false);
    }
  }

  return (
    <Modal
      open
      onOpenChange={(open) => !open && !sending() && props.onClose()}
      title={`Lift the ban of ${props.ban.range}`}
      description="Registration and sign-in from it are allowed again at once. The lift is recorded in the audit log."
    >
      <form class="ds-stack" onSubmit={submit} aria-label="Lift the address ban" novalidate>
        <Show when={failure()}>
          {(message) => (
            <Alert tone="error" title="Not lifted">
              {message()}
            </Alert>
          )}
        </Show>
        <div class="ds-cluster">
          <Button type="submit" loading={sending()}>
            Lift the ban
          </Button>
          <Button variant="ghost" disabled={sending()} onClick={props.onClose}>
            Cancel
          </Button>
        </div>
      </form>
    </Modal>
  );
}
