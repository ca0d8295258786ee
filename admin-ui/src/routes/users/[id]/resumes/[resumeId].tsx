import { A, useParams } from "@solidjs/router";
import { createResource, Show } from "solid-js";
import { Alert } from "~kit/design-system/components/Alert";
import { Badge } from "~kit/design-system/components/Badge";
import { Card } from "~kit/design-system/components/Card";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { formatDateTime } from "~kit/format";
import { LoadError } from "~kit/forms/LoadError";
import { adminApi } from "../../../../api/admin-api";
import { getUserResume } from "../../../../api/users";
import { can } from "../../../../auth/admin-session";
import { ADMIN_APP_NAME } from "../../../../layout/admin-nav";
import { ResumePreview } from "../../../../resumes/ResumePreview";

/**
 * One of an account's resumes, read-only (README "Admin: users"): the saved document rendered
 * by the same template function as the editor, the public page and the PDF. Staff cannot edit
 * it; opening it is audited on the server.
 */
export default function UserResumePage() {
  const params = useParams<{ id: string; resumeId: string }>();
  const [resume] = createResource(
    () => (can("content.read") ? ([params.id, params.resumeId] as const) : false),
    ([userId, resumeId]) => getUserResume(adminApi, userId, resumeId),
  );
  usePageTitle(() => resume.latest?.title ?? "Resume", ADMIN_APP_NAME);
  const back = () => `/users/${encodeURIComponent(params.id)}`;

  return (
    <div class="ds-container ds-stack">
      <p>
        <A href={back()}>← The account</A>
      </p>
      <Show when={!can("content.read")}>
        <Alert tone="warning" title="Not for your role">
          Reading an account's resumes needs the content permission.
        </Alert>
      </Show>
      <Show when={resume.error}>{(error) => <LoadError what="This resume" error={error()} />}</Show>
      <Show when={can("content.read") && !resume.error && !resume.latest}>
        <SkeletonText lines={6} label="Loading the resume…" />
      </Show>
      <Show when={!resume.error && resume.latest}>
        {(loaded) => (
          <>
            <header class="ds-page-header">
              <div>
                <h1>{loaded().title}</h1>
                <p class="ds-muted">
                  Read-only · version {loaded().version} · saved{" "}
                  <time datetime={loaded().updated_at}>{formatDateTime(loaded().updated_at)}</time>{" "}
                  <Show when={loaded().deleted_at}>
                    <Badge tone="neutral">In the bin</Badge>
                  </Show>
                </p>
              </div>
            </header>
            <Card>
              <ResumePreview
                content={loaded().data}
                title={`${loaded().title}, as its owner last saved it`}
              />
            </Card>
          </>
        )}
      </Show>
    </div>
  );
}
