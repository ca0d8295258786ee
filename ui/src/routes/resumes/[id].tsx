import { A, useParams } from "@solidjs/router";
import { createResource, Match, Switch } from "solid-js";
import { fetchResume } from "~/api/resumes";
import { RequireSignIn } from "~/auth/RequireSignIn";
import { api } from "~/auth/session";
import { currentImpersonation, isViewingAs } from "~/impersonation/current";
import { APP_NAME } from "~/layout/UserLayout";
import { Editor } from "~/resumes/editor/Editor";
import type { User } from "~kit/api/auth";
import { ApiError } from "~kit/api/envelope";
import { Alert } from "~kit/design-system/components/Alert";
import { buttonClass } from "~kit/design-system/components/Button";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";

export default function ResumeEditorPage() {
  return <RequireSignIn>{(user) => <LoadResume user={user()} />}</RequireSignIn>;
}

function LoadResume(props: { user: User }) {
  const params = useParams<{ id: string }>();
  // a fresh load per id; the editor itself is keyed by it below
  const [resume] = createResource(
    () => params.id,
    (id) => fetchResume(api, id),
  );
  usePageTitle(
    () => (resume.state === "ready" ? `${resume().title} — Editor` : "Resume editor"),
    APP_NAME,
  );
  const missing = () =>
    resume.error instanceof ApiError &&
    (resume.error.status === 404 || resume.error.status === 400);

  return (
    <Switch
      fallback={
        <div class="ds-container">
          <SkeletonText lines={6} label="Loading the resume…" />
        </div>
      }
    >
      <Match when={resume.error}>
        <div class="ds-container ds-stack">
          <h1>{missing() ? "Resume not found" : "The resume could not be loaded"}</h1>
          <Alert tone={missing() ? "info" : "error"}>
            {missing()
              ? "There is no resume of yours at this address. It may be in the bin."
              : resume.error instanceof Error
                ? resume.error.message
                : "Try again in a moment."}
          </Alert>
          <p>
            <A href="/dashboard" class={buttonClass("primary")}>
              Back to your resumes
            </A>
          </p>
        </div>
      </Match>
      {/* the editor waits to know whether staff are viewing the account: then it is read-only */}
      <Match
        when={resume.state === "ready" && currentImpersonation.state === "ready" && resume()}
        keyed
      >
        {(loaded) => <Editor resume={loaded} user={props.user} viewingAs={isViewingAs()} />}
      </Match>
    </Switch>
  );
}
