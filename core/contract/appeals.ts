import { z } from "zod";
import { USER_STATUSES } from "../auth/identity";
import {
  APPEAL_CHANNELS,
  APPEAL_MAX_CHARS,
  APPEAL_STATUSES,
  APPEAL_SUBJECT_KINDS,
} from "../moderation/appeals";
import { MODERATION_CATEGORIES } from "../moderation/model";
import { BAN_REASONS, SANCTION_KINDS, SANCTION_SOURCES } from "../moderation/sanctions";
import { moderationCaseDetailSchema } from "./moderation";
import { sanctionViewSchema } from "./sanctions";
import { strikeViewSchema } from "./strikes";

/**
 * The wire shapes of appeals (README "Appeals"): what the account owner sees of their standing
 * and writes, and what the moderators' appeals queue reads and decides.
 */

const iso = z.string().datetime();

export const appealViewSchema = z
  .object({
    id: z.string(),
    subject_kind: z.enum(APPEAL_SUBJECT_KINDS),
    subject_id: z.string(),
    message: z.string(),
    channel: z.enum(APPEAL_CHANNELS),
    status: z.enum(APPEAL_STATUSES),
    /** True when auto-review decided it. */
    automatic: z.boolean(),
    /** Auto-review's finding, or the moderator's note to the owner. */
    review_note: z.string().nullable(),
    created_at: iso,
    decided_at: iso.nullable(),
  })
  .meta({ id: "Appeal" });
export type AppealView = z.output<typeof appealViewSchema>;

/** A strike as its owner sees it: what, when, and whether (until when) it can be appealed. */
export const ownStrikeSchema = z
  .object({
    id: z.string(),
    category: z.enum(MODERATION_CATEGORIES),
    reason: z.string().nullable(),
    status: z.enum(["active", "expired", "revoked"]),
    created_at: iso,
    /** The last moment to appeal; null when it can no longer be appealed. */
    appealable_until: iso.nullable(),
    appeal: appealViewSchema.nullable(),
  })
  .meta({ id: "OwnStrike" });

/** A suspension or ban as its owner sees it. */
export const ownSanctionSchema = z
  .object({
    id: z.string(),
    kind: z.enum(SANCTION_KINDS),
    reason: z.enum(BAN_REASONS),
    /** Why and until when, in a sentence. */
    message: z.string(),
    starts_at: iso,
    ends_at: iso.nullable(),
    active: z.boolean(),
    appealable_until: iso.nullable(),
    appeal: appealViewSchema.nullable(),
  })
  .meta({ id: "OwnSanction" });

export const ownStandingSchema = z
  .object({
    status: z.enum(USER_STATUSES),
    /** Strikes counting toward the thresholds now. */
    active_strikes: z.number().int(),
    strikes: z.array(ownStrikeSchema),
    sanctions: z.array(ownSanctionSchema),
  })
  .meta({ id: "OwnStanding" });
export type OwnStanding = z.output<typeof ownStandingSchema>;

export const appealRequestSchema = z
  .object({
    subject_kind: z.enum(APPEAL_SUBJECT_KINDS),
    subject_id: z.string().min(1).max(100),
    message: z
      .string()
      .trim()
      .min(1, "Say why the decision is wrong")
      .max(APPEAL_MAX_CHARS, `At most ${APPEAL_MAX_CHARS} characters`),
  })
  .strict()
  .meta({ id: "AppealRequest" });
export type AppealRequest = z.input<typeof appealRequestSchema>;

/** The emailed appeal link's token, for a suspended or banned account that cannot sign in. */
export const appealTokenSchema = z.string().min(20).max(200);

export const appealLinkRequestSchema = z
  .object({ email: z.string().trim().toLowerCase().email().max(254) })
  .strict()
  .meta({ id: "AppealLinkRequest" });

export const linkedAppealRequestSchema = appealRequestSchema
  .extend({ token: appealTokenSchema })
  .strict()
  .meta({ id: "LinkedAppealRequest" });

export const appealLinkStandingRequestSchema = z
  .object({ token: appealTokenSchema })
  .strict()
  .meta({ id: "AppealLinkStandingRequest" });

// —— The moderators' queue ——

export const appealQueueItemSchema = appealViewSchema
  .extend({
    user_id: z.string(),
    user_email: z.string(),
    user_status: z.enum(USER_STATUSES),
    case_id: z.string().nullable(),
    /** Who took the contested decision (null: automatic); they may not decide the appeal. */
    decided_by: z.string().nullable(),
    reviewer_id: z.string().nullable(),
    /** The strike's category, or the sanction's kind and reason, in a few words. */
    summary: z.string(),
  })
  .meta({ id: "AppealQueueItem" });
export type AppealQueueItem = z.output<typeof appealQueueItemSchema>;

export const appealQueueQuerySchema = z.object({
  status: z.enum(APPEAL_STATUSES).default("pending"),
  /** Only appeals of decisions taken on this moderation case (the case page's strike history). */
  case_id: z.string().min(1).max(100).optional(),
});

export const appealDetailSchema = appealQueueItemSchema
  .extend({
    strike: strikeViewSchema.nullable(),
    sanction: sanctionViewSchema.nullable(),
    /** The original case with its decision history and the content exactly as checked. */
    case: moderationCaseDetailSchema.nullable(),
    /** The account's other strikes, newest first. */
    strikes: z.array(strikeViewSchema),
  })
  .meta({ id: "AppealDetail" });
export type AppealDetail = z.output<typeof appealDetailSchema>;

export const appealDecisionRequestSchema = z
  .object({
    decision: z.enum(["accept", "reject"]),
    note: z.string().trim().min(1, "Say why").max(1000),
  })
  .strict()
  .meta({ id: "AppealDecisionRequest" });
export type AppealDecisionRequest = z.input<typeof appealDecisionRequestSchema>;

// —— Bans across accounts ——

export const banListQuerySchema = z.object({
  kind: z.enum(SANCTION_KINDS).optional(),
  reason: z.enum(BAN_REASONS).optional(),
  /** `active` (default), `expiring` (a suspension ending within 48 hours), or `all`. */
  state: z.enum(["active", "expiring", "all"]).default("active"),
});

export const banListItemSchema = z
  .object({
    id: z.string(),
    user_id: z.string(),
    user_email: z.string(),
    kind: z.enum(SANCTION_KINDS),
    reason: z.enum(BAN_REASONS),
    source: z.enum(SANCTION_SOURCES),
    note: z.string().nullable(),
    created_by: z.string(),
    starts_at: iso,
    ends_at: iso.nullable(),
    lifted_at: iso.nullable(),
    active: z.boolean(),
  })
  .meta({ id: "BanListItem" });
export type BanListItem = z.output<typeof banListItemSchema>;

export const ipBanViewSchema = z
  .object({
    id: z.string(),
    range: z.string(),
    reason: z.enum(BAN_REASONS),
    note: z.string().nullable(),
    user_id: z.string().nullable(),
    created_by: z.string(),
    created_at: iso,
    expires_at: iso.nullable(),
    lifted_at: iso.nullable(),
    active: z.boolean(),
  })
  .meta({ id: "IpBan" });
export type IpBanView = z.output<typeof ipBanViewSchema>;

export const ipBanRequestSchema = z
  .object({
    /** An IPv4 or IPv6 address, or a CIDR range (at most /16 for IPv4, /32 for IPv6). */
    range: z.string().trim().min(2).max(50),
    reason: z.enum(BAN_REASONS),
    note: z.string().trim().max(500).optional(),
    /** 1–365 days; omitted: until lifted. */
    days: z.number().int().min(1).max(365).optional(),
    user_id: z.string().max(100).optional(),
  })
  .strict()
  .meta({ id: "IpBanRequest" });
export type IpBanRequest = z.input<typeof ipBanRequestSchema>;

export const LINK_SIGNALS = ["email_alias", "device", "card", "signup_address"] as const;
export type LinkSignal = (typeof LINK_SIGNALS)[number];

export const linkedAccountSchema = z
  .object({
    user_id: z.string(),
    email: z.string(),
    status: z.enum(USER_STATUSES),
    created_at: iso,
    signals: z.array(z.object({ kind: z.enum(LINK_SIGNALS), detail: z.string() })),
  })
  .meta({ id: "LinkedAccount" });
export type LinkedAccount = z.output<typeof linkedAccountSchema>;

export const linkedBanRequestSchema = z
  .object({
    /** The linked accounts to ban with this one: the admin's confirmation, one by one. */
    user_ids: z.array(z.string().min(1).max(100)).min(1).max(50),
    reason: z.enum(BAN_REASONS),
    note: z.string().trim().max(500).optional(),
  })
  .strict()
  .meta({ id: "LinkedBanRequest" });
export type LinkedBanRequest = z.input<typeof linkedBanRequestSchema>;
