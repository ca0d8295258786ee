import { A } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { Badge } from "~kit/design-system/components/Badge";
import { Card } from "~kit/design-system/components/Card";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { Table } from "~kit/design-system/components/Table";
import { formatDateTime } from "~kit/format";
import { describeError } from "~kit/forms/describe-error";
import { LoadError } from "~kit/forms/LoadError";
import { adminApi } from "../api/admin-api";
import { type AppealQueueItem, listCaseAppeals } from "../api/appeals";
import type { ModerationCaseDetail } from "../api/moderation";
import { getUserStrikes, type StrikeView } from "../api/standing";
import {
  APPEAL_STATUS_LABELS,
  appealOfStrike,
  appealStatusTone,
  strikesOfCase,
} from "../appeals/appeal-view";
import {
  STRIKE_SEVERITY_LABELS,
  STRIKE_SOURCE_LABELS,
  STRIKE_STATUS_LABELS,
  severityTone,
} from "../standing/labels";
import { CATEGORY_LABELS } from "./labels";

function AppealCell(props: { appeal: AppealQueueItem | null }) {
  return (
    <Show when={props.appeal} fallback="—">
      {(appeal) => (
        <A href={`/moderation/appeals/${encodeURIComponent(appeal().id)}`}>
          <Badge tone={appealStatusTone(appeal().status)}>
            {APPEAL_STATUS_LABELS[appeal().status]}
          </Badge>
          <span class="ds-visually-hidden"> (open the appeal)</span>
        </A>
      )}
    </Show>
  );
}

function CaseStrikesTable(props: { strikes: StrikeView[]; appeals: AppealQueueItem[] }) {
  return (
    <Table caption="Strikes from this case" hideCaption>
      <thead>
        <tr>
          <th scope="col">Given</th>
          <th scope="col">Category</th>
          <th scope="col">Severity</th>
          <th scope="col">Source</th>
          <th scope="col">Status</th>
          <th scope="col">Appeal</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.strikes}>
          {(strike) => (
            <tr>
              <td>{formatDateTime(strike.created_at)}</td>
              <td>{CATEGORY_LABELS[strike.category]}</td>
              <td>
                <Badge tone={severityTone(strike.severity)}>
                  {STRIKE_SEVERITY_LABELS[strike.severity]}
                </Badge>
              </td>
              <td>
                {STRIKE_SOURCE_LABELS[strike.source]}
                <Show when={strike.actor}>
                  {(actor) => <span class="ds-muted ds-mono"> {actor()}</span>}
                </Show>
              </td>
              <td>
                <Badge tone={strike.status === "active" ? "warning" : "neutral"}>
                  {STRIKE_STATUS_LABELS[strike.status]}
                </Badge>
                <Show when={strike.revoked_at ?? strike.expired_at}>
                  {(at) => <span class="ds-muted"> {formatDateTime(at())}</span>}
                </Show>
              </td>
              <td>
                <AppealCell appeal={appealOfStrike(strike.id, props.appeals)} />
              </td>
            </tr>
          )}
        </For>
      </tbody>
    </Table>
  );
}

/**
 * The strike history of a case (README "Strikes"): the strikes its decisions recorded against
 * the owner, whether each still counts, and its appeal if there is one.
 */
export function CaseStrikes(props: { item: ModerationCaseDetail }) {
  const [history, { refetch }] = createResource(
    () => ({ userId: props.item.user_id, caseId: props.item.id }),
    async ({ userId, caseId }) => {
      const strikes = strikesOfCase((await getUserStrikes(adminApi, userId)).strikes, caseId);
      // a case without strikes has nothing appealed against it; appeals that cannot be read
      // (a role without the queue) leave the strikes shown, with the reason
      let appeals: AppealQueueItem[] = [];
      let appealsError: string | null = null;
      if (strikes.length > 0) {
        try {
          appeals = await listCaseAppeals(adminApi, caseId);
        } catch (cause) {
          appealsError = describeError(cause);
        }
      }
      return { strikes, appeals, appealsError };
    },
  );
  return (
    <Card title="Strikes from this case">
      <Show when={history.error}>
        {(error) => <LoadError what="The case's strikes" error={error()} onRetry={refetch} />}
      </Show>
      <Show
        when={history.error ? undefined : history.latest}
        fallback={
          <Show when={!history.error}>
            <SkeletonText lines={2} label="Loading the case's strikes…" />
          </Show>
        }
      >
        {(shown) => (
          <Show
            when={shown().strikes.length > 0}
            fallback={<p class="ds-muted">No strike was recorded from this case.</p>}
          >
            <div class="moderation-table">
              <CaseStrikesTable strikes={shown().strikes} appeals={shown().appeals} />
            </div>
            <Show when={shown().appealsError}>
              {(message) => <p class="ds-muted">Appeals could not be read: {message()}</p>}
            </Show>
          </Show>
        )}
      </Show>
    </Card>
  );
}
