import { A } from "@solidjs/router";
import { For, Show } from "solid-js";
import { Badge } from "~kit/design-system/components/Badge";
import { Table } from "~kit/design-system/components/Table";
import { formatDateTime } from "~kit/format";
import type { AppealQueueItem } from "../api/appeals";
import { USER_STATUS_LABELS, userStatusTone } from "../standing/labels";
import {
  APPEAL_CHANNEL_LABELS,
  APPEAL_STATUS_LABELS,
  APPEAL_SUBJECT_LABELS,
  appealStatusTone,
} from "./appeal-view";

/** The appeals queue, oldest waiting first as the API gives it; each row opens the appeal. */
export function AppealsTable(props: { appeals: AppealQueueItem[] }) {
  return (
    <div class="moderation-table">
      <Table caption="Appeals" hideCaption>
        <thead>
          <tr>
            <th scope="col">Appeal</th>
            <th scope="col">Account</th>
            <th scope="col">Contested</th>
            <th scope="col">Sent from</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.appeals}>
            {(appeal) => (
              <tr>
                <th scope="row" class="moderation-case">
                  <A href={`/moderation/appeals/${encodeURIComponent(appeal.id)}`}>
                    Appeal of {APPEAL_SUBJECT_LABELS[appeal.subject_kind].toLowerCase()}
                    <span class="ds-visually-hidden"> {appeal.id}</span>
                  </A>
                  <br />
                  <time class="ds-muted" datetime={appeal.created_at}>
                    {formatDateTime(appeal.created_at)}
                  </time>
                </th>
                <td>
                  <span class="moderation-id">{appeal.user_email}</span>{" "}
                  <Badge tone={userStatusTone(appeal.user_status)}>
                    {USER_STATUS_LABELS[appeal.user_status]}
                  </Badge>
                  <br />
                  <A href={`/users/${encodeURIComponent(appeal.user_id)}/standing`}>
                    Account standing
                    <span class="ds-visually-hidden"> of {appeal.user_email}</span>
                  </A>
                </td>
                <td>
                  {appeal.summary}
                  <Show when={appeal.case_id}>
                    {(caseId) => (
                      <>
                        <br />
                        <A href={`/moderation/${encodeURIComponent(caseId())}`} class="ds-mono">
                          {caseId()}
                        </A>
                      </>
                    )}
                  </Show>
                </td>
                <td>{APPEAL_CHANNEL_LABELS[appeal.channel]}</td>
                <td>
                  <Badge tone={appealStatusTone(appeal.status)}>
                    {APPEAL_STATUS_LABELS[appeal.status]}
                  </Badge>
                  <Show when={appeal.automatic}>
                    <span class="ds-muted"> by auto-review</span>
                  </Show>
                  <Show when={appeal.decided_at}>
                    {(at) => (
                      <>
                        <br />
                        <span class="ds-muted">{formatDateTime(at())}</span>
                      </>
                    )}
                  </Show>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </Table>
    </div>
  );
}
