// The super admins' IP allowlist (README "The admin's own security"): a `system_config` row of
// canonical addresses and CIDR ranges. While it is non-empty, a super admin signs in and uses
// the admin API only from inside it; everyone else is unaffected. The operator token (a secret
// machine credential) is exempt: it is the break-glass path.
import { eq } from "drizzle-orm";
import type { IpAllowlist } from "../../core/contract/admin-security";
import { canonicalRange, rangeHolds } from "../../core/moderation/ip-ranges";
import { createDb } from "../../db/client";
import { systemConfig } from "../../db/schema";
import type { Actor } from "../actor";
import type { Env } from "../env";
import { AppError } from "../errors";
import { recordAudit } from "./audit";

export const SUPER_ADMIN_ALLOWLIST_KEY = "admin.super_admin_ip_allowlist";

const DESCRIPTION =
  "Addresses and CIDR ranges super admins may sign in and use the admin API from; empty: anywhere";

interface StoredAllowlist {
  ranges: string[];
  updatedAt: number | null;
  updatedBy: string | null;
}

/** The stored list; a row that is not a list of strings (edited by hand) is ignored, not fatal. */
export async function readAllowlist(env: Pick<Env, "DB">): Promise<StoredAllowlist> {
  const [row] = await createDb(env.DB)
    .select()
    .from(systemConfig)
    .where(eq(systemConfig.key, SUPER_ADMIN_ALLOWLIST_KEY))
    .limit(1);
  if (!row) return { ranges: [], updatedAt: null, updatedBy: null };
  let ranges: string[] = [];
  try {
    const parsed: unknown = JSON.parse(row.valueJson);
    if (Array.isArray(parsed)) ranges = parsed.filter((item) => typeof item === "string");
  } catch {
    ranges = [];
  }
  return { ranges, updatedAt: row.updatedAt, updatedBy: row.updatedBy };
}

/** Whether `address` may be used by a super admin under `ranges` (all addresses when empty). */
export const allowedBy = (ranges: readonly string[], address: string | null): boolean =>
  ranges.length === 0 || ranges.some((range) => rangeHolds(range, address));

export const addressNotAllowed = () =>
  new AppError(
    403,
    "address_not_allowed",
    "Super admins can only sign in from the addresses on the admin IP allowlist",
  );

/** Throws 403 `address_not_allowed` for a super admin outside a non-empty allowlist. */
export async function assertSuperAdminAddress(
  env: Pick<Env, "DB">,
  address: string | null,
): Promise<void> {
  const { ranges } = await readAllowlist(env);
  if (!allowedBy(ranges, address)) throw addressNotAllowed();
}

export function toAllowlistView(stored: StoredAllowlist, address: string | null): IpAllowlist {
  return {
    ranges: stored.ranges,
    your_address_allowed: allowedBy(stored.ranges, address),
    your_address: address,
    updated_at: stored.updatedAt === null ? null : new Date(stored.updatedAt).toISOString(),
    updated_by: stored.updatedBy,
  };
}

/**
 * Replaces the allowlist (audited with before and after). 400 `invalid_range` /
 * `range_too_wide` names the entry; 409 `own_address_excluded` when the new list would shut
 * out the super admin making the change (a human caller: the operator is exempt anyway).
 */
export async function replaceAllowlist(
  env: Env,
  input: readonly string[],
  actor: Actor,
): Promise<StoredAllowlist> {
  const ranges: string[] = [];
  for (const [index, entry] of input.entries()) {
    const parsed = canonicalRange(entry);
    if (!parsed.ok)
      throw new AppError(400, parsed.code, `${entry}: ${parsed.message}`, [
        { path: ["ranges", index], message: parsed.message },
      ]);
    if (!ranges.includes(parsed.range)) ranges.push(parsed.range);
  }
  if (actor.role === "super_admin" && actor.id !== "operator" && !allowedBy(ranges, actor.ip))
    throw new AppError(
      409,
      "own_address_excluded",
      "The list must include the address you are using now, or you would be locked out",
      { your_address: actor.ip },
    );
  const before = await readAllowlist(env);
  const valueJson = JSON.stringify(ranges);
  await createDb(env.DB)
    .insert(systemConfig)
    .values({
      key: SUPER_ADMIN_ALLOWLIST_KEY,
      valueJson,
      description: DESCRIPTION,
      updatedAt: actor.at,
      updatedBy: actor.id,
    })
    .onConflictDoUpdate({
      target: systemConfig.key,
      set: { valueJson, updatedAt: actor.at, updatedBy: actor.id },
    });
  await recordAudit(env, actor, {
    action: "system_config.update",
    resourceType: "system_config",
    resourceId: SUPER_ADMIN_ALLOWLIST_KEY,
    details: { before: before.ranges, after: ranges },
  });
  return { ranges, updatedAt: actor.at, updatedBy: actor.id };
}
