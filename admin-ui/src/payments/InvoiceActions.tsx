import { createSignal, Show } from "solid-js";
import { Button } from "~kit/design-system/components/Button";
import { adminApi } from "../api/admin-api";
import { type AdminInvoiceDetail, actOnInvoice, type InvoiceAction } from "../api/payments";
import { type Checked, createDraftForm } from "../kit/draft-form";
import { NoteField } from "../kit/NoteField";
import { StepUpActionDialog } from "../standing/StepUpActionDialog";

const NOTE_MAX = 1000;

function checkNote(draft: { note: string }): Checked<{ note?: string }> {
  const text = draft.note.trim();
  if (text.length > NOTE_MAX)
    return { ok: false, issues: { note: `At most ${NOTE_MAX} characters.` } };
  return { ok: true, request: { note: text || undefined } };
}

interface ActionCopy {
  button: string;
  title: string;
  description: (invoice: AdminInvoiceDetail) => string;
  submit: string;
  failure: string;
  /** What the page says once the API answered. */
  done: (invoice: AdminInvoiceDetail) => string;
}

const COPY: Record<InvoiceAction, ActionCopy> = {
  void: {
    button: "Void",
    title: "Void this invoice?",
    description: () =>
      "Nothing will be owed on it any more and no payment will be retried; a void invoice cannot be reopened.",
    submit: "Void invoice",
    failure: "Not voided",
    done: () => "Void sent; the invoice shows as void once the provider confirms it.",
  },
  resend: {
    button: "Resend",
    title: "Email this invoice again?",
    description: (invoice) =>
      `It goes to ${invoice.user_email ?? "the account's address"} with a link to their billing page. Once a minute at most.`,
    submit: "Send",
    failure: "Not sent",
    done: (invoice) => `Invoice emailed to ${invoice.user_email ?? "the customer"}.`,
  },
  regenerate_pdf: {
    button: "Regenerate PDF",
    title: "Render the PDF again?",
    description: () =>
      "It is rendered with the current seller details and replaces the stored copy: the customer's next download is the new one.",
    submit: "Regenerate",
    failure: "Not regenerated",
    done: () => "PDF rendered again; the customer's next download is the new copy.",
  },
};

/**
 * A billing admin's invoice actions (README "Admin: payments"): void (an open invoice only),
 * resend, regenerate the PDF. Each asks for confirmation with an optional note for the audit log
 * and goes out with its own `Idempotency-Key` (StepUpActionDialog); the page reads the invoice
 * again afterwards (`onDone`).
 */
export function InvoiceActions(props: {
  invoice: AdminInvoiceDetail;
  onDone: (action: InvoiceAction, message: string) => void;
}) {
  const [open, setOpen] = createSignal<InvoiceAction | null>(null);
  const sendable = () => props.invoice.status !== "draft" && props.invoice.status !== "void";

  return (
    <>
      <Show when={props.invoice.status === "open"}>
        <Button variant="danger" onClick={() => setOpen("void")}>
          {COPY.void.button}
        </Button>
      </Show>
      <Show when={sendable()}>
        <Button variant="outline" onClick={() => setOpen("resend")}>
          {COPY.resend.button}
        </Button>
      </Show>
      <Button variant="outline" onClick={() => setOpen("regenerate_pdf")}>
        {COPY.regenerate_pdf.button}
      </Button>
      <Show when={open()}>
        {(action) => {
          const copy = COPY[action()];
          // made with each dialog, so each starts with an empty note
          const { draft, set, issues, check } = createDraftForm({ note: "" }, checkNote);
          return (
            <StepUpActionDialog
              title={copy.title}
              description={copy.description(props.invoice)}
              formLabel={copy.title}
              submitLabel={copy.submit}
              submitVariant={action() === "void" ? "danger" : undefined}
              failureTitle={copy.failure}
              check={check}
              send={async (request, key) => {
                await actOnInvoice(adminApi, props.invoice.id, action(), request.note, key);
                setOpen(null);
                props.onDone(action(), copy.done(props.invoice));
              }}
              onClose={() => setOpen(null)}
            >
              <NoteField
                value={draft().note}
                onChange={(note) => set({ note })}
                error={issues().note}
              />
            </StepUpActionDialog>
          );
        }}
      </Show>
    </>
  );
}
