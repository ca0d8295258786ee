import { A, useSearchParams } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import "~/auth/auth-pages.css";
import { PasswordRequirements, passwordProblem } from "~/auth/PasswordRequirements";
import { api, forgetEndedSession } from "~/auth/session";
import { APP_NAME } from "~/layout/UserLayout";
import { resetPassword } from "~kit/api/auth";
import { Alert } from "~kit/design-system/components/Alert";
import { Button, buttonClass } from "~kit/design-system/components/Button";
import { ErrorSummary } from "~kit/design-system/components/ErrorSummary";
import { TextField } from "~kit/design-system/components/TextField";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { createForm } from "~kit/forms/create-form";
import { focusOnMount } from "~kit/forms/fields";

export default function ResetPasswordPage() {
  const [search] = useSearchParams<{ token?: string }>();
  const [password, setPassword] = createSignal("");
  const [confirmation, setConfirmation] = createSignal("");
  const [done, setDone] = createSignal(false);
  const [linkDead, setLinkDead] = createSignal(false);
  usePageTitle(() => (done() ? "Password changed" : "Choose a new password"), APP_NAME);

  const form = createForm({
    fields: { password: "password", confirmation: "confirmation" },
    validate: () => ({
      password: password() ? passwordProblem(password(), {}) : "Choose a new password.",
      confirmation:
        confirmation() === password() ? undefined : "The two passwords are not the same.",
    }),
    placeError: (error) => {
      if (error.code === "token_invalid") {
        setLinkDead(true);
        return { form: error.message };
      }
      return undefined;
    },
  });

  const submit = (event: SubmitEvent) =>
    form.submit(event, async () => {
      await resetPassword(api, { token: search.token ?? "", password: password() });
      // every session has ended, this browser's included
      await forgetEndedSession();
      setDone(true);
    });

  return (
    <div class="ds-container auth-page">
      <Show
        when={search.token}
        fallback={
          <>
            <h1>This link is incomplete</h1>
            <Alert tone="error">
              The address has no reset token. Open the link from the email again, or ask for a new
              one.
            </Alert>
            <p>
              <A href="/forgot-password" class={buttonClass("primary")}>
                Get a new link
              </A>
            </p>
          </>
        }
      >
        <Show
          when={!done()}
          fallback={
            <>
              <h1 tabindex="-1" ref={focusOnMount}>
                Password changed
              </h1>
              <p>
                Your new password is set. For your safety we signed you out on every device; sign in
                again with the new password.
              </p>
              <p>
                <A href="/login" class={buttonClass("primary")}>
                  Sign in
                </A>
              </p>
            </>
          }
        >
          <div>
            <h1>Choose a new password</h1>
            <p class="auth-page__lead">Your new password replaces the old one everywhere.</p>
          </div>
          <ErrorSummary problems={form.problems()} focusKey={form.summaryFocus()} />
          <Show when={linkDead()}>
            <p>
              <A href="/forgot-password">Ask for a new reset link</A>
            </p>
          </Show>
          <form class="auth-form" onSubmit={submit} noValidate>
            <TextField
              id="password"
              label="New password"
              type="password"
              autocomplete="new-password"
              {...form.bind("password", password, setPassword)}
              description={<PasswordRequirements password={password()} context={{}} />}
              required
            />
            <TextField
              id="confirmation"
              label="Confirm the new password"
              type="password"
              autocomplete="new-password"
              {...form.bind("confirmation", confirmation, setConfirmation)}
              required
            />
            <div class="auth-form__actions">
              <Button type="submit" icon="lock" loading={form.pending()}>
                Set the new password
              </Button>
            </div>
          </form>
        </Show>
      </Show>
    </div>
  );
}
