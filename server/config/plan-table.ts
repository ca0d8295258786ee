import { ENTITLEMENTS, type PlanTable } from "../../core/plans/entitlements";
import type { Env } from "../env";
import { storedSection } from "./current";
import { overlay } from "./overlay";

/**
 * The plan table in force (README "Live configuration", plan limits): the `plans` section over
 * core/plans/entitlements.ts. Everything that enforces or shows a limit reads it from here.
 */
export async function planTable(env: Pick<Env, "CACHE" | "DB">): Promise<PlanTable> {
  return (await versionedPlanTable(env)).table;
}

/** The plan table with the `plans` version it comes from (0: the code's), for cache keys. */
export async function versionedPlanTable(
  env: Pick<Env, "CACHE" | "DB">,
): Promise<{ version: number; table: PlanTable }> {
  const { version, value } = await storedSection(env, "plans");
  return { version, table: overlay(ENTITLEMENTS, value) };
}
