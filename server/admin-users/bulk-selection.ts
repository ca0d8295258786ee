// Who a bulk action on the admin users list is for (README "Admin: users", bulk actions): the
// ids ticked by hand, or every account the list's filter matches. One WHERE for both, so an
// action pages through its accounts the same way whichever was sent.
import { type Column, count, type SQL, sql } from "drizzle-orm";
import type { BulkSelection } from "../../core/contract/admin-bulk";
import { createDb } from "../../db/client";
import { users } from "../../db/schema";
import type { Env } from "../env";
import { userListConditions } from "./search";

/** `column IN (…)` for up to 1,000 values as ONE bound JSON array (D1 binds 100 values at most). */
export const inJson = (column: Column, values: readonly string[]) =>
  sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;

/**
 * The accounts a selection names. Ticked ids travel as ONE bound JSON array read by
 * `json_each`: D1 takes at most 100 bound parameters a query, and a selection has up to 1,000.
 * A filter is the list's own conditions (`userListConditions`), so the action reaches exactly
 * the accounts the list shows for it. Undefined: every account (an empty filter).
 */
export function selectionCondition(selection: BulkSelection): SQL | undefined {
  if ("ids" in selection) {
    return inJson(users.id, selection.ids);
  }
  return userListConditions(selection.filter);
}

/** How many accounts a selection names now (ids nobody has are not counted). */
export async function countSelection(
  env: Pick<Env, "DB">,
  selection: BulkSelection,
): Promise<number> {
  const [row] = await createDb(env.DB)
    .select({ value: count() })
    .from(users)
    .where(selectionCondition(selection));
  return row?.value ?? 0;
}

/**
 * The selection as the audit log keeps it: the ids themselves (at most 1,000), or the filter
 * with only what was set.
 */
export function describeSelection(selection: BulkSelection): Record<string, unknown> {
  if ("ids" in selection) return { ids: selection.ids };
  const filter = Object.fromEntries(
    Object.entries(selection.filter).filter(([, value]) => value !== undefined && value !== ""),
  );
  return { filter };
}
