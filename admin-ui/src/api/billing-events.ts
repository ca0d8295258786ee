import { STRIPE_EVENT_STATUSES, type StripeEventStatus } from "~core/billing/states";
import type {
  StripeEvent as BillingEvent,
  StripeEventAction as BillingEventAction,
} from "~core/contract/admin";
import type { ApiClient, ListPage } from "~kit/api/client";

/** README "Stuck billing events": the Stripe events the webhook recorded, for operators. */

export type BillingEventStatus = StripeEventStatus;

/** The status filter's order: the failed ones, waiting for an operator, come first. */
export const BILLING_EVENT_STATUSES: readonly BillingEventStatus[] = [
  "failed",
  ...STRIPE_EVENT_STATUSES.filter((status) => status !== "failed"),
];

/** One Stripe event (GET /api/admin/billing/events), and what a retry or skip did. */
export type {
  StripeEvent as BillingEvent,
  StripeEventAction as BillingEventAction,
} from "~core/contract/admin";

export const BILLING_EVENTS_PER_PAGE = 20;

export { isStripeEventStatus as isBillingEventStatus } from "~core/billing/states";

export const listBillingEvents = (
  api: ApiClient,
  filters: { status?: BillingEventStatus; customer?: string; page: number },
): Promise<ListPage<BillingEvent>> =>
  api.list<BillingEvent>("/api/admin/billing/events", {
    query: {
      status: filters.status,
      customer_id: filters.customer,
      page: filters.page,
      per_page: BILLING_EVENTS_PER_PAGE,
    },
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
