import { A, useParams } from "@solidjs/router";
import { createResource, Show } from "solid-js";
import { getOwnTicket, writeInTicket } from "~/api/support";
import { RequireSignIn } from "~/auth/RequireSignIn";
import { api } from "~/auth/session";
import { APP_NAME } from "~/layout/UserLayout";
import {
  OWN_TICKET_STATUS_LABELS,
  TICKET_CATEGORY_LABELS,
  ticketStatusTone,
} from "~core/support/ticket-view";
import { ApiError } from "~kit/api/envelope";
import { Badge } from "~kit/design-system/components/Badge";
import { Card } from "~kit/design-system/components/Card";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { LoadError } from "~kit/forms/LoadError";
import { ReplyForm } from "~kit/support/ReplyForm";
import { TicketMessages } from "~kit/support/TicketMessages";

/** One of the person's tickets: the thread and a reply box (README "Support"). */
export default function TicketPage() {
  usePageTitle(() => "Support ticket", APP_NAME);
  return <RequireSignIn>{() => <Ticket />}</RequireSignIn>;
}

function Ticket() {
  const params = useParams<{ id: string }>();
  const [ticket, { mutate, refetch }] = createResource(
    () => params.id,
    (id) => getOwnTicket(api, id),
  );
  return (
    <div class="ds-container ds-stack">
      <Show when={ticket.error}>
        {(error) => (
          <LoadError
            what="The ticket"
            title={
              error() instanceof ApiError && error().status === 404 ? "Ticket not found" : undefined
            }
            error={error()}
            onRetry={refetch}
          />
        )}
      </Show>
      <Show
        when={ticket.error ? undefined : ticket.latest}
        fallback={
          <Show when={!ticket.error}>
            <SkeletonText lines={6} label="Loading the ticket…" />
          </Show>
        }
      >
        {(shown) => (
          <>
            <header class="ds-page-header">
              <div>
                <h1>{shown().subject}</h1>
                <p class="ds-muted">
                  {TICKET_CATEGORY_LABELS[shown().category]}{" "}
                  <Badge tone={ticketStatusTone(shown().status)}>
                    {OWN_TICKET_STATUS_LABELS[shown().status]}
                  </Badge>
                  <Show when={shown().resume}>
                    {(resume) => (
                      <>
                        {" · About "}
                        <A href={`/resumes/${encodeURIComponent(resume().id)}`}>{resume().title}</A>
                      </>
                    )}
                  </Show>
                </p>
              </div>
              <A href="/support">Your tickets</A>
            </header>
            <Card title="Conversation">
              <TicketMessages
                messages={shown().messages}
                authorOf={(message) => (message.author_kind === "staff" ? "Support" : "You")}
              />
            </Card>
            <Card title="Reply">
              <ReplyForm
                label="Your message"
                description={
                  shown().status === "solved"
                    ? "Writing again reopens the ticket."
                    : "Support sees it in their queue."
                }
                submitLabel="Send"
                send={async (body, key) => mutate(await writeInTicket(api, params.id, body, key))}
              />
            </Card>
          </>
        )}
      </Show>
    </div>
  );
}
