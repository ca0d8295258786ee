import { A, useNavigate, useSearchParams } from "@solidjs/router";
import { createEffect, createSignal, Show } from "solid-js";
import { AppealLinkRequest } from "~/auth/AppealLinkRequest";
import "~/auth/auth-pages.css";
import { MfaStep } from "~/auth/MfaStep";
import { safeNext } from "~/auth/navigation";
import { OAuthButtons } from "~/auth/OAuthButtons";
import { mfaChallengeFromLink, oauthErrorMessage } from "~/auth/oauth";
import { PasskeySignIn } from "~/auth/PasskeySignIn";
import { loadSession, session, signIn } from "~/auth/session";
import { APP_NAME } from "~/layout/UserLayout";
import { isSanctionRefusal } from "~/standing/standing-view";
import type { MfaChallenge } from "~kit/api/auth";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { ErrorSummary } from "~kit/design-system/components/ErrorSummary";
import { TextField } from "~kit/design-system/components/TextField";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { createForm } from "~kit/forms/create-form";
import { formatWait, retryAfterSeconds } from "~kit/forms/describe-error";
import { EmailField } from "~kit/forms/EmailField";
import { looksLikeEmail } from "~kit/forms/fields";

export default function LoginPage() {
  usePageTitle(() => "Sign in", APP_NAME);
  // `error` and `mfa_token` come back from a provider sign-in (the OAuth callback).
  const [search] = useSearchParams<{ next?: string; error?: string; mfa_token?: string }>();
  const navigate = useNavigate();
  const next = () => safeNext(search.next);
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  // the address a sign-in was refused for a suspension or ban: it may ask for an appeal link
  const [refusedEmail, setRefusedEmail] = createSignal<string | null>(null);

  // Someone already signed in has nothing to do here.
  void loadSession();
  createEffect(() => {
    if (session().status === "signed-in") navigate(next(), { replace: true });
  });

  const form = createForm({
    fields: { email: "email", password: "password" },
    validate: () => ({
      email: !email().trim()
        ? "Enter your email address."
        : looksLikeEmail(email())
          ? undefined
          : "Enter an email address like name@example.com.",
      password: password() ? undefined : "Enter your password.",
    }),
    fieldMessages: { email: "Enter an email address like name@example.com." },
    placeError: (error) => {
      // the server's message says why and until when; the appeal link goes under it
      if (isSanctionRefusal(error.code)) setRefusedEmail(email().trim());
      if (error.code === "account_locked") {
        const seconds = retryAfterSeconds(error);
        return {
          form: `Too many failed attempts to sign in to this account. ${
            seconds ? `Try again ${formatWait(seconds)}, or` : "Try again later, or"
          } reset your password.`,
        };
      }
      return undefined;
    },
  });

  // the session was ended by a suspension or ban (README "Bans"): the server's words say why
  // and until when, until the form gives its own answer
  const restriction = () => {
    const current = session();
    return current.status === "signed-out" && current.reason === "restricted" && !refusedEmail()
      ? (current.message ?? null)
      : null;
  };
  /** Why nobody is signed in here (null while someone is, or while that is unknown). */
  const signedOutFor = () => {
    const current = session();
    return current.status === "signed-out" ? (current.reason ?? "none") : null;
  };

  const [challenge, setChallenge] = createSignal<MfaChallenge | null>(
    mfaChallengeFromLink(search.mfa_token),
  );
  const [restartReason, setRestartReason] = createSignal<string | null>(null);

  const submit = (event: SubmitEvent) =>
    form.submit(event, async () => {
      setRestartReason(null);
      setRefusedEmail(null);
      const answer = await signIn(email().trim(), password());
      // signed in: the effect above moves on; otherwise the second step follows
      if ("challenge" in answer) setChallenge(answer.challenge);
    });

  return (
    <div class="ds-container auth-page">
      <Show
        when={challenge()}
        fallback={
          <>
            <div>
              <h1>Sign in</h1>
              <p class="auth-page__lead">Welcome back. Sign in to work on your resumes.</p>
            </div>
            <Show when={search.next && signedOutFor() && signedOutFor() !== "restricted"}>
              <Alert tone="info">
                {signedOutFor() === "ended"
                  ? "Your session has ended. Sign in again to continue."
                  : "Sign in to continue to that page."}
              </Alert>
            </Show>
            <Show when={oauthErrorMessage(search.error)}>
              {(message) => <Alert tone="error">{message()}</Alert>}
            </Show>
            <Show when={restriction()}>{(message) => <Alert tone="error">{message()}</Alert>}</Show>
            <Show when={(isSanctionRefusal(search.error) || restriction()) && !refusedEmail()}>
              <AppealLinkRequest />
            </Show>
            <Show when={restartReason()}>
              {(reason) => <Alert tone="warning">{reason()} Enter your password again.</Alert>}
            </Show>
            <ErrorSummary problems={form.problems()} focusKey={form.summaryFocus()} />
            <Show when={refusedEmail()}>
              {(refused) => <AppealLinkRequest email={refused()} />}
            </Show>
            <form class="auth-form" onSubmit={submit} noValidate>
              <EmailField form={form} value={email()} onChange={setEmail} autocomplete="username" />
              <TextField
                id="password"
                label="Password"
                type="password"
                autocomplete="current-password"
                {...form.bind("password", password, setPassword)}
                required
              />
              <div class="auth-form__actions">
                <Button type="submit" icon="log-in" loading={form.pending()}>
                  Sign in
                </Button>
                <A href="/forgot-password">Forgot your password?</A>
              </div>
            </form>
            <PasskeySignIn />
            <OAuthButtons next={search.next ? next() : undefined} />
            <p>
              New to {APP_NAME}? <A href="/register">Create an account</A>.
            </p>
          </>
        }
      >
        {(pending) => (
          <MfaStep
            challenge={pending()}
            onRestart={(reason) => {
              setPassword("");
              setChallenge(null);
              setRestartReason(reason);
            }}
          />
        )}
      </Show>
    </div>
  );
}
