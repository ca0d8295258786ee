import { createSignal } from "solid-js";
import { ChangePassword } from "~/account/ChangePassword";
import { LinkedAccounts } from "~/account/LinkedAccounts";
import { Passkeys } from "~/account/Passkeys";
import { ProfilePhoto } from "~/account/ProfilePhoto";
import { ReturnLink } from "~/account/ReturnLink";
import { Sessions } from "~/account/Sessions";
import { SignOutEverywhere } from "~/account/SignOutEverywhere";
import { SupportAccess } from "~/account/SupportAccess";
import { TwoFactor } from "~/account/TwoFactor";
import "~/account/security.css";
import "~/auth/auth-pages.css";
import { RequireSignIn } from "~/auth/RequireSignIn";
import { APP_NAME } from "~/layout/UserLayout";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";

export default function SecurityPage() {
  usePageTitle(() => "Account security", APP_NAME);
  // changing the password signs other devices out: the list reloads after it
  const [sessionsKey, setSessionsKey] = createSignal(0);
  return (
    <RequireSignIn>
      {(user) => (
        <div class="ds-container ds-stack security">
          <header class="ds-page-header">
            <div>
              <h1>Account security</h1>
              <p class="ds-muted">
                Your photo, password and signed-in devices for <strong>{user().email}</strong>.
              </p>
            </div>
            <ReturnLink />
          </header>
          <ProfilePhoto />
          <ChangePassword user={user()} onChanged={() => setSessionsKey(sessionsKey() + 1)} />
          <TwoFactor />
          <Passkeys />
          <LinkedAccounts />
          <Sessions reloadKey={sessionsKey()} />
          <SupportAccess />
          <SignOutEverywhere />
        </div>
      )}
    </RequireSignIn>
  );
}
