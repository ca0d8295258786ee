import { A, useParams } from "@solidjs/router";
import { createResource, Show } from "solid-js";
import {
  STAFF_TICKET_STATUS_LABELS,
  TICKET_CATEGORY_LABELS,
  ticketAge,
  ticketStatusTone,
} from "~core/support/ticket-view";
import { Badge } from "~kit/design-system/components/Badge";
import { Card } from "~kit/design-system/components/Card";
import { FactList } from "~kit/design-system/components/FactList";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { formatDateTime } from "~kit/format";
import { ReplyForm } from "~kit/support/ReplyForm";
import { TicketMessages } from "~kit/support/TicketMessages";
import { adminApi } from "../../api/admin-api";
import { getTicket, replyToTicket } from "../../api/support";
import { ADMIN_APP_NAME } from "../../layout/admin-nav";
import { RecordPage } from "../../moderation/RecordPage";
import { TicketStatusControl } from "../../support/TicketStatusControl";
import "../../moderation/moderation.css";

/**
 * One support ticket (README "Support"): who opened it and about which resume, the thread, the
 * reply box (the user is emailed; the ticket becomes pending) and the status.
 */
export default function SupportTicketPage() {
  const params = useParams<{ id: string }>();
  usePageTitle(() => "Support ticket", ADMIN_APP_NAME);
  const [ticket, { refetch }] = createResource(
    () => params.id,
    (id) => getTicket(adminApi, id),
  );
  const userPath = (id: string) => `/users/${encodeURIComponent(id)}`;

  return (
    <RecordPage
      heading="Support ticket"
      id={params.id}
      back={{ href: "/support", label: "Support tickets" }}
      record={ticket}
      onRetry={refetch}
      what="The ticket"
      notFound="Ticket not found"
      loading="Loading ticket…"
    >
      {(shown) => (
        <>
          <Card title={shown().subject}>
            <FactList
              facts={[
                {
                  label: "Status",
                  value: (
                    <Badge tone={ticketStatusTone(shown().status)}>
                      {STAFF_TICKET_STATUS_LABELS[shown().status]}
                    </Badge>
                  ),
                },
                {
                  label: "Waiting",
                  value: <Badge tone={ticketAge(shown()).tone}>{ticketAge(shown()).text}</Badge>,
                },
                { label: "Topic", value: TICKET_CATEGORY_LABELS[shown().category] },
                { label: "Opened", value: formatDateTime(shown().created_at) },
                {
                  label: "First answer",
                  value: shown().first_response_at
                    ? formatDateTime(shown().first_response_at)
                    : "Not yet",
                },
                {
                  label: "User",
                  value: (
                    <>
                      <A href={userPath(shown().user.id)}>{shown().user.name}</A>
                      <br />
                      <span class="moderation-id">{shown().user.email}</span>
                      <br />
                      <span class="ds-muted">
                        {shown().user.plan} plan, {shown().user.status.replace(/_/g, " ")}, since{" "}
                        {formatDateTime(shown().user.created_at)}
                      </span>
                    </>
                  ),
                },
                {
                  label: "Resume",
                  value: (
                    <Show
                      when={shown().resume}
                      fallback={shown().resume_id ? "Linked, since deleted" : "None linked"}
                    >
                      {(resume) => (
                        <>
                          {resume().title}
                          <br />
                          <span class="moderation-id">{resume().id}</span>
                        </>
                      )}
                    </Show>
                  ),
                },
              ]}
            />
          </Card>
          <Card title="Conversation">
            <TicketMessages
              messages={shown().messages}
              authorOf={(message) =>
                message.author_kind === "user"
                  ? `${shown().user.name} (user)`
                  : (message.author_email ?? "Support")
              }
            />
          </Card>
          <Card title="Reply">
            <ReplyForm
              label="Answer"
              description="Emailed to the user with a link to the ticket; the ticket becomes pending."
              submitLabel="Send answer"
              send={async (body, key) => {
                await replyToTicket(adminApi, shown().id, body, key);
                await refetch();
              }}
            />
          </Card>
          <Card title="Status">
            <TicketStatusControl
              ticketId={shown().id}
              status={shown().status}
              onChanged={() => void refetch()}
            />
          </Card>
        </>
      )}
    </RecordPage>
  );
}
