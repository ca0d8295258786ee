import { A, useParams } from "@solidjs/router";
import { createResource, createSignal, Show } from "solid-js";
import { ApiError } from "~kit/api/envelope";
import { Badge } from "~kit/design-system/components/Badge";
import { Button } from "~kit/design-system/components/Button";
import { Card } from "~kit/design-system/components/Card";
import { FactList } from "~kit/design-system/components/FactList";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { formatDateTime } from "~kit/format";
import { LoadError } from "~kit/forms/LoadError";
import { adminApi } from "../../../api/admin-api";
import { getAccountStanding, getUserStrikes } from "../../../api/standing";
import { can } from "../../../auth/admin-session";
import { ADMIN_APP_NAME } from "../../../layout/admin-nav";
import { LinkedAccounts } from "../../../standing/LinkedAccounts";
import { USER_STATUS_LABELS, userStatusTone } from "../../../standing/labels";
import { RequestOutcomeAlert } from "../../../standing/RequestOutcomeAlert";
import { createRequestTracker } from "../../../standing/request-tracker";
import {
  type SentAction,
  type StandingAction,
  StandingActionDialog,
} from "../../../standing/StandingActionDialog";
import { RequestsTable, SanctionsTable, StrikesTable } from "../../../standing/StandingTables";
import { standingActions } from "../../../standing/standing-view";
import "../../../moderation/moderation.css";

/**
 * An account's standing (README "Strikes" and "Bans"): its status, strikes, suspensions and
 * bans, and what the ban escalation workflow was asked to do. Strikes need `content.read`, the
 * standing `users.read`; each shows its own refusal. Actions appear only for roles that may
 * take them; after one is sent the page reads the standing until the workflow processed it.
 */
export default function AccountStandingPage() {
  const params = useParams<{ id: string }>();
  usePageTitle(() => "Account standing", ADMIN_APP_NAME);
  const [strikes, { refetch: refetchStrikes }] = createResource(
    () => (can("content.read") ? params.id : false),
    (id) => getUserStrikes(adminApi, id),
  );
  const [standing, { refetch: refetchStanding, mutate: setStanding }] = createResource(
    () => (can("users.read") ? params.id : false),
    (id) => getAccountStanding(adminApi, id),
  );
  const current = () => (standing.error ? null : (standing.latest ?? null));
  const actions = () => standingActions(can, current());
  const [open, setOpen] = createSignal<StandingAction | null>(null);
  const requests = createRequestTracker({
    onRead: setStanding,
    onDone: () => {
      if (can("content.read")) void refetchStrikes();
    },
  });

  function sent(action: SentAction) {
    setOpen(null);
    if (can("content.read")) void refetchStrikes();
    // without users.read the standing cannot be read: the strike itself is the result
    if (can("users.read")) requests.track(params.id, action);
    else requests.settle(action.label, null);
  }

  const notFound = (error: unknown) => error instanceof ApiError && error.status === 404;

  return (
    <div class="ds-container ds-stack">
      <header class="ds-page-header">
        <div>
          <h1>Account standing</h1>
          <p class="ds-muted ds-mono moderation-id">{params.id}</p>
        </div>
        <A href="/moderation">Review queue</A>
      </header>
      <Show when={requests.outcome()}>{(shown) => <RequestOutcomeAlert outcome={shown()} />}</Show>
      <Card
        title="Status"
        actions={
          <div class="ds-cluster">
            <Show when={actions().addStrike}>
              <Button variant="outline" onClick={() => setOpen("strike")}>
                Add strike
              </Button>
            </Show>
            <Show when={actions().suspend}>
              <Button variant="outline" onClick={() => setOpen("suspend")}>
                Suspend
              </Button>
            </Show>
            <Show when={actions().ban}>
              <Button variant="danger" onClick={() => setOpen("ban")}>
                Ban
              </Button>
            </Show>
            <Show when={actions().lift}>
              <Button variant="outline" onClick={() => setOpen("lift")}>
                Lift
              </Button>
            </Show>
          </div>
        }
      >
        <Show when={standing.error}>
          {(error) => (
            <LoadError
              what="The account's standing"
              title={notFound(error()) ? "Account not found" : undefined}
              error={error()}
              onRetry={refetchStanding}
            />
          )}
        </Show>
        <FactList
          facts={[
            {
              label: "Status",
              value: (
                <Show
                  when={current()}
                  fallback={can("users.read") ? "…" : "Your role cannot read account status."}
                >
                  {(shown) => (
                    <Badge tone={userStatusTone(shown().status)}>
                      {USER_STATUS_LABELS[shown().status]}
                    </Badge>
                  )}
                </Show>
              ),
            },
            {
              label: "Active strikes",
              value: strikes.error ? "—" : String(strikes.latest?.active ?? "…"),
            },
            {
              label: "Active strikes expire",
              value: strikes.latest?.active_expire_at
                ? formatDateTime(strikes.latest.active_expire_at)
                : "—",
            },
          ]}
        />
      </Card>
      <Show when={can("content.read")}>
        <Card title="Strikes">
          <Show when={strikes.error}>
            {(error) => <LoadError what="Strikes" error={error()} onRetry={refetchStrikes} />}
          </Show>
          <Show
            when={strikes.error ? undefined : strikes.latest}
            fallback={
              <Show when={!strikes.error}>
                <SkeletonText lines={3} label="Loading strikes…" />
              </Show>
            }
          >
            {(shown) => (
              <Show
                when={shown().strikes.length > 0}
                fallback={<p class="ds-muted">No strikes.</p>}
              >
                <StrikesTable strikes={shown().strikes} />
              </Show>
            )}
          </Show>
        </Card>
      </Show>
      <Show when={current()}>
        {(shown) => (
          <>
            <Card title="Suspensions and bans">
              <Show
                when={shown().sanctions.length > 0}
                fallback={<p class="ds-muted">Never suspended or banned.</p>}
              >
                <SanctionsTable sanctions={shown().sanctions} />
              </Show>
            </Card>
            <Card title="Escalation requests">
              <Show
                when={shown().requests.length > 0}
                fallback={<p class="ds-muted">Nothing was asked of the escalation workflow.</p>}
              >
                <RequestsTable requests={shown().requests} />
              </Show>
            </Card>
          </>
        )}
      </Show>
      <Show when={can("users.read")}>
        <LinkedAccounts
          userId={params.id}
          status={current()?.status ?? null}
          onThisAccountBanned={(requestId) =>
            requests.track(params.id, { requestId, label: "the ban of this account" })
          }
        />
      </Show>
      <Show when={open()} keyed>
        {(action) => (
          <StandingActionDialog
            userId={params.id}
            action={action}
            onClose={() => setOpen(null)}
            onSent={sent}
          />
        )}
      </Show>
    </div>
  );
}
