import { PLAN_DETAIL_DEFAULTS, type PlanDetailsValue } from "../../core/config/plan-details";
import type { Env } from "../env";
import { storedSection } from "./current";
import { overlay } from "./overlay";

/**
 * The plan details in force (README "Live configuration", plan details): the `plan_details`
 * section over the code's names, quoted prices and taglines, with the version they come from
 * (0: the code's) for the public plans answer's ETag.
 */
export async function versionedPlanDetails(
  env: Pick<Env, "CACHE" | "DB">,
): Promise<{ version: number; details: PlanDetailsValue }> {
  const { version, value } = await storedSection(env, "plan_details");
  return { version, details: overlay(PLAN_DETAIL_DEFAULTS, value) };
}
