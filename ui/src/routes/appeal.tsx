import { A, useSearchParams } from "@solidjs/router";
import { Show } from "solid-js";
import { fetchLinkedStanding, submitLinkedAppeal } from "~/api/standing";
import { api } from "~/auth/session";
import { APP_NAME } from "~/layout/UserLayout";
import { StandingLoader } from "~/standing/StandingLoader";
import {
  APPEAL_LINK_INVALID,
  appealLinkToken,
  isInvalidAppealLink,
} from "~/standing/standing-view";
import { Alert } from "~kit/design-system/components/Alert";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { LoadError } from "~kit/forms/LoadError";
import "~/standing/standing.css";

/**
 * The page an emailed appeal link opens (README "Appeals"): a suspended or banned account
 * cannot sign in, so the link's token reads its standing and sends its appeals. Works signed
 * out; the token is the only credential.
 */
export default function AppealPage() {
  usePageTitle(() => "Appeal a decision", APP_NAME);
  const [search] = useSearchParams<{ token?: string }>();
  // read once: the token is what the email carried, not something the page changes
  const token = appealLinkToken(search.token);

  return (
    <div class="ds-container ds-stack standing">
      <header class="ds-page-header">
        <div>
          <h1>Appeal a decision</h1>
          <p class="ds-muted">
            The strikes, suspensions and bans on your account. You can appeal each decision once,
            within 30 days; a moderator who did not take it reviews your appeal.
          </p>
        </div>
      </header>
      <Show when={token} fallback={<InvalidLink />}>
        {(valid) => (
          <StandingLoader
            load={() => fetchLinkedStanding(api, valid())}
            send={(request) => submitLinkedAppeal(api, valid(), request)}
            loadError={(error, retry) =>
              isInvalidAppealLink(error) ? (
                <InvalidLink />
              ) : (
                <LoadError what="Your standing" error={error} onRetry={retry} />
              )
            }
          />
        )}
      </Show>
    </div>
  );
}

function InvalidLink() {
  return (
    <Alert tone="error" title="This appeal link does not work">
      {APPEAL_LINK_INVALID} <A href="/login">Go to the sign-in page</A>.
    </Alert>
  );
}
