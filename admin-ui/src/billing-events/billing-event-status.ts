import type { BadgeTone } from "~kit/design-system/components/Badge";
import type { BillingEventStatus } from "../api/billing-events";

/** README "Stuck billing events": failed waits for an operator; skipped was never applied. */
export function billingEventTone(status: BillingEventStatus): BadgeTone {
  switch (status) {
    case "applied":
      return "success";
    case "failed":
      return "error";
    case "queued":
    case "applying":
      return "info";
    case "skipped":
      return "warning";
    default:
      return "neutral";
  }
}

export const billingEventLabel = (status: BillingEventStatus): string =>
  status.charAt(0).toUpperCase() + status.slice(1);
