import { Index, Show } from "solid-js";
import { Button } from "~kit/design-system/components/Button";
import { TextField } from "~kit/design-system/components/TextField";
import { adminApi } from "../api/admin-api";
import { createManualInvoice } from "../api/payments";
import { createDraftForm } from "../kit/draft-form";
import { NoteField } from "../kit/NoteField";
import { StepUpActionDialog } from "../standing/StepUpActionDialog";
import { CollectionFields } from "./CollectionFields";
import {
  checkManualInvoiceDraft,
  MAX_MANUAL_INVOICE_LINES,
  type ManualInvoiceDraft,
} from "./invoice-drafts";

/**
 * Makes an invoice with custom lines for an account (README "Admin: payments"): charged to the
 * account's default card now, or sent by the provider to be paid within N days. It shows in the
 * list once the provider's event is applied.
 */
export function ManualInvoiceDialog(props: {
  /** The account the list is filtered to, if any. */
  userId: string;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const empty: ManualInvoiceDraft = {
    userId: props.userId,
    lines: [{ description: "", amount: "" }],
    collection: "charge",
    daysUntilDue: "30",
    note: "",
  };
  const { draft, set, issues, check } = createDraftForm(empty, checkManualInvoiceDraft);
  const setLine = (index: number, patch: Partial<ManualInvoiceDraft["lines"][number]>) =>
    set({ lines: draft().lines.map((line, i) => (i === index ? { ...line, ...patch } : line)) });

  return (
    <StepUpActionDialog
      title="New invoice"
      description="Lines of your own for one account, outside its subscription."
      formLabel="Make an invoice"
      submitLabel={draft().collection === "charge" ? "Make and charge" : "Make and send"}
      failureTitle="No invoice made"
      check={check}
      send={async (request, key) => {
        const result = await createManualInvoice(adminApi, request, key);
        props.onDone(
          result.paid === null
            ? "Invoice made and sent; it shows once the provider confirms it."
            : result.paid
              ? "Invoice made and paid; it shows once the provider confirms it."
              : `Invoice made but not paid: ${result.message ?? "the card was refused"}.`,
        );
      }}
      onClose={props.onClose}
    >
      <TextField
        label="Account id"
        value={draft().userId}
        onChange={(userId) => set({ userId })}
        error={issues().userId}
        required
      />
      {/* Index, not For: a line is replaced on each keystroke, and its inputs must stay put. */}
      <Index each={draft().lines}>
        {(line, index) => (
          <div class="ds-cluster">
            <TextField
              label={`Line ${index + 1}`}
              value={line().description}
              onChange={(description) => setLine(index, { description })}
              error={issues()[`line.${index}.description`]}
              required
            />
            <TextField
              label={`Line ${index + 1} amount (USD)`}
              inputMode="decimal"
              placeholder="14.99"
              value={line().amount}
              onChange={(amount) => setLine(index, { amount })}
              error={issues()[`line.${index}.amount`]}
              required
            />
          </div>
        )}
      </Index>
      <Show when={draft().lines.length < MAX_MANUAL_INVOICE_LINES}>
        <Button
          variant="ghost"
          size="sm"
          onClick={() => set({ lines: [...draft().lines, { description: "", amount: "" }] })}
        >
          Add a line
        </Button>
      </Show>
      <CollectionFields
        collection={draft().collection}
        daysUntilDue={draft().daysUntilDue}
        onChange={set}
        daysError={issues().daysUntilDue}
      />
      <NoteField value={draft().note} onChange={(note) => set({ note })} error={issues().note} />
    </StepUpActionDialog>
  );
}
