import { useNavigate } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { signOutEverywhere } from "~/auth/session";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { Card } from "~kit/design-system/components/Card";
import { Modal } from "~kit/design-system/components/Modal";
import { showToast } from "~kit/design-system/components/Toast";
import { describeError } from "~kit/forms/describe-error";

/** Ends every session of the account, this one included, after a confirmation. */
export function SignOutEverywhere() {
  const navigate = useNavigate();
  const [confirming, setConfirming] = createSignal(false);
  const [pending, setPending] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      await signOutEverywhere();
      setConfirming(false);
      showToast({ title: "Signed out on every device", tone: "success" });
      navigate("/login", { replace: true });
    } catch (cause) {
      setConfirming(false);
      setError(describeError(cause));
    } finally {
      setPending(false);
    }
  }

  return (
    <Card title="Sign out everywhere">
      <div class="ds-stack">
        <p class="ds-muted security__card-text">
          Ends every session of your account, on every device, including this one. Use it if you
          signed in on a computer that isn't yours or think someone else knows your password.
        </p>
        <Show when={error()}>
          {(message) => (
            <Alert tone="error" title="You are still signed in">
              {message()}
            </Alert>
          )}
        </Show>
        <div>
          <Button variant="danger" icon="log-out" onClick={() => setConfirming(true)}>
            Sign out everywhere
          </Button>
        </div>
      </div>
      <Modal
        open={confirming()}
        onOpenChange={(open) => !pending() && setConfirming(open)}
        title="Sign out on every device?"
        description="Every session ends, this one too. You will need your password to sign in again."
        footer={
          <>
            <Button variant="outline" disabled={pending()} onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button variant="danger" loading={pending()} onClick={() => void confirm()}>
              Sign out everywhere
            </Button>
          </>
        }
      />
    </Card>
  );
}
