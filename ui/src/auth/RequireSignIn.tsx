import { useLocation, useNavigate } from "@solidjs/router";
import { createEffect, type JSX, Match, on, Switch } from "solid-js";
import type { User } from "~kit/api/auth";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { loginPath } from "./navigation";
import { currentUser, loadSession, reloadSession, session } from "./session";

/**
 * A page for signed-in people: it waits for the session, sends anyone signed out to the
 * sign-in page (which brings them back here), and renders `children` with the account.
 */
export function RequireSignIn(props: { children: (user: () => User) => JSX.Element }) {
  const location = useLocation();
  const navigate = useNavigate();
  void loadSession();

  // Signed out: go and sign in. Except right after signing out here on purpose, when
  // the sign-out action is already taking the person elsewhere.
  createEffect(
    on(session, (current, previous) => {
      if (current.status !== "signed-out") return;
      if (previous !== undefined && current.reason === "by-request") return;
      navigate(loginPath(`${location.pathname}${location.search}`), { replace: true });
    }),
  );

  return (
    <Switch
      fallback={
        <div class="ds-container">
          <SkeletonText lines={4} label="Loading your account…" />
        </div>
      }
    >
      <Match when={currentUser()}>{(user) => props.children(user)}</Match>
      <Match when={session().status === "error"}>
        <div class="ds-container ds-stack">
          <h1>We couldn't load your account</h1>
          <Alert
            tone="error"
            action={
              <Button variant="outline" size="sm" onClick={() => void reloadSession()}>
                Try again
              </Button>
            }
          >
            {(() => {
              const current = session();
              return current.status === "error" ? current.message : "";
            })()}
          </Alert>
        </div>
      </Match>
    </Switch>
  );
}
