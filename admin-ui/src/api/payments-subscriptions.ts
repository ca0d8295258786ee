import type { SubscriptionActionResult } from "~core/contract/admin-payments";
import type {
  AdminDispute,
  AdminDisputesQuery,
  AdminDunningView,
  CouponRequest,
  CouponResult,
  GraceExtensionRequest,
  GraceExtensionResult,
  PlanChangeRequest,
  SubscriptionCreateRequest,
  SubscriptionCreateResult,
} from "~core/contract/admin-payments-subscriptions";
import type { ApiClient } from "~kit/api/client";
import { PAYMENTS_PER_PAGE } from "./payments";
import { keyed } from "./standing";

/** README "Admin: payments": plan changes, coupons, grace, disputes and the dunning view. */

export type {
  AdminDispute,
  AdminDunningAccount,
  AdminDunningView,
} from "~core/contract/admin-payments-subscriptions";

const BASE = "/api/admin/payments";
const subscription = (id: string) => `${BASE}/subscriptions/${encodeURIComponent(id)}`;

export const createSubscription = (api: ApiClient, body: SubscriptionCreateRequest, key: string) =>
  api.post<SubscriptionCreateResult>(`${BASE}/subscriptions`, body, keyed(key));

export const changePlan = (api: ApiClient, id: string, body: PlanChangeRequest, key: string) =>
  api.post<SubscriptionActionResult>(`${subscription(id)}/plan-change`, body, keyed(key));

export const applyCoupon = (api: ApiClient, id: string, body: CouponRequest, key: string) =>
  api.post<CouponResult>(`${subscription(id)}/coupon`, body, keyed(key));

export const extendGrace = (api: ApiClient, id: string, body: GraceExtensionRequest, key: string) =>
  api.post<GraceExtensionResult>(`${subscription(id)}/grace-extension`, body, keyed(key));

export const listDisputes = (
  api: ApiClient,
  filters: Partial<Omit<AdminDisputesQuery, "per_page">>,
) =>
  api.list<AdminDispute>(`${BASE}/disputes`, {
    query: { ...filters, per_page: PAYMENTS_PER_PAGE },
  });

export const getDunning = (api: ApiClient, page: number) =>
  api.get<AdminDunningView>(`${BASE}/dunning`, { query: { page, per_page: PAYMENTS_PER_PAGE } });
