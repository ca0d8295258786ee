import type {
  AdminInvoice,
  AdminInvoiceDetail,
  AdminInvoicesQuery,
  AdminSubscription,
  AdminSubscriptionDetail,
  AdminSubscriptionsQuery,
  CreditNoteRequest,
  CreditNoteResult,
  InvoiceActionResult,
  ManualInvoiceRequest,
  ManualInvoiceResult,
  PaymentRetryResult,
  RefundRequest,
  RefundResult,
  SubscriptionAction,
  SubscriptionActionResult,
} from "~core/contract/admin-payments";
import type { ApiClient } from "~kit/api/client";
import { keyed } from "./standing";

/** README "Admin: payments": subscriptions, invoices, refunds and subscription actions. */

export type {
  AdminInvoice,
  AdminInvoiceDetail,
  AdminSubscription,
  AdminSubscriptionDetail,
  InvoiceAction,
  RefundRequest,
  SubscriptionAction,
} from "~core/contract/admin-payments";

const BASE = "/api/admin/payments";
export const PAYMENTS_PER_PAGE = 20;
const path = (kind: "subscriptions" | "invoices", id: string) =>
  `${BASE}/${kind}/${encodeURIComponent(id)}`;

type Filters<Q> = Partial<Omit<Q, "per_page">>;

export const listSubscriptions = (api: ApiClient, filters: Filters<AdminSubscriptionsQuery>) =>
  api.list<AdminSubscription>(`${BASE}/subscriptions`, {
    query: { ...filters, per_page: PAYMENTS_PER_PAGE },
  });

export const getSubscription = (api: ApiClient, id: string) =>
  api.get<AdminSubscriptionDetail>(path("subscriptions", id));

export const listInvoices = (api: ApiClient, filters: Filters<AdminInvoicesQuery>) =>
  api.list<AdminInvoice>(`${BASE}/invoices`, {
    query: { ...filters, per_page: PAYMENTS_PER_PAGE },
  });

export const getInvoice = (api: ApiClient, id: string) =>
  api.get<AdminInvoiceDetail>(path("invoices", id));

/** Needs a recent second factor (the layout's step-up dialog asks for one). */
export const refundInvoice = (api: ApiClient, id: string, body: RefundRequest, key: string) =>
  api.post<RefundResult>(`${path("invoices", id)}/refunds`, body, keyed(key));

export const retryPayment = (api: ApiClient, id: string, key: string) =>
  api.post<PaymentRetryResult>(`${path("invoices", id)}/payment-retry`, undefined, keyed(key));

export const actOnSubscription = (
  api: ApiClient,
  id: string,
  action: SubscriptionAction,
  key: string,
) =>
  api.post<SubscriptionActionResult>(
    `${path("subscriptions", id)}/actions`,
    { action },
    keyed(key),
  );

export const extendTrial = (api: ApiClient, id: string, days: number, key: string) =>
  api.post<SubscriptionActionResult>(
    `${path("subscriptions", id)}/trial-extension`,
    { days },
    keyed(key),
  );

/** The list's filters as CSV (README "Admin: payments"); audited with the row count. */
export const downloadInvoicesCsv = (
  api: ApiClient,
  filters: Omit<Filters<AdminInvoicesQuery>, "page">,
) => api.download("GET", `${BASE}/invoices/export`, undefined, { query: filters });

/** Each is sent with its own `Idempotency-Key`; the note goes to the audit log. */
const INVOICE_ACTION_PATHS = { void: "void", resend: "resend", regenerate_pdf: "pdf" } as const;

export const actOnInvoice = (
  api: ApiClient,
  id: string,
  action: keyof typeof INVOICE_ACTION_PATHS,
  note: string | undefined,
  key: string,
) =>
  api.post<InvoiceActionResult>(
    `${path("invoices", id)}/${INVOICE_ACTION_PATHS[action]}`,
    note ? { note } : {},
    keyed(key),
  );

export const createCreditNote = (
  api: ApiClient,
  id: string,
  body: CreditNoteRequest,
  key: string,
) => api.post<CreditNoteResult>(`${path("invoices", id)}/credit-notes`, body, keyed(key));

export const createManualInvoice = (api: ApiClient, body: ManualInvoiceRequest, key: string) =>
  api.post<ManualInvoiceResult>(`${BASE}/invoices`, body, keyed(key));
