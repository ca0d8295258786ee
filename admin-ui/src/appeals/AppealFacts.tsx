import { A } from "@solidjs/router";
import { Show } from "solid-js";
import { Badge } from "~kit/design-system/components/Badge";
import { FactList } from "~kit/design-system/components/FactList";
import { formatDateTime } from "~kit/format";
import type { AppealDetail } from "../api/appeals";
import { USER_STATUS_LABELS, userStatusTone } from "../standing/labels";
import {
  APPEAL_CHANNEL_LABELS,
  APPEAL_STATUS_LABELS,
  APPEAL_SUBJECT_LABELS,
  appealStatusTone,
} from "./appeal-view";

/** Who appealed what, when and from where, where it stands, and the owner's words. */
export function AppealFacts(props: { appeal: AppealDetail }) {
  const appeal = () => props.appeal;
  return (
    <div class="ds-stack">
      <FactList
        facts={[
          {
            label: "Account",
            value: (
              <span>
                <span class="moderation-id">{appeal().user_email}</span>{" "}
                <Badge tone={userStatusTone(appeal().user_status)}>
                  {USER_STATUS_LABELS[appeal().user_status]}
                </Badge>{" "}
                <A href={`/users/${encodeURIComponent(appeal().user_id)}/standing`}>
                  Account standing
                </A>
              </span>
            ),
          },
          {
            label: "Contested",
            value: `${APPEAL_SUBJECT_LABELS[appeal().subject_kind]}: ${appeal().summary}`,
          },
          {
            label: "Contested decision by",
            value: (
              <Show when={appeal().decided_by} fallback="The automated checks">
                {(who) => <span class="ds-mono">{who()}</span>}
              </Show>
            ),
          },
          {
            label: "Sent",
            value: `${formatDateTime(appeal().created_at)} · ${APPEAL_CHANNEL_LABELS[appeal().channel]}`,
          },
          {
            label: "Status",
            value: (
              <span>
                <Badge tone={appealStatusTone(appeal().status)}>
                  {APPEAL_STATUS_LABELS[appeal().status]}
                </Badge>
                <Show when={appeal().decided_at}>
                  {(at) => <span class="ds-muted"> {formatDateTime(at())}</span>}
                </Show>
                <Show when={appeal().automatic}>
                  <span class="ds-muted"> by auto-review</span>
                </Show>
                <Show when={!appeal().automatic && appeal().reviewer_id}>
                  {(who) => <span class="ds-muted ds-mono"> by {who()}</span>}
                </Show>
              </span>
            ),
          },
          {
            label: "Note to the owner",
            value: appeal().review_note ?? "—",
          },
        ]}
      />
      <figure class="appeal-message">
        <figcaption>What the owner wrote</figcaption>
        <blockquote>{appeal().message}</blockquote>
      </figure>
    </div>
  );
}
