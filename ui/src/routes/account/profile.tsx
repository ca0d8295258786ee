import { createResource, Match, Show, Switch } from "solid-js";
import { ChangeEmail } from "~/account/ChangeEmail";
import { ProfileDetails } from "~/account/ProfileDetails";
import { ProfilePhoto } from "~/account/ProfilePhoto";
import { ReturnLink } from "~/account/ReturnLink";
import { fetchProfile } from "~/api/profile";
import "~/account/security.css";
import "~/auth/auth-pages.css";
import { RequireSignIn } from "~/auth/RequireSignIn";
import { api } from "~/auth/session";
import { APP_NAME } from "~/layout/UserLayout";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { describeError } from "~kit/forms/describe-error";

/** The account's profile (README "Profile and security emails"): details, photo and sign-in address. */
export default function ProfilePage() {
  usePageTitle(() => "Your profile", APP_NAME);
  const [loaded, { mutate, refetch }] = createResource(() => fetchProfile(api));
  return (
    <RequireSignIn>
      {(user) => (
        <div class="ds-container ds-stack security">
          <header class="ds-page-header">
            <div>
              <h1>Your profile</h1>
              <p class="ds-muted">
                What new resumes start with. Passwords, two-factor and devices are on{" "}
                <a href="/account/security">Account security</a>.
              </p>
            </div>
            <ReturnLink />
          </header>
          <Switch>
            <Match when={loaded.error}>
              <Alert
                tone="error"
                title="Your profile could not be loaded"
                action={
                  <Button variant="outline" size="sm" onClick={() => void refetch()}>
                    Try again
                  </Button>
                }
              >
                {describeError(loaded.error)}
              </Alert>
            </Match>
            <Match when={loaded()}>
              {(current) => <ProfileDetails loaded={current()} onSaved={mutate} />}
            </Match>
            <Match when={true}>
              <SkeletonText lines={4} label="Loading your profile…" />
            </Match>
          </Switch>
          <ProfilePhoto />
          <Show when={user()}>{(me) => <ChangeEmail user={me()} />}</Show>
        </div>
      )}
    </RequireSignIn>
  );
}
