// Relative imports, not the apps' ~core/~kit aliases: unit tests and the root tsconfig load
// this file without them.
import type { DecisionResult } from "../../../core/contract/moderation";
import type { ModeratorVerdict } from "../../../core/moderation/model";
import { VERDICT_LABELS } from "./labels";

/**
 * What a moderator decision did, in words: decided, decided the same way before (a repeat
 * changes nothing), or refused with the API's reason (e.g. decided otherwise before). Pure.
 */

export const decisionSucceeded = (result: DecisionResult): boolean =>
  result.result === "decided" || result.result === "already_decided";

export function describeDecision(result: DecisionResult, verdict: ModeratorVerdict): string {
  if (result.result === "decided") {
    return `${VERDICT_LABELS[verdict]}: recorded; the case's workflow carries it out.`;
  }
  if (result.result === "already_decided") {
    return `Already decided the same way (${VERDICT_LABELS[verdict].toLowerCase()}); nothing changed.`;
  }
  return result.message ?? `Not decided (${result.result}).`;
}

/** "2 decided, 1 already decided, 1 not decided" for a bulk action's results. */
export function summarizeDecisions(results: readonly DecisionResult[]): string {
  const count = (match: (result: DecisionResult) => boolean) => results.filter(match).length;
  const parts = [
    [count((r) => r.result === "decided"), "decided"],
    [count((r) => r.result === "already_decided"), "already decided"],
    [count((r) => !decisionSucceeded(r)), "not decided"],
  ] as const;
  const said = parts.filter(([n]) => n > 0).map(([n, words]) => `${n} ${words}`);
  return said.length > 0 ? said.join(", ") : "No cases were sent";
}
