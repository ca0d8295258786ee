import { createResource, Match, Show, Switch } from "solid-js";
import { ChangeEmail } from "~/account/ChangeEmail";
import { CustomDomain } from "~/account/CustomDomain";
import { DeleteAccount } from "~/account/DeleteAccount";
import { ProfileDetails } from "~/account/ProfileDetails";
import { ProfilePhoto } from "~/account/ProfilePhoto";
import { ReturnLink } from "~/account/ReturnLink";
import { YourData } from "~/account/YourData";
import { fetchProfile } from "~/api/profile";
import "~/account/security.css";
import "~/auth/auth-pages.css";
import { RequireSignIn } from "~/auth/RequireSignIn";
import { api } from "~/auth/session";
import { APP_NAME } from "~/layout/UserLayout";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { LoadError } from "~kit/forms/LoadError";

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
              <LoadError what="Your profile" error={loaded.error} onRetry={refetch} />
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
          <CustomDomain />
          <YourData />
          <DeleteAccount />
        </div>
      )}
    </RequireSignIn>
  );
}
