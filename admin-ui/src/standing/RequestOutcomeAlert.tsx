import { Alert } from "~kit/design-system/components/Alert";
import type { RequestOutcome } from "./request-tracker";

const TONES = { done: "success", waiting: "info", slow: "warning", failed: "warning" } as const;

function title(outcome: RequestOutcome): string {
  if (outcome.state === "waiting") return `Applying ${outcome.label}…`;
  if (outcome.state === "done") return `Done: ${outcome.label}`;
  return `Not confirmed yet: ${outcome.label}`;
}

function body(outcome: RequestOutcome): string {
  if (outcome.state === "waiting")
    return "The account's escalation workflow applies it within seconds.";
  if (outcome.state === "done") return outcome.result ?? "Recorded.";
  if (outcome.state === "slow")
    return "The request is still waiting. It is retried automatically; reload later to see what it did.";
  return `The account could not be read again: ${outcome.message}`;
}

/** Where a request handed to an account's escalation workflow stands, in words. */
export function RequestOutcomeAlert(props: { outcome: RequestOutcome }) {
  return (
    <Alert tone={TONES[props.outcome.state]} title={title(props.outcome)}>
      {body(props.outcome)}
    </Alert>
  );
}
