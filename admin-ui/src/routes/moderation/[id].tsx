import { A, useParams } from "@solidjs/router";
import { createResource, Show } from "solid-js";
import { Badge } from "~kit/design-system/components/Badge";
import { Card } from "~kit/design-system/components/Card";
import { FactList } from "~kit/design-system/components/FactList";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { formatDateTime } from "~kit/format";
import { adminApi } from "../../api/admin-api";
import { getModerationCase, type ModerationCaseDetail } from "../../api/moderation";
import { ADMIN_APP_NAME } from "../../layout/admin-nav";
import { CaseRecord } from "../../moderation/CaseRecord";
import { CaseStrikes } from "../../moderation/CaseStrikes";
import { createNow } from "../../moderation/create-now";
import { DecisionForm } from "../../moderation/DecisionForm";
import {
  CATEGORY_LABELS,
  confidenceTone,
  OUTCOME_LABELS,
  PRIORITY_LABELS,
  SOURCE_LABELS,
  STATUS_LABELS,
  SUBJECT_LABELS,
  statusTone,
} from "../../moderation/labels";
import { RecordPage } from "../../moderation/RecordPage";
import { ReportsList } from "../../moderation/ReportsList";
import { timeLeft } from "../../moderation/time-left";
import "../../moderation/moderation.css";

function Overview(props: { item: ModerationCaseDetail; now: number }) {
  const item = () => props.item;
  const left = () => (item().status === "closed" ? null : timeLeft(item().sla_due_at, props.now));
  const labelOf = <K extends string>(labels: Record<K, string>, value: K | null) =>
    value === null ? "—" : labels[value];
  return (
    <FactList
      facts={[
        { label: "Content", value: SUBJECT_LABELS[item().subject_kind] },
        {
          label: "Status",
          value: <Badge tone={statusTone(item().status)}>{STATUS_LABELS[item().status]}</Badge>,
        },
        {
          label: "Time left",
          value: (
            <Show when={left()} fallback="—">
              {(shown) => (
                <span>
                  <Badge tone={shown().tone}>{shown().text}</Badge>{" "}
                  <span class="ds-muted">(due {formatDateTime(item().sla_due_at)})</span>
                </span>
              )}
            </Show>
          ),
        },
        {
          label: "Priority",
          value: labelOf(PRIORITY_LABELS, item().priority),
        },
        { label: "Category", value: labelOf(CATEGORY_LABELS, item().category) },
        {
          label: "Confidence",
          value: (
            <Show when={item().confidence !== null} fallback="—">
              <Badge tone={confidenceTone(item().confidence ?? 0)}>{item().confidence}</Badge>
            </Show>
          ),
        },
        {
          label: "Source",
          value: `${SOURCE_LABELS[item().source]}${item().report_weight > 0 ? ` · report weight ${item().report_weight}` : ""}`,
        },
        { label: "Outcome", value: labelOf(OUTCOME_LABELS, item().outcome) },
        { label: "Opened", value: formatDateTime(item().created_at) },
        { label: "Decided", value: formatDateTime(item().decided_at) },
        {
          label: "Owner",
          value: (
            <span>
              <span class="ds-mono">{item().user_id}</span>{" "}
              <A href={`/users/${encodeURIComponent(item().user_id)}/standing`}>Account standing</A>
            </span>
          ),
        },
        {
          label: "Workflow run",
          value: (
            <A
              href={`/workflows/${encodeURIComponent(item().workflow_instance_id)}`}
              class="ds-mono moderation-id"
            >
              {item().workflow_instance_id}
            </A>
          ),
        },
      ]}
    />
  );
}

export default function ModerationCasePage() {
  const params = useParams<{ id: string }>();
  usePageTitle(() => "Moderation case", ADMIN_APP_NAME);
  const [item, { refetch }] = createResource(
    () => params.id,
    (id) => getModerationCase(adminApi, id),
  );
  const now = createNow();

  return (
    <RecordPage
      heading="Moderation case"
      id={params.id}
      back={{ href: "/moderation", label: "Review queue" }}
      record={item}
      onRetry={refetch}
      what="The case"
      notFound="Case not found"
      loading="Loading case…"
    >
      {(shown) => (
        <>
          <Card title="Overview">
            <Overview item={shown()} now={now()} />
          </Card>
          <CaseRecord item={shown()} />
          <CaseStrikes item={shown()} />
          <Card title="Reports">
            <ReportsList reports={shown().reports} />
          </Card>
          <Card title="Decide">
            <DecisionForm item={shown()} onChanged={() => void refetch()} />
          </Card>
        </>
      )}
    </RecordPage>
  );
}
