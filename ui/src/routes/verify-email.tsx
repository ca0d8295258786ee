import { A, useSearchParams } from "@solidjs/router";
import { createSignal, Match, onMount, Show, Switch } from "solid-js";
import "~/auth/auth-pages.css";
import { ResendVerification } from "~/auth/ResendVerification";
import { api, currentUser, loadSession, session, updateCurrentUser } from "~/auth/session";
import { APP_NAME } from "~/layout/UserLayout";
import { verifyEmail } from "~kit/api/auth";
import { ApiError } from "~kit/api/envelope";
import { Alert } from "~kit/design-system/components/Alert";
import { buttonClass } from "~kit/design-system/components/Button";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { describeError } from "~kit/forms/describe-error";
import { focusOnMount } from "~kit/forms/fields";

type Result =
  | { state: "checking" }
  | { state: "verified" }
  | { state: "invalid"; message: string }
  | { state: "failed"; message: string };

export default function VerifyEmailPage() {
  const [search] = useSearchParams<{ token?: string }>();
  const [result, setResult] = createSignal<Result>({ state: "checking" });
  usePageTitle(() => {
    const state = result().state;
    if (state === "verified") return "Email confirmed";
    if (state === "checking") return "Confirming your email";
    return state === "failed" ? "We couldn't confirm your email" : "This link doesn't work";
  }, APP_NAME);

  async function verify() {
    const token = search.token;
    if (!token) {
      setResult({
        state: "invalid",
        message: "The address has no confirmation token. Open the link from the email again.",
      });
      return;
    }
    setResult({ state: "checking" });
    try {
      const { user } = await verifyEmail(api, token);
      await loadSession();
      if (currentUser()?.id === user.id) updateCurrentUser(user);
      setResult({ state: "verified" });
    } catch (error) {
      setResult(
        error instanceof ApiError && error.code === "token_invalid"
          ? { state: "invalid", message: error.message }
          : { state: "failed", message: describeError(error) },
      );
    }
  }

  // once per visit: the token is single use
  onMount(() => void verify());

  const signedIn = () => session().status === "signed-in";

  return (
    <div class="ds-container auth-page">
      <Switch>
        <Match when={result().state === "checking"}>
          <h1>Confirming your email</h1>
          <SkeletonText lines={2} label="Confirming your email address…" />
        </Match>
        <Match when={result().state === "verified"}>
          <h1 tabindex="-1" ref={focusOnMount}>
            Email confirmed
          </h1>
          <Alert tone="success">Thank you. Your email address is confirmed.</Alert>
          <Show
            when={signedIn()}
            fallback={
              <p>
                <A href="/login?next=%2Fonboarding" class={buttonClass("primary")}>
                  Sign in to continue
                </A>
              </p>
            }
          >
            <div class="ds-cluster">
              <A href="/onboarding" class={buttonClass("primary")}>
                Continue setting up your account
              </A>
              <A href="/dashboard" class={buttonClass("outline")}>
                Go to your dashboard
              </A>
            </div>
          </Show>
        </Match>
        <Match when={result().state !== "checking"}>
          <h1 tabindex="-1" ref={focusOnMount}>
            {result().state === "failed"
              ? "We couldn't confirm your email"
              : "This link doesn't work"}
          </h1>
          <Alert tone="error">{messageOf(result())}</Alert>
          <Switch
            fallback={
              <p>
                <A href="/login?next=%2Fdashboard">Sign in</A> to have a new link sent to you.
              </p>
            }
          >
            <Match when={result().state === "failed"}>
              <p>
                <button
                  type="button"
                  class={buttonClass("outline", "sm")}
                  onClick={() => void verify()}
                >
                  Try again
                </button>
              </p>
            </Match>
            <Match when={currentUser()?.email_verified}>
              <p>Your email address is already confirmed, so there is nothing more to do.</p>
              <p>
                <A href="/dashboard" class={buttonClass("primary")}>
                  Go to your dashboard
                </A>
              </p>
            </Match>
            <Match when={signedIn()}>
              <p>Links work once and for 7 days. Ask for a new one:</p>
              <ResendVerification variant="primary" />
            </Match>
            <Match when={session().status === "loading"}>
              <SkeletonText lines={1} label="Checking whether you are signed in…" />
            </Match>
          </Switch>
        </Match>
      </Switch>
    </div>
  );
}

const messageOf = (result: Result) =>
  result.state === "invalid" || result.state === "failed" ? result.message : "";
