import type {
  AttachedPaymentMethod,
  AttachPaymentMethodRequest,
  BillingHistoryEntry,
  Cancellation,
  CardSetupSession,
  CheckoutSession,
  Invoice,
  InvoicePaid,
  PaidPlan,
  PaymentMethod,
  PaymentMethodAccepted,
  PlanChange,
  PlanOffer,
  Reactivation,
  SubscriptionView,
  Usage,
} from "~core/contract/billing";
import type { Plan } from "~core/plans/entitlements";
import type { ApiClient, ListPage } from "~kit/api/client";

/** The wire types of core/contract/billing.ts, for the billing pages. */
export type {
  BillingHistoryEntry,
  BillingMode,
  CardSetupSession,
  CheckoutSession,
  Invoice,
  LifecycleState,
  PaidPlan,
  PaymentMethod,
  PlanChange,
  SubscriptionDetail,
  SubscriptionView,
  Usage,
  UsageCounter,
} from "~core/contract/billing";

/**
 * Money-moving calls carry an `Idempotency-Key` (8–128 of letters, digits, _ . : -): the
 * server replays its first answer for a repeat, so a retried click never charges twice.
 */
const keyed = (key: string) => ({ headers: { "Idempotency-Key": key } });

/** The plans with the limits in force (public). */
export const fetchPlans = (api: ApiClient) => api.get<PlanOffer[]>("/api/billing/plans");

export const fetchSubscription = (api: ApiClient, signal?: AbortSignal) =>
  api.get<SubscriptionView>("/api/subscription", { signal });

export const startCheckout = (api: ApiClient, plan: PaidPlan, key: string) =>
  api.post<CheckoutSession>("/api/subscription/checkout", { plan }, keyed(key));

export const changePlan = (api: ApiClient, plan: Plan, key: string) =>
  api.post<PlanChange>("/api/subscription/change", { plan }, keyed(key));

export const cancelSubscription = (api: ApiClient, key: string) =>
  api.post<Cancellation>("/api/subscription/cancel", undefined, keyed(key));

export const reactivateSubscription = (api: ApiClient, key: string) =>
  api.post<Reactivation>("/api/subscription/reactivate", undefined, keyed(key));

export const listPaymentMethods = (api: ApiClient) =>
  api.get<PaymentMethod[]>("/api/payment-methods");

export const addPaymentMethod = (api: ApiClient, body: AttachPaymentMethodRequest, key: string) =>
  api.post<AttachedPaymentMethod>("/api/payment-methods", body, keyed(key));

/** "Add a card": a setup-mode checkout session to send the browser to. */
export const startCardSetup = (api: ApiClient, makeDefault: boolean, key: string) =>
  api.post<CardSetupSession>(
    "/api/payment-methods/setup",
    { make_default: makeDefault },
    keyed(key),
  );

const methodPath = (id: string) => `/api/payment-methods/${encodeURIComponent(id)}`;

export const setDefaultPaymentMethod = (api: ApiClient, id: string, key: string) =>
  api.post<PaymentMethodAccepted>(`${methodPath(id)}/default`, undefined, keyed(key));

export const removePaymentMethod = (api: ApiClient, id: string) =>
  api.delete<PaymentMethodAccepted>(methodPath(id));

export const listInvoices = (api: ApiClient, page = 1): Promise<ListPage<Invoice>> =>
  api.list<Invoice>("/api/invoices", { query: { page, per_page: 10 } });

export const invoicePdfPath = (id: string) => `/api/invoices/${encodeURIComponent(id)}/pdf`;

export const payInvoice = (api: ApiClient, id: string, key: string) =>
  api.post<InvoicePaid>(`/api/invoices/${encodeURIComponent(id)}/pay`, undefined, keyed(key));

export const listBillingHistory = (
  api: ApiClient,
  page = 1,
): Promise<ListPage<BillingHistoryEntry>> =>
  api.list<BillingHistoryEntry>("/api/billing/history", { query: { page, per_page: 15 } });

export const fetchUsage = (api: ApiClient) => api.get<Usage>("/api/usage");
