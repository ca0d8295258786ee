import { z } from "zod";

/**
 * Wire shapes of the admin's own security (README "The admin's own security"): the super
 * admins' IP allowlist, read and replaced by `/api/admin/security/ip-allowlist`.
 */

/** Enough for a handful of offices and VPN exits; an allowlist is not a ban list. */
export const MAX_ALLOWLIST_RANGES = 50;

export const ipAllowlistRequestSchema = z
  .object({
    /**
     * Addresses or CIDR ranges (at most /16 for IPv4, /32 for IPv6) super admins may sign in
     * and use the admin API from. Empty: from anywhere.
     */
    ranges: z.array(z.string().trim().min(2).max(50)).max(MAX_ALLOWLIST_RANGES),
  })
  .strict()
  .meta({ id: "IpAllowlistRequest" });
export type IpAllowlistRequest = z.input<typeof ipAllowlistRequestSchema>;

export const ipAllowlistSchema = z
  .object({
    /** Canonical spellings (`10.1.2.3/16` is kept as `10.1.0.0/16`). */
    ranges: z.array(z.string()),
    /** Whether the caller's own address is inside (always true while the list is empty). */
    your_address_allowed: z.boolean(),
    your_address: z.string().nullable(),
    updated_at: z.string().datetime().nullable(),
    updated_by: z.string().nullable(),
  })
  .meta({ id: "IpAllowlist" });
export type IpAllowlist = z.output<typeof ipAllowlistSchema>;
