import { A } from "@solidjs/router";
import { createResource, Show } from "solid-js";
import { Badge } from "~kit/design-system/components/Badge";
import { Card } from "~kit/design-system/components/Card";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
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
import { StrikeHistoryTable } from "../standing/StrikeHistoryTable";

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
    <StrikeHistoryTable
      caption="Strikes from this case"
      strikes={props.strikes}
      actorWithSource
      columns={[
        {
          heading: "Appeal",
          cell: (strike) => <AppealCell appeal={appealOfStrike(strike.id, props.appeals)} />,
        },
      ]}
    />
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
