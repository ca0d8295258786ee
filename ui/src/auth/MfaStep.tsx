import { Show } from "solid-js";
import type { MfaChallenge } from "~kit/api/auth";
import { CodeForm } from "~kit/forms/CodeForm";
import { focusOnMount } from "~kit/forms/fields";
import { PasskeySignIn } from "./PasskeySignIn";
import { completeMfaSignIn } from "./session";

/**
 * The second sign-in step of an account with two-step verification: a 6-digit code from
 * the authenticator app, one of the recovery codes, or a passkey.
 */
export function MfaStep(props: { challenge: MfaChallenge; onRestart: (reason: string) => void }) {
  return (
    <>
      <CodeForm
        intro={(recovery) => (
          <div>
            <h1 tabindex="-1" ref={focusOnMount}>
              Two-step verification
            </h1>
            <p class="auth-page__lead">
              <Show
                when={recovery()}
                fallback="Enter the 6-digit code your authenticator app shows for Resume Builder."
              >
                Enter one of the recovery codes you saved when you turned on two-step verification.
                Each code works once.
              </Show>
            </p>
          </div>
        )}
        onSubmit={(proof) => completeMfaSignIn(props.challenge, proof)}
        onRestart={props.onRestart}
      />
      <Show when={props.challenge.methods.includes("passkey")}>
        <PasskeySignIn mfaToken={props.challenge.mfa_token} onRestart={props.onRestart} />
      </Show>
    </>
  );
}
