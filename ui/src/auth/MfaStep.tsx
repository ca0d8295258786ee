import { createSignal, Show } from "solid-js";
import { createForm } from "~/forms/create-form";
import { focusOnMount } from "~/forms/fields";
import { Button } from "~ds/components/Button";
import { CodeField } from "~ds/components/CodeField";
import { ErrorSummary } from "~ds/components/ErrorSummary";
import type { MfaChallenge } from "~shared/api/auth";
import { PasskeySignIn } from "./PasskeySignIn";
import { completeMfaSignIn } from "./session";

/**
 * The second sign-in step of an account with two-step verification: a 6-digit code from
 * the authenticator app, or one of the recovery codes.
 */
export function MfaStep(props: { challenge: MfaChallenge; onRestart: (reason: string) => void }) {
  const [useRecovery, setUseRecovery] = createSignal(false);
  const [code, setCode] = createSignal("");
  const digits = () => code().replace(/\s+/g, "");

  const form = createForm({
    fields: { code: "mfa-code" },
    validate: () => ({
      code: useRecovery()
        ? digits().length >= 10
          ? undefined
          : "Enter one of your recovery codes."
        : /^\d{6}$/.test(digits())
          ? undefined
          : "Enter the 6-digit code from your authenticator app.",
    }),
    placeError: (error) => {
      if (error.code === "invalid_credentials") {
        return {
          fields: {
            code: useRecovery()
              ? "That recovery code is not valid or has been used."
              : "That code is not correct. Codes change every 30 seconds; try the current one.",
          },
        };
      }
      if (error.code === "session_expired") {
        props.onRestart(error.message);
        return { form: error.message };
      }
      return undefined;
    },
  });

  const submit = (event: SubmitEvent) =>
    form.submit(event, async () => {
      await completeMfaSignIn(
        props.challenge,
        useRecovery() ? { recovery_code: code().trim() } : { code: digits() },
      );
    });

  return (
    <>
      <div>
        <h1 tabindex="-1" ref={focusOnMount}>
          Two-step verification
        </h1>
        <p class="auth-page__lead">
          <Show
            when={useRecovery()}
            fallback="Enter the 6-digit code your authenticator app shows for Resume Builder."
          >
            Enter one of the recovery codes you saved when you turned on two-step verification. Each
            code works once.
          </Show>
        </p>
      </div>
      <ErrorSummary problems={form.problems()} focusKey={form.summaryFocus()} />
      <form class="auth-form" onSubmit={submit} noValidate>
        <CodeField
          id="mfa-code"
          kind={useRecovery() ? "recovery" : "totp"}
          label={useRecovery() ? "Recovery code" : "Authentication code"}
          value={code()}
          onChange={(value) => {
            setCode(value);
            form.edited("code");
          }}
          error={form.error("code")}
        />
        <div class="auth-form__actions">
          <Button type="submit" loading={form.pending()}>
            Verify and sign in
          </Button>
          <Button
            variant="ghost"
            size="sm"
            onClick={() => {
              setUseRecovery(!useRecovery());
              setCode("");
              form.reset();
            }}
          >
            {useRecovery() ? "Use a code from the app" : "Use a recovery code"}
          </Button>
        </div>
      </form>
      <Show when={props.challenge.methods.includes("passkey")}>
        <PasskeySignIn mfaToken={props.challenge.mfa_token} onRestart={props.onRestart} />
      </Show>
    </>
  );
}
