import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { entitledPlan, lifecycleState } from "../../core/billing/lifecycle";
import {
  ENTITLED_STATUSES,
  INVOICE_STATUSES,
  isEntitledStatus,
  isLiveSubscriptionStatus,
  isStripeEventStatus,
  LIFECYCLE_STATES,
  LIVE_SUBSCRIPTION_STATUSES,
  SUBSCRIPTION_STATUSES,
} from "../../core/billing/states";
import { parseInvoice, parseSubscription } from "../../core/billing/stripe-objects";
import { lifecycleStateSchema, subscriptionSchema } from "../../core/contract/billing";
import { stripeFixture } from "../worker/stripe-fixtures";

/** The billing state lists of core/billing/states.ts against what reads and writes them. */

const state = (status: string, cancelAtPeriodEnd = false, endedReason: string | null = null) => ({
  plan: "premium" as const,
  status,
  cancelAtPeriodEnd,
  currentPeriodEnd: 2_000_000_000,
  trialEnd: null,
  endedReason,
});

describe("subscription statuses", () => {
  it("reads every status of the pinned API version from Stripe's own subscription", () => {
    for (const status of SUBSCRIPTION_STATUSES) {
      expect(parseSubscription(stripeFixture("subscription", { status })).status).toBe(status);
    }
  });

  it("refuses a status the pinned version does not have: the event is unreadable, not written", () => {
    expect(() => parseSubscription(stripeFixture("subscription", { status: "frozen" }))).toThrow(
      ZodError,
    );
  });

  it("keeps the paid plan for trialing, active and past due only (README Billing)", () => {
    expect([...ENTITLED_STATUSES]).toEqual(["trialing", "active", "past_due"]);
    for (const status of SUBSCRIPTION_STATUSES) {
      const entitled = (ENTITLED_STATUSES as readonly string[]).includes(status);
      expect(isEntitledStatus(status)).toBe(entitled);
      expect(entitledPlan(state(status))).toBe(entitled ? "premium" : "free");
    }
    expect(isEntitledStatus("frozen")).toBe(false);
  });

  it("counts every entitled status as live, and no ended one", () => {
    for (const status of ENTITLED_STATUSES) expect(isLiveSubscriptionStatus(status)).toBe(true);
    for (const status of ["canceled", "incomplete_expired", "paused"])
      expect(isLiveSubscriptionStatus(status)).toBe(false);
    expect(LIVE_SUBSCRIPTION_STATUSES.every((s) => SUBSCRIPTION_STATUSES.includes(s))).toBe(true);
  });

  it("shows only lifecycle states the API's enum has, whatever the status", () => {
    const seen = new Set<string>();
    for (const status of SUBSCRIPTION_STATUSES)
      for (const cancel of [false, true])
        for (const reason of [null, "unpaid"]) {
          const shown = lifecycleState(state(status, cancel, reason));
          expect(lifecycleStateSchema.safeParse(shown).success).toBe(true);
          seen.add(shown);
        }
    seen.add(lifecycleState(null));
    // every state the API can answer is one a subscription can actually be in
    expect([...seen].sort()).toEqual([...LIFECYCLE_STATES].sort());
  });

  it("types the subscription's status in GET /api/subscription with the same list", () => {
    const view = (status: string) => ({
      plan: "premium",
      state: "active",
      mode: "local",
      trial_available: false,
      subscription: {
        id: "sub_1",
        plan: "premium",
        status,
        cancel_at_period_end: false,
        current_period_start: "2026-12-01T00:00:00.000Z",
        current_period_end: "2027-01-01T00:00:00.000Z",
        trial_end: null,
        trial_days_left: 0,
        pending_plan: null,
        default_payment_method_id: null,
        grace_ends_at: null,
        ended_at: null,
        ended_reason: null,
      },
    });
    for (const status of SUBSCRIPTION_STATUSES)
      expect(subscriptionSchema.safeParse(view(status)).success).toBe(true);
    expect(subscriptionSchema.safeParse(view("frozen")).success).toBe(false);
  });
});

describe("invoice and event statuses", () => {
  it("reads every invoice status of the pinned API version, and a missing one as open", () => {
    for (const status of INVOICE_STATUSES) {
      expect(parseInvoice(stripeFixture("invoice", { status })).status).toBe(status);
    }
    expect(parseInvoice(stripeFixture("invoice", { status: null })).status).toBe("open");
    expect(() => parseInvoice(stripeFixture("invoice", { status: "settled" }))).toThrow(ZodError);
  });

  it("knows a received event's statuses and nothing else", () => {
    expect(isStripeEventStatus("failed")).toBe(true);
    expect(isStripeEventStatus("skipped")).toBe(true);
    expect(isStripeEventStatus("lost")).toBe(false);
    expect(isStripeEventStatus(undefined)).toBe(false);
  });
});
