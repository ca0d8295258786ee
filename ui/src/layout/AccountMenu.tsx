import { A, useNavigate } from "@solidjs/router";
import { Match, Switch } from "solid-js";
import { currentUser, session, signOut } from "~/auth/session";
import { buttonClass } from "~kit/design-system/components/Button";
import { Menu } from "~kit/design-system/components/Menu";
import { showToast } from "~kit/design-system/components/Toast";
import { describeError } from "~kit/forms/describe-error";
import "./account-menu.css";

/**
 * The header's account controls: the signed-in person's menu, or the ways in. Nothing
 * while the session is still being looked up, so the header does not flicker.
 */
export function AccountMenu() {
  const navigate = useNavigate();

  async function leave() {
    try {
      await signOut();
      showToast({ title: "You're signed out", tone: "success" });
    } catch (error) {
      showToast({
        title: "Signed out on this device",
        description: `The server could not be told: ${describeError(error)}`,
        tone: "warning",
      });
    }
    navigate("/");
  }

  return (
    <Switch>
      <Match when={currentUser()}>
        {(user) => (
          <Menu
            label={user().name}
            accessibleName={`Account menu, ${user().name}`}
            icon="user"
            class="account-menu"
            items={[
              { label: "Dashboard", icon: "layout", onSelect: () => navigate("/dashboard") },
              { label: "Exports", icon: "download", onSelect: () => navigate("/exports") },
              {
                label: "Billing",
                icon: "credit-card",
                onSelect: () => navigate("/account/billing"),
              },
              { label: "Profile", icon: "user", onSelect: () => navigate("/account/profile") },
              { label: "Security", icon: "shield", onSelect: () => navigate("/account/security") },
              {
                label: "Standing",
                icon: "activity",
                onSelect: () => navigate("/account/standing"),
              },
              { label: "Help", icon: "info", onSelect: () => navigate("/support") },
              { label: "Sign out", icon: "log-out", onSelect: () => void leave(), separated: true },
            ]}
          />
        )}
      </Match>
      <Match when={session().status === "signed-out" || session().status === "error"}>
        <div class="account-links">
          <A href="/login" class={buttonClass("ghost", "sm")}>
            Sign in
          </A>
          <A href="/register" class={`${buttonClass("primary", "sm")} account-links__register`}>
            Create account
          </A>
        </div>
      </Match>
    </Switch>
  );
}
