import type { Plan } from "~core/plans/entitlements";
import type { ApiClient, ListPage } from "~kit/api/client";

/** What a person sees of their subscription (GET /api/subscription). */
export type LifecycleState =
  | "free"
  | "trialing"
  | "active"
  | "past_due"
  | "canceled"
  | "unpaid"
  | "incomplete";

export type PaidPlan = Exclude<Plan, "free">;

export interface SubscriptionDetail {
  id: string;
  plan: string;
  status: string;
  cancel_at_period_end: boolean;
  current_period_start: string;
  current_period_end: string;
  trial_end: string | null;
  trial_days_left: number;
  pending_plan: string | null;
  default_payment_method_id: string | null;
  grace_ends_at: string | null;
  ended_at: string | null;
  ended_reason: string | null;
}

export interface SubscriptionView {
  /** The plan whose limits apply now. */
  plan: string;
  state: LifecycleState;
  /** `local`: the Worker's test checkout and Stripe's test card tokens stand in for Stripe. */
  mode: "stripe" | "local";
  trial_available: boolean;
  subscription: SubscriptionDetail | null;
}

export interface CheckoutSession {
  checkout_url: string;
  session_id: string;
  /** `setup` collects a card for a trial that has none; `subscription` starts one. */
  mode: "subscription" | "setup";
  trial_days: number;
  amount_due_now_cents: number;
}

export interface PlanChange {
  change: "upgrade" | "downgrade" | "cancel" | "keep";
  effective_at: string;
  proration_cents: number;
}

/** Any Stripe payment-method type; what a type does not have is null. */
export interface PaymentMethod {
  id: string;
  /** card, us_bank_account, sepa_debit, link, paypal, … (new types too). */
  type: string;
  brand: string | null;
  last4: string | null;
  exp_month: number | null;
  exp_year: number | null;
  wallet: string | null;
  bank_name: string | null;
  email: string | null;
  is_default: boolean;
  created_at: string;
}

export interface Invoice {
  id: string;
  number: string | null;
  status: string;
  currency: string;
  amount_due: number;
  amount_paid: number;
  amount_refunded: number;
  billing_reason: string | null;
  subscription_id: string | null;
  period_start: string | null;
  period_end: string | null;
  lines: { description: string; amount: number; proration: boolean }[];
  attempt_count: number;
  hosted_url: string | null;
  pdf_available: boolean;
  paid_at: string | null;
  created_at: string;
}

export interface BillingEvent {
  id: string;
  type: string;
  source: "api" | "webhook" | "workflow";
  detail: Record<string, unknown>;
  created_at: string;
}

export interface UsageCounter {
  used: number;
  /** null: unlimited on this plan. */
  limit: number | null;
}

export interface Usage {
  plan: string;
  period: string;
  resets_at: string;
  resumes: UsageCounter;
  exports: UsageCounter;
  ai_calls: UsageCounter;
}

/**
 * Money-moving calls carry an `Idempotency-Key` (8–128 of letters, digits, _ . : -): the
 * server replays its first answer for a repeat, so a retried click never charges twice.
 */
const keyed = (key: string) => ({ headers: { "Idempotency-Key": key } });

export const fetchSubscription = (api: ApiClient, signal?: AbortSignal) =>
  api.get<SubscriptionView>("/api/subscription", { signal });

export const startCheckout = (api: ApiClient, plan: PaidPlan, key: string) =>
  api.post<CheckoutSession>("/api/subscription/checkout", { plan }, keyed(key));

export const changePlan = (api: ApiClient, plan: Plan, key: string) =>
  api.post<PlanChange>("/api/subscription/change", { plan }, keyed(key));

export const cancelSubscription = (api: ApiClient, key: string) =>
  api.post<{ access_until: string }>("/api/subscription/cancel", undefined, keyed(key));

export const reactivateSubscription = (api: ApiClient, key: string) =>
  api.post<{ renews_at: string }>("/api/subscription/reactivate", undefined, keyed(key));

export const listPaymentMethods = (api: ApiClient) =>
  api.get<PaymentMethod[]>("/api/payment-methods");

export const addPaymentMethod = (
  api: ApiClient,
  body: { payment_method_id: string; make_default: boolean },
  key: string,
) =>
  api.post<Omit<PaymentMethod, "is_default" | "created_at">>(
    "/api/payment-methods",
    body,
    keyed(key),
  );

const methodPath = (id: string) => `/api/payment-methods/${encodeURIComponent(id)}`;

export const setDefaultPaymentMethod = (api: ApiClient, id: string, key: string) =>
  api.post<{ id: string }>(`${methodPath(id)}/default`, undefined, keyed(key));

export const removePaymentMethod = (api: ApiClient, id: string) =>
  api.delete<{ id: string }>(methodPath(id));

export const listInvoices = (api: ApiClient, page = 1): Promise<ListPage<Invoice>> =>
  api.list<Invoice>("/api/invoices", { query: { page, per_page: 10 } });

export const invoicePdfPath = (id: string) => `/api/invoices/${encodeURIComponent(id)}/pdf`;

export const payInvoice = (api: ApiClient, id: string, key: string) =>
  api.post<{ invoice_id: string; paid: true }>(
    `/api/invoices/${encodeURIComponent(id)}/pay`,
    undefined,
    keyed(key),
  );

export const listBillingHistory = (api: ApiClient, page = 1): Promise<ListPage<BillingEvent>> =>
  api.list<BillingEvent>("/api/billing/history", { query: { page, per_page: 15 } });

export const fetchUsage = (api: ApiClient) => api.get<Usage>("/api/usage");
