import { A } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import "~/auth/auth-pages.css";
import { api } from "~/auth/session";
import { APP_NAME } from "~/layout/UserLayout";
import { requestPasswordReset } from "~kit/api/auth";
import { Button } from "~kit/design-system/components/Button";
import { ErrorSummary } from "~kit/design-system/components/ErrorSummary";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { createForm } from "~kit/forms/create-form";
import { EmailField } from "~kit/forms/EmailField";
import { focusOnMount, looksLikeEmail } from "~kit/forms/fields";

export default function ForgotPasswordPage() {
  const [email, setEmail] = createSignal("");
  const [sentTo, setSentTo] = createSignal<string | null>(null);
  usePageTitle(() => (sentTo() ? "Check your inbox" : "Reset your password"), APP_NAME);

  const form = createForm({
    fields: { email: "email" },
    validate: () => ({
      email: !email().trim()
        ? "Enter your email address."
        : looksLikeEmail(email())
          ? undefined
          : "Enter an email address like name@example.com.",
    }),
    fieldMessages: { email: "Enter an email address like name@example.com." },
  });

  const submit = (event: SubmitEvent) =>
    form.submit(event, async () => {
      const address = email().trim();
      await requestPasswordReset(api, address);
      setSentTo(address);
    });

  return (
    <div class="ds-container auth-page">
      <Show
        when={sentTo()}
        fallback={
          <>
            <div>
              <h1>Reset your password</h1>
              <p class="auth-page__lead">
                Enter the email address of your account and we'll send you a link to choose a new
                password.
              </p>
            </div>
            <ErrorSummary problems={form.problems()} focusKey={form.summaryFocus()} />
            <form class="auth-form" onSubmit={submit} noValidate>
              <EmailField form={form} value={email()} onChange={setEmail} autocomplete="email" />
              <div class="auth-form__actions">
                <Button type="submit" icon="mail" loading={form.pending()}>
                  Send the link
                </Button>
                <A href="/login">Back to sign in</A>
              </div>
            </form>
          </>
        }
      >
        {(address) => (
          <>
            <h1 tabindex="-1" ref={focusOnMount}>
              Check your inbox
            </h1>
            <p>
              If <strong>{address()}</strong> belongs to an account, we have sent it a link to reset
              the password. The link works for one hour and only once.
            </p>
            <p class="ds-muted">
              Nothing arrived after a few minutes? Check your spam folder, or make sure you typed
              the address you signed up with.
            </p>
            <ul class="auth-page__links">
              <li>
                <button
                  type="button"
                  class="ds-button ds-button--outline ds-button--sm"
                  onClick={() => {
                    form.reset();
                    setSentTo(null);
                  }}
                >
                  Use a different address
                </button>
              </li>
              <li>
                <A href="/login">Back to sign in</A>
              </li>
            </ul>
          </>
        )}
      </Show>
    </div>
  );
}
