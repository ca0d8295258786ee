import { createSignal } from "solid-js";
import { BULK_EMAIL_TEMPLATES } from "~core/contract/admin-bulk";
import { Select } from "~kit/design-system/components/Select";
import { Textarea } from "~kit/design-system/components/Textarea";
import { TextField } from "~kit/design-system/components/TextField";
import { adminApi } from "../api/admin-api";
import { type BulkSelection, emailUsers } from "../api/users-bulk";
import { StepUpActionDialog } from "../standing/StepUpActionDialog";
import { checkEmailDraft, EMAIL_TEMPLATE_LABELS, type EmailField } from "./bulk-view";

const TEMPLATE_OPTIONS = BULK_EMAIL_TEMPLATES.map((value) => ({
  value,
  label: EMAIL_TEMPLATE_LABELS[value],
}));

/**
 * Emails the selection (ticked accounts, or every account the search matches) one of the staff
 * templates with a subject and a message. The server answers at once with the job that sends
 * them in batches; its page shows the progress.
 */
export function BulkEmailDialog(props: {
  selection: BulkSelection;
  /** "3 accounts", "all 12,400 matching accounts". */
  recipients: string;
  onClose: () => void;
  onStarted: (jobId: string) => void;
}) {
  const [template, setTemplate] = createSignal("");
  const [subject, setSubject] = createSignal("");
  const [message, setMessage] = createSignal("");
  const [issues, setIssues] = createSignal<Partial<Record<EmailField, string>>>({});

  return (
    <StepUpActionDialog
      title={`Email ${props.recipients}`}
      description="Sent in batches by a background job; deleted accounts are skipped. The template adds its heading, a greeting and the footer around your message."
      formLabel="Email the selected accounts"
      submitLabel="Send"
      failureTitle="Not sent"
      check={() => {
        const checked = checkEmailDraft(props.selection, {
          template: template(),
          subject: subject(),
          message: message(),
        });
        setIssues(checked.ok ? {} : checked.issues);
        return checked.ok ? checked.request : null;
      }}
      send={async (request, key) => {
        props.onStarted((await emailUsers(adminApi, request, key)).job_id);
      }}
      onClose={props.onClose}
    >
      <Select
        label="Template"
        options={TEMPLATE_OPTIONS}
        value={template()}
        onChange={setTemplate}
        error={issues().template}
        required
      />
      <TextField
        label="Subject"
        value={subject()}
        onChange={setSubject}
        maxLength={120}
        error={issues().subject}
        required
      />
      <Textarea
        label="Message"
        description="Plain text; a blank line starts a new paragraph."
        value={message()}
        onChange={setMessage}
        error={issues().message}
        rows={8}
        required
      />
    </StepUpActionDialog>
  );
}
