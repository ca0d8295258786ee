import { fetchOwnStanding, submitAppeal } from "~/api/standing";
import { RequireSignIn } from "~/auth/RequireSignIn";
import { api } from "~/auth/session";
import { APP_NAME } from "~/layout/UserLayout";
import { StandingLoader } from "~/standing/StandingLoader";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";

/** The signed-in owner's strikes, suspensions and bans, and their appeals (README "Appeals"). */
export default function StandingPage() {
  usePageTitle(() => "Account standing", APP_NAME);
  return (
    <RequireSignIn>
      {(user) => (
        <div class="ds-container ds-stack standing">
          <header class="ds-page-header">
            <div>
              <h1>Account standing</h1>
              <p class="ds-muted">
                Strikes, suspensions and bans on <strong>{user().email}</strong>, and your appeals.
                You can appeal each decision once, within 30 days.
              </p>
            </div>
          </header>
          <StandingLoader
            load={() => fetchOwnStanding(api)}
            send={(request) => submitAppeal(api, request)}
          />
        </div>
      )}
    </RequireSignIn>
  );
}
