// Relative imports, not the apps' ~core/~kit aliases: unit tests and the root tsconfig load
// this file without them.
import type { UserStatus } from "../../../core/auth/identity";
import type {
  BanReason,
  EscalationRequestKind,
  SanctionKind,
  SanctionSource,
} from "../../../core/moderation/sanctions";
import type { StrikeSeverity, StrikeSource } from "../../../core/moderation/strikes";
import type { Tone } from "../moderation/tone";

/** Words for strikes and sanctions (core/moderation/strikes.ts, sanctions.ts) on admin pages. */

export const USER_STATUS_LABELS: Record<UserStatus, string> = {
  pending_verification: "Email not verified",
  active: "Active",
  suspended: "Suspended",
  banned: "Banned",
  deleted: "Deleted",
};

export const userStatusTone = (status: UserStatus): Tone =>
  status === "active"
    ? "success"
    : status === "suspended"
      ? "warning"
      : status === "banned"
        ? "error"
        : "neutral";

/** Staff-facing words; the owner's emails use BAN_REASON_LABELS' phrasing. */
export const BAN_REASON_NAMES: Record<BanReason, string> = {
  payment_fraud: "Payment fraud",
  content_abuse: "Abusive content",
  tos_violation: "Terms of service violation",
  spam_scam: "Spam or scam",
  legal_requirement: "Legal requirement",
  user_request: "User's own request",
};

export const SANCTION_KIND_LABELS: Record<SanctionKind, string> = {
  suspension: "Suspension",
  ban: "Ban",
};

export const SANCTION_SOURCE_LABELS: Record<SanctionSource, string> = {
  strikes: "Strike threshold",
  admin: "Staff action",
};

export const STRIKE_SEVERITY_LABELS: Record<StrikeSeverity, string> = {
  minor: "Minor",
  major: "Major",
  severe: "Severe",
};

export const severityTone = (severity: StrikeSeverity): Tone =>
  severity === "severe" ? "error" : severity === "major" ? "warning" : "neutral";

export const STRIKE_SOURCE_LABELS: Record<StrikeSource, string> = {
  automatic: "Automatic",
  moderator: "Moderator",
  admin: "Admin",
};

export const STRIKE_STATUS_LABELS: Record<"active" | "expired" | "revoked", string> = {
  active: "Active",
  expired: "Expired",
  revoked: "Revoked",
};

export const REQUEST_KIND_LABELS: Record<EscalationRequestKind, string> = {
  strike: "New strike",
  suspend: "Suspend",
  ban: "Ban",
  lift: "Lift",
  appeal: "Appeal accepted",
};
