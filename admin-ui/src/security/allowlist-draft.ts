// Relative imports, not the apps' ~core alias: unit tests load this file without it.
import {
  type IpAllowlistRequest,
  MAX_ALLOWLIST_RANGES,
} from "../../../core/contract/admin-security";
import { canonicalRange } from "../../../core/moderation/ip-ranges";

/**
 * The allowlist form's text (one address or CIDR range a line, blank lines and `#` comments
 * ignored) checked as the API checks it, so a typo is said before anything is sent. Pure.
 */
export function checkAllowlistDraft(
  text: string,
): { ok: true; request: IpAllowlistRequest } | { ok: false; issue: string } {
  const ranges = text
    .split("\n")
    .map((line) => line.replace(/#.*/, "").trim())
    .filter((line) => line.length > 0);
  if (ranges.length > MAX_ALLOWLIST_RANGES)
    return { ok: false, issue: `At most ${MAX_ALLOWLIST_RANGES} addresses or ranges.` };
  for (const [index, range] of ranges.entries()) {
    const parsed = canonicalRange(range);
    if (!parsed.ok) return { ok: false, issue: `Line ${index + 1} (${range}): ${parsed.message}.` };
  }
  return { ok: true, request: { ranges } };
}

/** The list as the form shows it: one range a line. */
export const allowlistText = (ranges: readonly string[]): string => ranges.join("\n");

/** Refusals about what was typed: shown on the field rather than in the dialog's alert. */
export const isAllowlistRefusal = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "invalid_range" || code === "range_too_wide" || code === "own_address_excluded";
};
