import type { ModerationCategory } from "./model";

/**
 * Suspensions and bans (README "Strikes and bans"): the vocabulary shared by the Worker (the
 * ban escalation workflow, enforcement, the admin API) and the apps. Pure.
 */

/** A suspension ends by itself; a ban lasts until someone lifts it. */
export const SANCTION_KINDS = ["suspension", "ban"] as const;
export type SanctionKind = (typeof SANCTION_KINDS)[number];

export const BAN_REASONS = [
  "payment_fraud",
  "content_abuse",
  "tos_violation",
  "spam_scam",
  "legal_requirement",
  "user_request",
] as const;
export type BanReason = (typeof BAN_REASONS)[number];

export const BAN_REASON_LABELS: Record<BanReason, string> = {
  payment_fraud: "payment fraud",
  content_abuse: "abusive content",
  tos_violation: "a breach of the terms of service",
  spam_scam: "spam or scams",
  legal_requirement: "a legal requirement",
  user_request: "your own request",
};

/** The ban reason of a sanction that strikes of a category led to. */
export const reasonForCategory = (category: ModerationCategory): BanReason =>
  category === "spam" ? "spam_scam" : "content_abuse";

/** What a sanction came from: strikes reaching a threshold, or a staff member's action. */
export const SANCTION_SOURCES = ["strikes", "admin"] as const;
export type SanctionSource = (typeof SANCTION_SOURCES)[number];

/**
 * What the ban escalation workflow is asked to act on, in the order it was asked: a new strike
 * (it checks the thresholds), an admin's direct action, or an accepted appeal (it revokes the
 * strike and lifts what the strike caused). Each is a row it marks processed.
 */
export const ESCALATION_REQUEST_KINDS = ["strike", "suspend", "ban", "lift", "appeal"] as const;
export type EscalationRequestKind = (typeof ESCALATION_REQUEST_KINDS)[number];

/** An admin may suspend for 1 to 30 days. */
export const ADMIN_SUSPENSION_DAYS = { min: 1, max: 30 } as const;

/** The sentence a refused sign-in and the suspension email show: why, and until when. */
export function sanctionMessage(sanction: {
  kind: SanctionKind;
  reason: BanReason;
  endsAt: number | null;
}): string {
  const why = BAN_REASON_LABELS[sanction.reason];
  if (sanction.kind === "ban" || sanction.endsAt === null) {
    return `This account is banned because of ${why}.`;
  }
  const until = new Date(sanction.endsAt).toISOString().replace("T", " ").slice(0, 16);
  return `This account is suspended until ${until} UTC because of ${why}.`;
}

/**
 * Of an account's active sanctions, the one that decides its standing: a ban over any
 * suspension, else the suspension that ends last.
 */
export function governingSanction<T extends { kind: SanctionKind; endsAt: number | null }>(
  active: readonly T[],
): T | null {
  const ban = active.find((row) => row.kind === "ban");
  if (ban) return ban;
  return [...active].sort((a, b) => (b.endsAt ?? 0) - (a.endsAt ?? 0))[0] ?? null;
}
