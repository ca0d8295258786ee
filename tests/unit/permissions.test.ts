import { describe, expect, it } from "vitest";
import {
  hasPermission,
  isRole,
  isStaff,
  PERMISSIONS,
  permissionsOf,
  ROLES,
  SENSITIVE_PERMISSIONS,
} from "../../core/auth/permissions";

describe("roles and permissions (SPEC §7)", () => {
  it("gives super admins everything and customers nothing", () => {
    expect([...permissionsOf("super_admin")].sort()).toEqual([...PERMISSIONS].sort());
    expect(permissionsOf("user")).toEqual([]);
  });

  it("keeps configuration and admin management to super admins", () => {
    for (const role of ROLES.filter((r) => r !== "super_admin")) {
      expect(hasPermission(permissionsOf(role), "system.config"), role).toBe(false);
      expect(hasPermission(permissionsOf(role), "admin.manage"), role).toBe(false);
    }
  });

  it("limits moderators to content, support to reading, billing admins to payments", () => {
    expect(
      permissionsOf("moderator").every((p) => p.startsWith("content.") || p === "users.read"),
    ).toBe(true);
    expect(permissionsOf("support").some((p) => /\.(write|delete|refund|moderate)$/.test(p))).toBe(
      false,
    );
    expect(permissionsOf("billing_admin")).toContain("payments.refund");
    expect(permissionsOf("billing_admin").some((p) => p.startsWith("content."))).toBe(false);
  });

  it("only names permissions that exist", () => {
    for (const role of ROLES) {
      for (const permission of permissionsOf(role)) expect(PERMISSIONS).toContain(permission);
    }
    for (const permission of SENSITIVE_PERMISSIONS) expect(PERMISSIONS).toContain(permission);
  });

  it("recognises roles and staff", () => {
    expect(isRole("moderator")).toBe(true);
    expect(isRole("root")).toBe(false);
    expect(isStaff("support")).toBe(true);
    expect(isStaff("user")).toBe(false);
  });
});
