import { type EmailContent, utcMinute } from "../layout";

export interface BillingEventFailedData {
  eventId: string;
  /** The Stripe event type, e.g. `customer.subscription.updated`. */
  type: string;
  customerId: string | null;
  /** The account the customer belongs to, when it is known. */
  account: string | null;
  reason: string;
  /** Absolute URL of the admin app's Billing events page, filtered to this event. */
  adminUrl: string;
  environment: string;
  /** ISO timestamp of the failure. */
  failedAt: string;
}

/**
 * Operator alert (README "Stuck billing events"): a Stripe event could not be applied and waits
 * for an operator, holding back the later events of its customer.
 */
export function billingEventFailed(data: BillingEventFailedData): EmailContent {
  return {
    subject: `[${data.environment}] Stripe event ${data.eventId} could not be applied`,
    preheader: `${data.type} failed: ${data.reason}`,
    heading: "A billing event is stuck",
    paragraphs: [
      `Stripe event ${data.eventId} (${data.type}) could not be applied to the billing mirror and is marked failed.`,
      "The later events of the same customer wait behind it, so this customer's subscription, invoices and cards stay as they were until an operator retries or skips the event.",
    ],
    facts: [
      { label: "Environment", value: data.environment },
      { label: "Event", value: data.eventId },
      { label: "Type", value: data.type },
      { label: "Customer", value: data.customerId ?? "none" },
      { label: "Account", value: data.account ?? "unknown" },
      { label: "Reason", value: data.reason },
      { label: "Failed at", value: utcMinute(data.failedAt) },
    ],
    action: { label: "Open billing events", url: data.adminUrl },
    closing: [
      "Retry once the cause is fixed (a deploy, a transient outage); skip with a reason when the event must never be applied.",
    ],
    footer: `You receive this alert because this address is the operator alert address (OPS_ALERT_EMAIL) of the ${data.environment} environment.`,
  };
}
