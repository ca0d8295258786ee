import { describe, expect, it } from "vitest";
import { renderEmail } from "../../core/email/render";
import type { BillingEventFailedData } from "../../core/email/templates/billing-event-failed";

const failed: BillingEventFailedData = {
  eventId: "evt_1Q2w3E4r5T6y",
  type: "customer.subscription.updated",
  customerId: "cus_9s6XKzkNRiz8i3",
  account: "ada@example.test (user-1)",
  reason: "unreadable_payload: items.data: Too small",
  adminUrl:
    "https://resume-builder.example/admin/billing-events?status=failed&event=evt_1Q2w3E4r5T6y",
  environment: "production",
  failedAt: "2026-11-25T16:01:30.000Z",
};

describe("billing_event_failed", () => {
  it("names the event in the subject and gives an operator everything to act on", () => {
    const email = renderEmail("billing_event_failed", failed);
    expect(email.subject).toBe("[production] Stripe event evt_1Q2w3E4r5T6y could not be applied");
    for (const part of [email.text, email.html]) {
      for (const fact of [
        failed.type,
        failed.customerId!,
        "ada@example.test",
        "unreadable_payload: items.data: Too small",
        "2026-11-25 16:01 UTC",
      ])
        expect(part).toContain(fact);
    }
    expect(email.html).toContain(`href="${failed.adminUrl.replace("&", "&amp;")}"`);
  });

  it("says so when the event names no customer or the account is unknown", () => {
    const email = renderEmail("billing_event_failed", {
      ...failed,
      customerId: null,
      account: null,
    });
    expect(email.text).toMatch(/Customer\W+none/);
    expect(email.text).toMatch(/Account\W+unknown/);
  });
});
