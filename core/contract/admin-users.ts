import { z } from "zod";
import { PAID_PLANS, USER_STATUSES } from "../auth/identity";
import { ROLES } from "../auth/permissions";
import { APPEAL_STATUSES } from "../moderation/appeals";
import { MODERATION_CATEGORIES, SHARE_PUBLICATION_STATES } from "../moderation/model";
import { BAN_REASONS, SANCTION_KINDS } from "../moderation/sanctions";
import { PLANS } from "../plans/entitlements";
import { auditEntrySchema } from "./admin";
import { subscriptionSchema } from "./billing";
import { exportItemSchema } from "./exports";

/**
 * The wire shapes of the admin Users section (README "Admin: users"): the searchable list,
 * one account's detail, and staff notes. `api/routes/admin/users.ts` and `user-notes.ts`
 * describe their answers with these; the admin app parses its URL with `adminUsersQuerySchema`
 * so the list's search, filters, sort and page survive a reload or a shared link.
 */

const iso = z.string().datetime();

export const USER_SORT_FIELDS = ["created_at", "last_login_at", "email"] as const;
export type UserSortField = (typeof USER_SORT_FIELDS)[number];
export const SORT_ORDERS = ["asc", "desc"] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** A calendar day (UTC); `*_from` includes it from its start, `*_to` to its end. */
const day = z.iso.date();

/** `GET /api/admin/users` query: every filter optional, all bounded. */
export const adminUsersQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(20),
  /** Words of a name or email (each a prefix), an exact email, user id or payment customer id. */
  q: z.string().trim().max(200).optional(),
  status: z.enum(USER_STATUSES).optional(),
  plan: z.enum(PLANS).optional(),
  role: z.enum(ROLES).optional(),
  signed_up_from: day.optional(),
  signed_up_to: day.optional(),
  active_from: day.optional(),
  active_to: day.optional(),
  has_mfa: z.enum(["true", "false"]).optional(),
  sort: z.enum(USER_SORT_FIELDS).default("created_at"),
  order: z.enum(SORT_ORDERS).default("desc"),
});
export type AdminUsersQuery = z.output<typeof adminUsersQuerySchema>;

export const adminUserSummarySchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    status: z.enum(USER_STATUSES),
    role: z.enum(ROLES),
    plan: z.enum(PLANS),
    email_verified: z.boolean(),
    mfa_enabled: z.boolean(),
    /** The payment provider's customer id (Stripe `cus_…`), once billing created one. */
    customer_id: z.string().nullable(),
    created_at: iso,
    last_login_at: iso.nullable(),
  })
  .meta({ id: "AdminUserSummary" });
export type AdminUserSummary = z.output<typeof adminUserSummarySchema>;

export const adminUserProfileSchema = adminUserSummarySchema.extend({
  email_verified_at: iso.nullable(),
  plan_intent: z.enum(PAID_PLANS).nullable(),
  updated_at: iso,
});

export const adminUserResumeSchema = z.object({
  id: z.string(),
  title: z.string(),
  updated_at: iso,
  deleted_at: iso.nullable(),
  /** The public link's state, or null when the resume was never shared. */
  share: z
    .object({
      enabled: z.boolean(),
      publication_state: z.enum(SHARE_PUBLICATION_STATES),
      views: z.number().int(),
    })
    .nullable(),
});

export const adminUserSessionSchema = z.object({
  id: z.string(),
  user_agent: z.string().nullable(),
  ip: z.string().nullable(),
  started_at: iso,
  last_seen_at: iso,
  expires_at: iso,
});

export const adminSignInSchema = z.object({
  at: iso,
  ip: z.string().nullable(),
  succeeded: z.boolean(),
});

export const adminUserStandingSchema = z.object({
  status: z.enum(USER_STATUSES),
  active_strikes: z.number().int(),
  strikes: z.array(
    z.object({
      id: z.string(),
      category: z.enum(MODERATION_CATEGORIES),
      status: z.enum(["active", "expired", "revoked"]),
      created_at: iso,
      appeal_status: z.enum(APPEAL_STATUSES).nullable(),
    }),
  ),
  sanctions: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(SANCTION_KINDS),
      reason: z.enum(BAN_REASONS),
      starts_at: iso,
      ends_at: iso.nullable(),
      active: z.boolean(),
      appeal_status: z.enum(APPEAL_STATUSES).nullable(),
    }),
  ),
});

export const staffNoteSchema = z
  .object({
    id: z.string(),
    body: z.string(),
    author_id: z.string(),
    /** The author's email when the account still exists. */
    author_email: z.string().nullable(),
    created_at: iso,
  })
  .meta({ id: "StaffNote" });
export type StaffNote = z.output<typeof staffNoteSchema>;

export const staffNoteRequestSchema = z
  .object({ body: z.string().trim().min(1).max(2000) })
  .strict()
  .meta({ id: "StaffNoteRequest" });

/** `GET /api/admin/users/{id}`: everything support needs on one page. */
export const adminUserDetailSchema = z
  .object({
    profile: adminUserProfileSchema,
    subscription: subscriptionSchema,
    resumes: z.array(adminUserResumeSchema),
    exports: z.array(exportItemSchema),
    sessions: z.array(adminUserSessionSchema),
    sign_ins: z.array(adminSignInSchema),
    standing: adminUserStandingSchema,
    audit: z.array(auditEntrySchema),
    notes: z.array(staffNoteSchema),
  })
  .meta({ id: "AdminUserDetail" });
export type AdminUserDetail = z.output<typeof adminUserDetailSchema>;
