import { A, useParams } from "@solidjs/router";
import { createResource, createSignal, Show } from "solid-js";
import { Alert } from "~kit/design-system/components/Alert";
import { Card } from "~kit/design-system/components/Card";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { adminApi } from "../../../api/admin-api";
import { type AppealView, getAppeal } from "../../../api/appeals";
import { AppealDecisionForm } from "../../../appeals/AppealDecisionForm";
import { AppealFacts } from "../../../appeals/AppealFacts";
import { APPEAL_STATUS_LABELS, otherStrikes } from "../../../appeals/appeal-view";
import { ADMIN_APP_NAME } from "../../../layout/admin-nav";
import { CaseRecord } from "../../../moderation/CaseRecord";
import { RecordPage } from "../../../moderation/RecordPage";
import { SanctionsTable, StrikesTable } from "../../../standing/StandingTables";
import "../../../moderation/moderation.css";
import "../../../appeals/appeals.css";

/**
 * One appeal (README "Appeals"): the owner's words, the contested strike or sanction, the
 * original case with the content exactly as it was checked and its decision history, the
 * account's other strikes, and the decision — by a moderator other than the one who took the
 * contested decision.
 */
export default function AppealPage() {
  const params = useParams<{ id: string }>();
  usePageTitle(() => "Appeal", ADMIN_APP_NAME);
  const [appeal, { refetch }] = createResource(
    () => params.id,
    (id) => getAppeal(adminApi, id),
  );
  // what this person just decided, said above the page until they leave it
  const [decided, setDecided] = createSignal<AppealView | null>(null);

  function onDecided(result: AppealView | null) {
    if (result) setDecided(result);
    void refetch();
  }

  return (
    <RecordPage
      heading="Appeal"
      id={params.id}
      back={{ href: "/moderation/appeals", label: "Appeals" }}
      record={appeal}
      onRetry={refetch}
      what="The appeal"
      notFound="Appeal not found"
      loading="Loading appeal…"
    >
      {(shown) => (
        <>
          <Show when={decided()}>
            {(now) => (
              <Alert
                tone="success"
                title={`Appeal ${APPEAL_STATUS_LABELS[now().status].toLowerCase()}`}
              >
                {now().status === "accepted"
                  ? "The account's escalation workflow removes the strike and lifts what it caused within seconds."
                  : "The contested decision stands."}
              </Alert>
            )}
          </Show>
          <Card title="The appeal">
            <AppealFacts appeal={shown()} />
          </Card>
          <Card title="Decide">
            <AppealDecisionForm appeal={shown()} onDecided={onDecided} />
          </Card>
          <Show when={shown().strike}>
            {(strike) => (
              <Card title="Contested strike">
                <StrikesTable strikes={[strike()]} />
              </Card>
            )}
          </Show>
          <Show when={shown().sanction}>
            {(sanction) => (
              <Card title="Contested suspension or ban">
                <SanctionsTable sanctions={[sanction()]} />
              </Card>
            )}
          </Show>
          <Show
            when={shown().case}
            fallback={
              <Card title="Original case">
                <p class="ds-muted">
                  The contested decision came from no moderation case (a staff member's manual
                  strike or action).
                </p>
              </Card>
            }
          >
            {(item) => (
              <>
                <Card title="Original case">
                  <p>
                    <A
                      href={`/moderation/${encodeURIComponent(item().id)}`}
                      class="ds-mono moderation-id"
                    >
                      {item().id}
                    </A>
                  </p>
                </Card>
                <CaseRecord item={item()} />
              </>
            )}
          </Show>
          <Card title="The account's other strikes">
            <Show
              when={otherStrikes(shown().strikes, shown()).length > 0}
              fallback={<p class="ds-muted">No other strikes.</p>}
            >
              <StrikesTable strikes={otherStrikes(shown().strikes, shown())} />
            </Show>
          </Card>
        </>
      )}
    </RecordPage>
  );
}
