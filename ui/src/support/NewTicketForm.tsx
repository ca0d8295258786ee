import { useNavigate } from "@solidjs/router";
import { createResource, createSignal, Show } from "solid-js";
import { listResumes } from "~/api/resumes";
import { openTicket } from "~/api/support";
import { api } from "~/auth/session";
import {
  checkTicketForm,
  newIdempotencyKey,
  TICKET_CATEGORY_LABELS,
  type TicketForm,
} from "~core/support/ticket-view";
import { TICKET_CATEGORIES } from "~core/support/tickets";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { Select } from "~kit/design-system/components/Select";
import { Textarea } from "~kit/design-system/components/Textarea";
import { TextField } from "~kit/design-system/components/TextField";
import { describeError } from "~kit/forms/describe-error";

const CATEGORY_OPTIONS = TICKET_CATEGORIES.map((value) => ({
  value,
  label: TICKET_CATEGORY_LABELS[value],
}));
const NO_RESUME = { value: "", label: "None" };

/**
 * A new ticket: subject, what it is about, the message, and optionally one of the person's
 * resumes (the server refuses anyone else's). Opens the ticket's page once sent.
 */
export function NewTicketForm() {
  const navigate = useNavigate();
  const [form, setForm] = createSignal<TicketForm>({
    subject: "",
    category: "",
    message: "",
    resumeId: "",
  });
  const [errors, setErrors] = createSignal<Partial<Record<string, string>>>({});
  const [failure, setFailure] = createSignal<string | null>(null);
  const [sending, setSending] = createSignal(false);
  const [resumes] = createResource(() => listResumes(api, { per_page: 100 }));
  let key = newIdempotencyKey();

  const update = (field: keyof TicketForm) => (value: string) => {
    setForm((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({
      ...current,
      [field === "resumeId" ? "resume_id" : field]: undefined,
    }));
    key = newIdempotencyKey();
  };

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (sending()) return;
    setFailure(null);
    const check = checkTicketForm(form());
    if (!check.ok) {
      setErrors(check.errors);
      return;
    }
    setSending(true);
    try {
      const ticket = await openTicket(api, check.request, key);
      navigate(`/support/${encodeURIComponent(ticket.id)}`);
    } catch (cause) {
      setFailure(describeError(cause));
    } finally {
      setSending(false);
    }
  }

  const resumeOptions = () => [
    NO_RESUME,
    ...(resumes.latest?.items ?? []).map((resume) => ({ value: resume.id, label: resume.title })),
  ];

  return (
    <form class="ds-stack" aria-label="New support ticket" novalidate onSubmit={submit}>
      <TextField
        label="Subject"
        value={form().subject}
        onChange={update("subject")}
        error={errors().subject}
        required
      />
      <Select
        label="What is it about?"
        options={CATEGORY_OPTIONS}
        value={form().category}
        onChange={update("category")}
        placeholder="Choose a topic"
        error={errors().category}
        required
      />
      <Textarea
        label="Message"
        description="What happened, what you expected, and anything you tried."
        value={form().message}
        onChange={update("message")}
        error={errors().message}
        required
        rows={8}
      />
      <Select
        label="Resume (optional)"
        description={
          resumes.error
            ? "Your resumes could not be loaded; you can send the ticket without one."
            : "Link the resume your question is about, so support can look at it."
        }
        options={resumeOptions()}
        value={form().resumeId}
        onChange={update("resumeId")}
        error={errors().resume_id}
      />
      <Show when={failure()}>
        {(message) => (
          <Alert tone="error" title="The ticket was not sent">
            {message()}
          </Alert>
        )}
      </Show>
      <div class="ds-cluster">
        <Button type="submit" variant="primary" icon="mail" loading={sending()}>
          Send to support
        </Button>
      </div>
    </form>
  );
}
