import { createSignal, Match, Show, Switch } from "solid-js";
import {
  COUPON_DURATIONS,
  MAX_GRACE_EXTENSION_DAYS,
  PAID_PLANS,
  type PlanChangeRequest,
} from "~core/contract/admin-payments-subscriptions";
import { Button } from "~kit/design-system/components/Button";
import { Checkbox } from "~kit/design-system/components/Checkbox";
import { Select } from "~kit/design-system/components/Select";
import { TextField } from "~kit/design-system/components/TextField";
import { formatDateTime } from "~kit/format";
import { adminApi } from "../api/admin-api";
import type { AdminSubscription } from "../api/payments";
import { applyCoupon, changePlan, extendGrace } from "../api/payments-subscriptions";
import { type Checked, createDraftForm } from "../kit/draft-form";
import { NoteField } from "../kit/NoteField";
import { StepUpActionDialog } from "../standing/StepUpActionDialog";
import { PLAN_LABELS } from "../users/labels";
import { type CouponDraft, checkCouponDraft, checkGraceDays } from "./subscription-change-drafts";

type Dialog = "plan" | "coupon" | "grace";

const DURATION_LABELS: Record<CouponDraft["duration"], string> = {
  once: "The next invoice only",
  forever: "Every invoice",
  repeating: "A number of months",
};

/**
 * A billing admin's changes to a live subscription (README "Admin: payments"): force a plan
 * now, put a coupon on it, and — while dunning chases it — more grace before it ends. Each
 * dialog sends with its own `Idempotency-Key`; the page reads the subscription again after.
 */
export function SubscriptionChanges(props: {
  subscription: AdminSubscription;
  onSent: (message: string) => void;
}) {
  const [open, setOpen] = createSignal<Dialog | null>(null);
  const close = () => setOpen(null);
  const done = (message: string) => {
    close();
    props.onSent(message);
  };

  return (
    <>
      <div class="ds-cluster">
        <Button variant="ghost" onClick={() => setOpen("plan")}>
          Change plan…
        </Button>
        <Button variant="ghost" onClick={() => setOpen("coupon")}>
          Apply a coupon…
        </Button>
        <Show when={props.subscription.in_dunning}>
          <Button variant="ghost" onClick={() => setOpen("grace")}>
            Extend grace…
          </Button>
        </Show>
      </div>
      <Switch>
        <Match when={open() === "plan"}>
          <PlanChangeDialog subscription={props.subscription} onClose={close} onDone={done} />
        </Match>
        <Match when={open() === "coupon"}>
          <CouponDialog subscription={props.subscription} onClose={close} onDone={done} />
        </Match>
        <Match when={open() === "grace"}>
          <GraceDialog subscription={props.subscription} onClose={close} onDone={done} />
        </Match>
      </Switch>
    </>
  );
}

interface DialogProps {
  subscription: AdminSubscription;
  onClose: () => void;
  onDone: (message: string) => void;
}

function PlanChangeDialog(props: DialogProps) {
  const others = PAID_PLANS.filter((plan) => plan !== props.subscription.plan);
  const { draft, set, issues, check } = createDraftForm(
    { plan: "", prorate: true, note: "" },
    (typed): Checked<PlanChangeRequest> => {
      const plan = others.find((candidate) => candidate === typed.plan);
      if (!plan) return { ok: false, issues: { plan: "Choose a plan" } };
      const note = typed.note.trim() ? { note: typed.note } : {};
      return { ok: true, request: { plan, prorate: typed.prorate, ...note } };
    },
  );

  return (
    <StepUpActionDialog
      title="Change the plan now"
      description="Takes effect at once, up or down. With proration the unused time is credited and the rest invoiced and charged now; without, the next invoice bills the new price."
      formLabel="Change the plan"
      submitLabel="Change plan"
      failureTitle="Plan not changed"
      check={check}
      send={async (request, key) => {
        await changePlan(adminApi, props.subscription.id, request, key);
        props.onDone(
          `Change to ${PLAN_LABELS[request.plan]} sent; it shows once the provider confirms it.`,
        );
      }}
      onClose={props.onClose}
    >
      <Select
        label="New plan"
        options={[
          { value: "", label: "Choose a plan" },
          ...others.map((value) => ({ value, label: PLAN_LABELS[value] })),
        ]}
        value={draft().plan}
        onChange={(plan) => set({ plan })}
        error={issues().plan}
      />
      <Checkbox
        label="Prorate"
        description="Credit the unused time and charge the difference now."
        checked={draft().prorate}
        onChange={(prorate) => set({ prorate })}
      />
      <NoteField value={draft().note} onChange={(note) => set({ note })} />
    </StepUpActionDialog>
  );
}

function CouponDialog(props: DialogProps) {
  const empty: CouponDraft = { kind: "percent", value: "", duration: "once", months: "", note: "" };
  const { draft, set, issues, check } = createDraftForm(empty, checkCouponDraft);

  return (
    <StepUpActionDialog
      title="Apply a coupon"
      description="A coupon made for this subscription; it replaces any discount it has. The next invoices show it."
      formLabel="Apply a coupon"
      submitLabel="Apply coupon"
      failureTitle="Coupon not applied"
      check={check}
      send={async (request, key) => {
        await applyCoupon(adminApi, props.subscription.id, request, key);
        props.onDone("Coupon sent; the next invoice shows the discount.");
      }}
      onClose={props.onClose}
    >
      <Select
        label="Kind"
        options={[
          { value: "percent", label: "Percent off" },
          { value: "amount", label: "Amount off (USD)" },
        ]}
        value={draft().kind}
        onChange={(kind) => set({ kind: kind === "amount" ? "amount" : "percent" })}
      />
      <TextField
        label={draft().kind === "percent" ? "Percent off" : "Amount off (USD)"}
        inputMode="decimal"
        value={draft().value}
        onChange={(value) => set({ value })}
        error={issues().value}
        required
      />
      <Select
        label="For"
        options={COUPON_DURATIONS.map((value) => ({ value, label: DURATION_LABELS[value] }))}
        value={draft().duration}
        onChange={(duration) =>
          set({ duration: COUPON_DURATIONS.find((d) => d === duration) ?? "once" })
        }
      />
      <Show when={draft().duration === "repeating"}>
        <TextField
          label="Months"
          inputMode="numeric"
          value={draft().months}
          onChange={(months) => set({ months })}
          error={issues().months}
          required
        />
      </Show>
      <NoteField value={draft().note} onChange={(note) => set({ note })} error={issues().note} />
    </StepUpActionDialog>
  );
}

function GraceDialog(props: DialogProps) {
  const { draft, set, issues, check } = createDraftForm({ days: "3", note: "" }, (typed) =>
    checkGraceDays(typed.days, typed.note),
  );

  return (
    <StepUpActionDialog
      title="Extend the grace period"
      description={`Dunning ends the subscription when grace ends (72 hours after the payment failed, unless moved). Move it 1–${MAX_GRACE_EXTENSION_DAYS} days later.`}
      formLabel="Extend the grace period"
      submitLabel="Extend grace"
      failureTitle="Grace not extended"
      check={check}
      send={async (request, key) => {
        const result = await extendGrace(adminApi, props.subscription.id, request, key);
        props.onDone(`Grace now ends ${formatDateTime(result.grace_ends_at)}.`);
      }}
      onClose={props.onClose}
    >
      <TextField
        label="Days"
        inputMode="numeric"
        value={draft().days}
        onChange={(days) => set({ days })}
        error={issues().days}
        required
      />
      <NoteField value={draft().note} onChange={(note) => set({ note })} error={issues().note} />
    </StepUpActionDialog>
  );
}
