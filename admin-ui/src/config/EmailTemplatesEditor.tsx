import { createEffect, createResource, createSignal, For, on, onCleanup, Show } from "solid-js";
import type { EmailTemplateEntry } from "~core/contract/config-email";
import type { ConfigSectionView } from "~core/contract/live-config";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { Select } from "~kit/design-system/components/Select";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { Textarea } from "~kit/design-system/components/Textarea";
import { TextField } from "~kit/design-system/components/TextField";
import { describeError } from "~kit/forms/describe-error";
import { LoadError } from "~kit/forms/LoadError";
import { adminApi } from "../api/admin-api";
import { answerMayBeLost, newIdempotencyKey } from "../standing/standing-view";
import { getEmailCatalog, previewEmail, saveConfig, sendTestEmail } from "./config-api";
import {
  checkEmailDraft,
  type EmailField,
  type EmailFields,
  serverEmailIssues,
  toFields,
  withEmailText,
} from "./email-draft";

/** How long typing pauses before the preview is rendered again. */
const PREVIEW_DELAY_MS = 300;

/**
 * One email's words: the form, a live preview of both parts rendered by the Worker's sender,
 * a test send to the admin's own address, and saving as the section's next version.
 */
function EmailForm(props: {
  entry: EmailTemplateEntry;
  section: ConfigSectionView;
  onSaved: (view: ConfigSectionView) => void;
}) {
  const [fields, setFields] = createSignal<EmailFields>(
    toFields(props.entry.override ?? props.entry.defaults),
  );
  const [errors, setErrors] = createSignal<Partial<Record<EmailField | "reason", string>>>({});
  const [reason, setReason] = createSignal("");
  const [failure, setFailure] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal<"save" | "test" | null>(null);
  const [sent, setSent] = createSignal<string | null>(null);
  const [settled, setSettled] = createSignal(fields());
  let saveKey = newIdempotencyKey();
  let testKey = newIdempotencyKey();

  const set = (field: EmailField, value: string) =>
    setFields((current) => ({ ...current, [field]: value }));

  createEffect(
    on(fields, (current) => {
      const timer = setTimeout(() => setSettled(current), PREVIEW_DELAY_MS);
      onCleanup(() => clearTimeout(timer));
    }),
  );

  const [preview] = createResource(settled, async (current) => {
    const checked = checkEmailDraft(props.entry.key, current);
    setErrors((old) => ({ reason: old.reason, ...(checked.ok ? {} : checked.errors) }));
    if (!checked.ok) return null;
    try {
      return await previewEmail(adminApi, props.entry.key, checked.text);
    } catch (cause) {
      const placed = serverEmailIssues(cause, ["text"]);
      if (placed) setErrors((old) => ({ reason: old.reason, ...placed }));
      throw cause;
    }
  });

  function checked() {
    const result = checkEmailDraft(props.entry.key, fields());
    if (!result.ok) setErrors((old) => ({ reason: old.reason, ...result.errors }));
    return result.ok ? result.text : null;
  }

  async function sendTest() {
    const text = checked();
    if (!text || busy()) return;
    setBusy("test");
    setFailure(null);
    try {
      const result = await sendTestEmail(adminApi, props.entry.key, text, testKey);
      testKey = newIdempotencyKey();
      setSent(`Test sent to ${result.to}: “${result.subject}”`);
    } catch (cause) {
      if (!answerMayBeLost(cause)) testKey = newIdempotencyKey();
      setFailure(describeError(cause));
    } finally {
      setBusy(null);
    }
  }

  async function save(event: SubmitEvent) {
    event.preventDefault();
    const text = checked();
    const why = reason().trim();
    setErrors((old) => ({
      ...old,
      reason: why.length < 3 ? "Say why (at least 3 characters)." : undefined,
    }));
    if (!text || why.length < 3 || busy()) return;
    setBusy("save");
    setFailure(null);
    try {
      const value = withEmailText(props.section.value, props.entry.key, text, props.entry.defaults);
      props.onSaved(await saveConfig(adminApi, "email_templates", { value, reason: why }, saveKey));
    } catch (cause) {
      if (!answerMayBeLost(cause)) saveKey = newIdempotencyKey();
      const placed = serverEmailIssues(cause, ["value", props.entry.key]);
      if (placed) setErrors((old) => ({ ...old, ...placed }));
      setFailure(describeError(cause));
    } finally {
      setBusy(null);
    }
  }

  return (
    <form class="ds-stack" onSubmit={save} aria-label={`Edit ${props.entry.label}`} novalidate>
      <p class="ds-muted">
        {props.entry.override ? "Overridden: sent in these words." : "Sent in the code's words."}{" "}
        Placeholders:{" "}
        {props.entry.placeholders.length > 0
          ? props.entry.placeholders
              .map((name) => `{{${name}}} (e.g. ${props.entry.example_values[name] || "empty"})`)
              .join(", ")
          : "none"}
        . Blank lines separate paragraphs; the text is plain, never HTML. Facts, the button and the
        footer stay as the code writes them.
      </p>
      <TextField
        label="Subject"
        value={fields().subject}
        onChange={(value) => set("subject", value)}
        maxLength={200}
        error={errors().subject}
      />
      <TextField
        label="Heading"
        value={fields().heading}
        onChange={(value) => set("heading", value)}
        maxLength={200}
        error={errors().heading}
      />
      <Textarea
        label="Body"
        value={fields().body}
        onChange={(value) => set("body", value)}
        rows={6}
        error={errors().body}
      />
      <Textarea
        label="Closing (after the button)"
        value={fields().closing}
        onChange={(value) => set("closing", value)}
        rows={3}
        error={errors().closing}
      />
      <div class="ds-cluster">
        <Button variant="secondary" onClick={() => setFields(toFields(props.entry.defaults))}>
          Use the code's words
        </Button>
        <Button variant="secondary" loading={busy() === "test"} onClick={() => void sendTest()}>
          Send a test to my address
        </Button>
      </div>
      <Show when={sent()}>
        {(message) => (
          <p class="ds-muted" role="status">
            {message()}
          </p>
        )}
      </Show>
      <section class="config-email-preview" aria-label="Preview">
        <h3>Preview</h3>
        <Show when={preview.error && !preview.loading}>
          <Alert tone="error" title="No preview">
            {describeError(preview.error)}
          </Alert>
        </Show>
        <Show when={preview.latest}>
          {(shown) => (
            <>
              <p>
                Subject: <strong data-testid="preview-subject">{shown().subject}</strong>
              </p>
              <h4>HTML part</h4>
              <iframe
                class="config-email-frame"
                title="HTML part of the preview"
                sandbox=""
                srcdoc={shown().html}
              />
              <h4>Text part</h4>
              <pre class="config-email-text">{shown().text}</pre>
            </>
          )}
        </Show>
      </section>
      <TextField
        label="Reason for this change"
        value={reason()}
        onChange={setReason}
        maxLength={500}
        error={errors().reason}
        required
      />
      <Show when={failure()}>
        {(message) => (
          <Alert tone="error" title="Not done">
            {message()}
          </Alert>
        )}
      </Show>
      <Button type="submit" loading={busy() === "save"}>
        Save as a new version
      </Button>
    </form>
  );
}

/** The email templates section: pick an email, edit its words (README "Live configuration"). */
export function EmailTemplatesEditor(props: {
  section: ConfigSectionView;
  onSaved: (view: ConfigSectionView) => void;
  onCancel: () => void;
}) {
  const [catalog, { refetch }] = createResource(
    () => props.section.version,
    () => getEmailCatalog(adminApi),
  );
  const [key, setKey] = createSignal("");
  const entry = () => catalog.latest?.templates.find((candidate) => candidate.key === key());

  return (
    <div class="ds-stack">
      <Show when={catalog.error}>
        {(error) => <LoadError what="The email templates" error={error()} onRetry={refetch} />}
      </Show>
      <Show when={catalog.latest} fallback={<SkeletonText lines={3} label="Loading the emails…" />}>
        {(loaded) => (
          <Select
            label="Email"
            placeholder="Choose an email"
            options={loaded().templates.map((candidate) => ({
              value: candidate.key,
              label: candidate.override ? `${candidate.label} (overridden)` : candidate.label,
            }))}
            value={key()}
            onChange={setKey}
          />
        )}
      </Show>
      <For each={entry() ? [entry() as EmailTemplateEntry] : []}>
        {(chosen) => <EmailForm entry={chosen} section={props.section} onSaved={props.onSaved} />}
      </For>
      <div class="ds-cluster">
        <Button variant="ghost" onClick={props.onCancel}>
          Close
        </Button>
      </div>
    </div>
  );
}
