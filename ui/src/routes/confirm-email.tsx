import { A, useSearchParams } from "@solidjs/router";
import { createSignal, Match, onMount, Switch } from "solid-js";
import "~/auth/auth-pages.css";
import { confirmEmailChange } from "~/api/profile";
import { api, currentUser, updateCurrentUser } from "~/auth/session";
import { APP_NAME } from "~/layout/UserLayout";
import { Alert } from "~kit/design-system/components/Alert";
import { buttonClass } from "~kit/design-system/components/Button";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { describeError } from "~kit/forms/describe-error";
import { focusOnMount } from "~kit/forms/fields";

type Result =
  | { state: "checking" }
  | { state: "changed"; email: string }
  | { state: "failed"; message: string };

/** Where the link to a new sign-in address leads (README "Profile and security emails"). */
export default function ConfirmEmailPage() {
  const [search] = useSearchParams<{ token?: string }>();
  const [result, setResult] = createSignal<Result>({ state: "checking" });
  usePageTitle(() => {
    const state = result().state;
    if (state === "changed") return "Email address changed";
    return state === "checking" ? "Confirming your new address" : "This link doesn't work";
  }, APP_NAME);

  // once per visit: the token is single use
  onMount(async () => {
    if (!search.token) {
      setResult({ state: "failed", message: "The address has no token. Open the link again." });
      return;
    }
    try {
      const { user } = await confirmEmailChange(api, search.token);
      if (currentUser()?.id === user.id) updateCurrentUser(user);
      setResult({ state: "changed", email: user.email });
    } catch (error) {
      setResult({ state: "failed", message: describeError(error) });
    }
  });

  return (
    <div class="ds-container auth-page">
      <Switch>
        <Match when={result().state === "checking"}>
          <h1>Confirming your new address</h1>
          <SkeletonText lines={2} label="Confirming your new email address…" />
        </Match>
        <Match when={result().state === "changed" && (result() as { email: string }).email}>
          {(email) => (
            <>
              <h1 tabindex="-1" ref={focusOnMount}>
                Email address changed
              </h1>
              <Alert tone="success">From now on you sign in with {email()}.</Alert>
              <p>
                <A href="/account/profile" class={buttonClass("primary")}>
                  Back to your profile
                </A>
              </p>
            </>
          )}
        </Match>
        <Match when={result().state === "failed" && (result() as { message: string }).message}>
          {(message) => (
            <>
              <h1 tabindex="-1" ref={focusOnMount}>
                This link doesn't work
              </h1>
              <Alert tone="error">{message()}</Alert>
              <p>
                Links work once and for 3 days. Ask for a new one on{" "}
                <A href="/account/profile">your profile</A>.
              </p>
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}
