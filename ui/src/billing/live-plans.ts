import { batch, createSignal } from "solid-js";
import { fetchPlans } from "~/api/billing";
import { api } from "~/auth/session";
import {
  PLAN_DETAIL_DEFAULTS,
  type PlanDetail,
  type PlanDetailsValue,
} from "~core/config/plan-details";
import {
  ENTITLEMENTS,
  type Entitlements,
  entitlementsOf,
  PLANS,
  type Plan,
  type PlanTable,
} from "~core/plans/entitlements";

/**
 * The plan table and plan details in force, as `GET /api/billing/plans` serves them: live
 * configuration may have changed a limit, a name or a quoted price since this app was built
 * (README "Live configuration"), so pages that show them read them from the server, once per
 * page that shows them.
 */
const [table, setTable] = createSignal<PlanTable | null>(null);
const [details, setDetails] = createSignal<PlanDetailsValue | null>(null);
const [failed, setFailed] = createSignal(false);
let loading: Promise<void> | null = null;
let loadedAt = 0;

/** How long screens reuse the table before asking again (a limit changed while the app is open). */
const FRESH_MS = 60_000;

/** The table once loaded; null until then. The code's table only if the server cannot say. */
export const livePlanTable = (): PlanTable | null => table() ?? (failed() ? ENTITLEMENTS : null);

/** Asks the server again (one request at a time), e.g. when a page showing limits opens. */
export function refreshPlanTable(): Promise<void> {
  const pending =
    loading ??
    fetchPlans(api)
      .then((offers) => {
        const live = { ...ENTITLEMENTS };
        const shown = { ...PLAN_DETAIL_DEFAULTS };
        for (const offer of offers) {
          if (!PLANS.includes(offer.plan)) continue;
          live[offer.plan] = offer.entitlements as unknown as Entitlements;
          shown[offer.plan] = {
            name: offer.name,
            priceCents: offer.shown_price_cents,
            tagline: offer.tagline,
          };
        }
        batch(() => {
          setTable(live);
          setDetails(shown);
        });
        loadedAt = Date.now();
      })
      .catch(() => {
        setFailed(true);
      })
      .finally(() => {
        loading = null;
      });
  loading = pending;
  return pending;
}

/**
 * A plan's entitlements in force, for every screen that shows or gates on a limit: one table
 * shared by all of them, asked for when first needed and again once it is a minute old. Until
 * it arrives (or if the server cannot say) the code's table stands in.
 */
export function liveEntitlements(plan: string): Entitlements {
  refreshIfStale();
  return entitlementsOf(plan, livePlanTable() ?? undefined);
}

/**
 * A plan's name, quoted price and tagline in force, for every screen that names or prices a
 * plan, from the same answer and on the same schedule as the limits; the code's until then.
 */
export function livePlanDetail(plan: Plan): PlanDetail {
  refreshIfStale();
  return details()?.[plan] ?? PLAN_DETAIL_DEFAULTS[plan];
}

function refreshIfStale() {
  if (!loading && Date.now() - loadedAt > FRESH_MS && !failed()) void refreshPlanTable();
}
