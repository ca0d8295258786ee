import { createSignal, Show } from "solid-js";
import { PAID_PLANS } from "~core/contract/admin-payments-subscriptions";
import { Select } from "~kit/design-system/components/Select";
import { Textarea } from "~kit/design-system/components/Textarea";
import { TextField } from "~kit/design-system/components/TextField";
import { adminApi } from "../api/admin-api";
import { createSubscription } from "../api/payments-subscriptions";
import { StepUpActionDialog } from "../standing/StepUpActionDialog";
import { PLAN_LABELS } from "../users/labels";
import { checkSubscriptionDraft, type SubscriptionDraft } from "./subscription-change-drafts";

/**
 * Starts a subscription for an account that has none (README "Admin: payments"): a plan, an
 * optional trial, and whether the card on file is charged or an invoice is sent.
 */
export function CreateSubscriptionDialog(props: {
  onClose: () => void;
  onDone: (subscriptionId: string) => void;
}) {
  const [draft, setDraft] = createSignal<SubscriptionDraft>({
    userId: "",
    plan: "standard",
    trialDays: "0",
    collection: "charge",
    daysUntilDue: "30",
    note: "",
  });
  const [issues, setIssues] = createSignal<Record<string, string>>({});
  const set = (patch: Partial<SubscriptionDraft>) => setDraft({ ...draft(), ...patch });

  return (
    <StepUpActionDialog
      title="New subscription"
      description="For an account with no subscription. Charging uses the account's default card (a refusal makes nothing); sending emails an invoice to pay."
      formLabel="Start a subscription"
      submitLabel="Start subscription"
      failureTitle="No subscription made"
      check={() => {
        const checked = checkSubscriptionDraft(draft());
        setIssues(checked.ok ? {} : checked.issues);
        return checked.ok ? checked.request : null;
      }}
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
      <Select
        label="Payment"
        options={[
          { value: "charge", label: "Charge the card on file" },
          { value: "send", label: "Send an invoice" },
        ]}
        value={draft().collection}
        onChange={(collection) => set({ collection: collection === "send" ? "send" : "charge" })}
      />
      <Show when={draft().collection === "send"}>
        <TextField
          label="Days to pay"
          inputMode="numeric"
          value={draft().daysUntilDue}
          onChange={(daysUntilDue) => set({ daysUntilDue })}
          error={issues().days_until_due}
        />
      </Show>
      <Textarea
        label="Note"
        description="Optional; kept in the audit log."
        value={draft().note}
        onChange={(note) => set({ note })}
        error={issues().note}
        rows={2}
      />
    </StepUpActionDialog>
  );
}
