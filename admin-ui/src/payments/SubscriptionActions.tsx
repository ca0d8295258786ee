import { createSignal, Show } from "solid-js";
import { Button } from "~kit/design-system/components/Button";
import { describeError } from "~kit/forms/describe-error";
import { adminApi } from "../api/admin-api";
import {
  type AdminSubscription,
  actOnSubscription,
  extendTrial,
  type SubscriptionAction,
} from "../api/payments";
import { newIdempotencyKey } from "../standing/standing-view";

const ENDED = ["canceled", "incomplete_expired"];
const TRIAL_EXTENSION_DAYS = 7;

const DONE: Record<SubscriptionAction | "extend_trial", string> = {
  cancel_at_period_end: "Cancellation at the period end sent",
  resume: "Cancellation taken back",
  cancel_now: "Cancellation sent",
  extend_trial: `Trial extension by ${TRIAL_EXTENSION_DAYS} days sent`,
};

/**
 * A billing admin's subscription actions (README "Admin: payments"), each with its own
 * `Idempotency-Key`; the subscription changes once the provider's event is applied, so the
 * page reads it again (`onSent`).
 */
export function SubscriptionActions(props: {
  subscription: AdminSubscription;
  onSent: () => void;
}) {
  const [busy, setBusy] = createSignal<string | null>(null);
  const [message, setMessage] = createSignal<string | null>(null);
  const live = () => !ENDED.includes(props.subscription.status);

  async function run(name: SubscriptionAction | "extend_trial") {
    if (name === "cancel_now" && !window.confirm("End this subscription now, without a refund?"))
      return;
    setBusy(name);
    setMessage(null);
    try {
      const key = newIdempotencyKey();
      if (name === "extend_trial")
        await extendTrial(adminApi, props.subscription.id, TRIAL_EXTENSION_DAYS, key);
      else await actOnSubscription(adminApi, props.subscription.id, name, key);
      setMessage(`${DONE[name]}; it shows once the provider confirms it.`);
      props.onSent();
    } catch (error) {
      setMessage(`Not done: ${describeError(error)}`);
    } finally {
      setBusy(null);
    }
  }

  return (
    <Show when={live()}>
      <div class="ds-stack">
        <div class="ds-cluster">
          <Show when={props.subscription.status === "trialing"}>
            <Button loading={busy() === "extend_trial"} onClick={() => void run("extend_trial")}>
              Extend trial by {TRIAL_EXTENSION_DAYS} days
            </Button>
          </Show>
          <Show
            when={props.subscription.cancel_at_period_end}
            fallback={
              <Button
                variant="ghost"
                loading={busy() === "cancel_at_period_end"}
                onClick={() => void run("cancel_at_period_end")}
              >
                Cancel at period end
              </Button>
            }
          >
            <Button
              variant="ghost"
              loading={busy() === "resume"}
              onClick={() => void run("resume")}
            >
              Keep it going
            </Button>
          </Show>
          <Button
            variant="danger"
            loading={busy() === "cancel_now"}
            onClick={() => void run("cancel_now")}
          >
            Cancel now
          </Button>
        </div>
        <Show when={message()}>
          <p role="status">{message()}</p>
        </Show>
      </div>
    </Show>
  );
}
