import { createSignal, Show } from "solid-js";
import { isSanctionRefusal } from "~/standing/standing-view";
import { ApiError } from "~kit/api/envelope";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { AppealLinkRequest } from "./AppealLinkRequest";
import {
  ceremonyCancelled,
  describePasskeyError,
  passkeysSupported,
  signInWithPasskey,
} from "./passkeys";
import "./passkey-sign-in.css";
import { api, reloadSession } from "./session";

/**
 * "Sign in with a passkey" on the sign-in page, or, given the `mfaToken` of a password
 * sign-in, "Use a passkey" as its second step. Once the server has set the session cookies
 * the session is reloaded and the page moves on as after any sign-in.
 */
export function PasskeySignIn(props: {
  mfaToken?: string;
  /** The password sign-in this step belongs to has expired. */
  onRestart?: (reason: string) => void;
}) {
  const supported = passkeysSupported();
  const [pending, setPending] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  // refused for a suspension or ban: the account may ask for an appeal link
  const [sanctioned, setSanctioned] = createSignal(false);

  async function start() {
    setPending(true);
    setError(null);
    setSanctioned(false);
    try {
      await signInWithPasskey(api, props.mfaToken);
      await reloadSession();
    } catch (cause) {
      if (ceremonyCancelled(cause)) return;
      if (cause instanceof ApiError && cause.code === "session_expired" && props.onRestart) {
        props.onRestart(cause.message);
        return;
      }
      setSanctioned(cause instanceof ApiError && isSanctionRefusal(cause.code));
      setError(describePasskeyError(cause));
    } finally {
      setPending(false);
    }
  }

  return (
    <Show when={supported}>
      <div class="passkey-sign-in">
        <Show when={!props.mfaToken}>
          <p class="passkey-sign-in__or">
            <span>or</span>
          </p>
        </Show>
        <Show when={error()}>
          {(message) => (
            <Alert tone="error" title="You are not signed in">
              {message()}
            </Alert>
          )}
        </Show>
        <Show when={sanctioned()}>
          <AppealLinkRequest />
        </Show>
        <Button
          variant={props.mfaToken ? "ghost" : "outline"}
          size={props.mfaToken ? "sm" : "md"}
          icon="lock"
          loading={pending()}
          onClick={start}
        >
          {props.mfaToken ? "Use a passkey" : "Sign in with a passkey"}
        </Button>
      </div>
    </Show>
  );
}
