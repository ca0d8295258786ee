import type { ModeratorVerdict } from "~core/moderation/model";
import { ReasonDialog } from "~kit/forms/ReasonDialog";
import { VERDICT_EFFECTS, VERDICT_LABELS } from "./labels";
import { reasonProblem } from "./reason";

export interface BulkDecisionDialogProps {
  /** The verdict to apply; the dialog is open while it is set. */
  verdict: ModeratorVerdict | null;
  count: number;
  onClose: () => void;
  /** Sends the decision; a rejection's message is shown in the dialog, which stays open. */
  onDecide: (verdict: ModeratorVerdict, reason: string) => Promise<void>;
}

/** One verdict for every selected case, with the reason the owners and the audit log get. */
export function BulkDecisionDialog(props: BulkDecisionDialogProps) {
  const cases = () => `${props.count} ${props.count === 1 ? "case" : "cases"}`;
  const label = () => (props.verdict ? VERDICT_LABELS[props.verdict] : "");
  return (
    <ReasonDialog
      open={props.verdict !== null}
      title={`${label()}: ${cases()}`}
      description={props.verdict ? VERDICT_EFFECTS[props.verdict] : undefined}
      formLabel="Bulk decision"
      reasonDescription="Sent to each owner and recorded in the audit log."
      problem={(reason) => (props.verdict ? reasonProblem(props.verdict, reason) : undefined)}
      failureTitle="The cases were not decided"
      submitLabel={`${label()} ${cases()}`}
      submitVariant={props.verdict === "approve" ? "primary" : "danger"}
      onSubmit={async (reason) => {
        if (props.verdict) await props.onDecide(props.verdict, reason);
      }}
      onClose={props.onClose}
    />
  );
}
