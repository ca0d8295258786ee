import { PAID_PLANS } from "~core/contract/admin-payments-subscriptions";
import { Select } from "~kit/design-system/components/Select";
import { TextField } from "~kit/design-system/components/TextField";
import { adminApi } from "../api/admin-api";
import { createSubscription } from "../api/payments-subscriptions";
import { createDraftForm } from "../kit/draft-form";
import { NoteField } from "../kit/NoteField";
import { StepUpActionDialog } from "../standing/StepUpActionDialog";
import { PLAN_LABELS } from "../users/labels";
import { CollectionFields } from "./CollectionFields";
import { checkSubscriptionDraft, type SubscriptionDraft } from "./subscription-change-drafts";

/**
 * Starts a subscription for an account that has none (README "Admin: payments"): a plan, an
 * optional trial, and whether the card on file is charged or an invoice is sent.
 */
export function CreateSubscriptionDialog(props: {
  onClose: () => void;
  onDone: (subscriptionId: string) => void;
}) {
  const empty: SubscriptionDraft = {
    userId: "",
    plan: "standard",
    trialDays: "0",
    collection: "charge",
    daysUntilDue: "30",
    note: "",
  };
  const { draft, set, issues, check } = createDraftForm(empty, checkSubscriptionDraft);

  return (
    <StepUpActionDialog
      title="New subscription"
      description="For an account with no subscription. Charging uses the account's default card (a refusal makes nothing); sending emails an invoice to pay."
      formLabel="Start a subscription"
      submitLabel="Start subscription"
      failureTitle="No subscription made"
      check={check}
      send={async (request, key) => {
        const result = await createSubscription(adminApi, request, key);
        props.onDone(result.subscription_id);
      }}
      onClose={props.onClose}
    >
      <TextField
        label="Account id"
        value={draft().userId}
        onChange={(userId) => set({ userId })}
        error={issues().user_id}
        required
      />
      <Select
        label="Plan"
        options={PAID_PLANS.map((value) => ({ value, label: PLAN_LABELS[value] }))}
        value={draft().plan}
        onChange={(plan) => set({ plan })}
        error={issues().plan}
      />
      <TextField
        label="Trial days"
        inputMode="numeric"
        value={draft().trialDays}
        onChange={(trialDays) => set({ trialDays })}
        error={issues().trial_days}
      />
      <CollectionFields
        collection={draft().collection}
        daysUntilDue={draft().daysUntilDue}
        onChange={set}
        daysError={issues().days_until_due}
      />
      <NoteField value={draft().note} onChange={(note) => set({ note })} error={issues().note} />
    </StepUpActionDialog>
  );
}
