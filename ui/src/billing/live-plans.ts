import { createSignal } from "solid-js";
import { fetchPlans } from "~/api/billing";
import { api } from "~/auth/session";
import {
  ENTITLEMENTS,
  type Entitlements,
  entitlementsOf,
  PLANS,
  type PlanTable,
} from "~core/plans/entitlements";

/**
 * The plan table in force, as `GET /api/billing/plans` serves it: live configuration may have
 * changed a limit since this app was built (README "Live configuration"), so pages that show
 * limits read it from the server, once per page that shows them.
 */
const [table, setTable] = createSignal<PlanTable | null>(null);
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
        for (const offer of offers)
          if (PLANS.includes(offer.plan))
            live[offer.plan] = offer.entitlements as unknown as Entitlements;
        setTable(live);
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
  if (!loading && Date.now() - loadedAt > FRESH_MS && !failed()) void refreshPlanTable();
  return entitlementsOf(plan, livePlanTable() ?? undefined);
}
