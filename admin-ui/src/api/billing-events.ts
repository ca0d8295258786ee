import type { ApiClient, ListPage } from "~kit/api/client";

/** README "Stuck billing events": the Stripe events the webhook recorded, for operators. */

export const BILLING_EVENT_STATUSES = [
  "failed",
  "queued",
  "applying",
  "applied",
  "ignored",
  "skipped",
] as const;
export type BillingEventStatus = (typeof BILLING_EVENT_STATUSES)[number];

/** One Stripe event, as GET /api/admin/billing/events lists it. */
export interface BillingEvent {
  seq: number;
  event_id: string;
  type: string;
  customer_id: string | null;
  account: { user_id: string; email: string } | null;
  status: BillingEventStatus;
  error: string | null;
  created: string;
  received_at: string;
  processed_at: string | null;
}

/** What a retry or skip did (`changed` is false for a repeat that found the work done). */
export interface BillingEventAction {
  event: BillingEvent;
  requeued: string[];
  changed: boolean;
}

export const BILLING_EVENTS_PER_PAGE = 20;

export const isBillingEventStatus = (value: string | undefined): value is BillingEventStatus =>
  (BILLING_EVENT_STATUSES as readonly string[]).includes(value ?? "");

export const listBillingEvents = (
  api: ApiClient,
  filters: { status?: BillingEventStatus; page: number },
): Promise<ListPage<BillingEvent>> =>
  api.list<BillingEvent>("/api/admin/billing/events", {
    query: { ...filters, per_page: BILLING_EVENTS_PER_PAGE },
  });

const eventPath = (eventId: string) => `/api/admin/billing/events/${encodeURIComponent(eventId)}`;

export const retryBillingEvent = (api: ApiClient, eventId: string): Promise<BillingEventAction> =>
  api.post<BillingEventAction>(`${eventPath(eventId)}/retry`, {});

export const skipBillingEvent = (
  api: ApiClient,
  eventId: string,
  reason: string,
): Promise<BillingEventAction> =>
  api.post<BillingEventAction>(`${eventPath(eventId)}/skip`, { reason });
