import { For, Show } from "solid-js";
import { Badge } from "~kit/design-system/components/Badge";
import { formatDateTime } from "~kit/format";
import type { ModerationCaseDetail } from "../api/moderation";
import { CATEGORY_LABELS } from "./labels";

type Report = ModerationCaseDetail["reports"][number];

const STATUS_TONE = { open: "warning", upheld: "error", dismissed: "neutral" } as const;
const STATUS_LABEL = { open: "Open", upheld: "Upheld", dismissed: "Dismissed" } as const;

/** What visitors reported about this content; a signed-in reporter's report weighs more. */
export function ReportsList(props: { reports: Report[] }) {
  return (
    <Show
      when={props.reports.length > 0}
      fallback={<p class="ds-muted">Nobody reported this content.</p>}
    >
      <ul class="moderation-reports">
        <For each={props.reports}>
          {(report) => (
            <li>
              <div class="ds-cluster">
                <strong>{CATEGORY_LABELS[report.category]}</strong>
                <Badge tone={STATUS_TONE[report.status]}>{STATUS_LABEL[report.status]}</Badge>
                <span class="ds-muted">
                  weight {report.weight} · {report.signed_in ? "signed-in reporter" : "anonymous"} ·{" "}
                  <time datetime={report.created_at}>{formatDateTime(report.created_at)}</time>
                </span>
              </div>
              <Show when={report.message} fallback={<p class="ds-muted">No message.</p>}>
                {(message) => <p class="moderation-report__message">{message()}</p>}
              </Show>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
