import { createSignal, For } from "solid-js";
import { liveEntitlements } from "~/billing/live-plans";
import { plansWith } from "~/billing/plans";
import { TEMPLATES } from "~core/templates/index";
import { SAMPLE_RESUME } from "~core/templates/sample";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { Modal } from "~kit/design-system/components/Modal";
import { TextField } from "~kit/design-system/components/TextField";
import { describeError } from "~kit/forms/describe-error";
import { PageThumbnail } from "../editor/PageThumbnail";

export interface TitleDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The dialog's title and its confirm button. */
  heading: string;
  confirm: string;
  initialTitle?: string;
  /** Offer a template choice (new resumes); the user's plan decides which are open. */
  plan?: string;
  onSubmit: (title: string, template?: string) => Promise<void>;
}

/** Asks for a title (and, for a new resume, a template): create and rename share it. */
export function TitleDialog(props: TitleDialogProps) {
  const [title, setTitle] = createSignal(props.initialTitle ?? "");
  const [template, setTemplate] = createSignal("classic");
  const [error, setError] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  let input: HTMLInputElement | undefined;
  const premium = () => (props.plan ? liveEntitlements(props.plan).premiumTemplates : false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!title().trim()) {
      setError("Give the resume a title");
      input?.focus();
      return;
    }
    setBusy(true);
    setError("");
    try {
      await props.onSubmit(title().trim(), props.plan ? template() : undefined);
      props.onOpenChange(false);
    } catch (cause) {
      setError(describeError(cause));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={props.heading}
      initialFocus={() => input}
    >
      <form class="ds-stack" onSubmit={submit} id="title-dialog-form">
        <TextField
          label="Title"
          value={title()}
          onChange={setTitle}
          maxLength={120}
          description="For you: e.g. “Product roles 2025”."
          ref={(element) => {
            input = element;
          }}
        />
        {props.plan !== undefined && (
          <fieldset class="create-templates">
            <legend class="ds-field__label">Template</legend>
            <For each={TEMPLATES}>
              {(item) => (
                <label class="create-templates__option">
                  <input
                    type="radio"
                    name="new-template"
                    value={item.id}
                    checked={template() === item.id}
                    disabled={item.premium && !premium()}
                    onChange={() => setTemplate(item.id)}
                  />
                  <span class="create-templates__thumb">
                    <PageThumbnail data={SAMPLE_RESUME} template={item.id} />
                  </span>
                  <span>
                    <strong>{item.name}</strong>
                    {item.premium && !premium() ? ` (on ${plansWith("premiumTemplates")})` : ""}
                    <span class="ds-muted create-templates__about"> {item.description}</span>
                  </span>
                </label>
              )}
            </For>
          </fieldset>
        )}
        {error() && <Alert tone="error">{error()}</Alert>}
        <div class="ds-cluster">
          <Button type="submit" loading={busy()}>
            {props.confirm}
          </Button>
          <Button variant="ghost" onClick={() => props.onOpenChange(false)}>
            Cancel
          </Button>
        </div>
      </form>
    </Modal>
  );
}
