import { describe, expect, it } from "vitest";
import { LANDING_PAGES, landingAfterSignIn } from "../../admin-ui/src/auth/landing";
import { checkAllowlistDraft } from "../../admin-ui/src/security/allowlist-draft";
import { ROLES } from "../../core/auth/permissions";

describe("per-role landing page of the admin app", () => {
  it("sends each role to its work when it signs in at the root", () => {
    expect(landingAfterSignIn("moderator", "/")).toBe("/moderation");
    expect(landingAfterSignIn("support", "/")).toBe("/support");
    expect(landingAfterSignIn("billing_admin", "/")).toBe("/billing-events");
    // admins and super admins work from the dashboard they already see
    expect(landingAfterSignIn("admin", "/")).toBeNull();
    expect(landingAfterSignIn("super_admin", "/")).toBeNull();
  });

  it("keeps a deep link that asked for the sign-in, and names a page for every staff role", () => {
    expect(landingAfterSignIn("moderator", "/moderation/case-1")).toBeNull();
    expect(landingAfterSignIn("user", "/")).toBeNull();
    expect(Object.keys(LANDING_PAGES).sort()).toEqual(
      ROLES.filter((role) => role !== "user").sort(),
    );
  });
});

describe("the IP allowlist form", () => {
  it("reads one range a line, ignoring blank lines and comments", () => {
    expect(checkAllowlistDraft("198.51.100.0/24\n\n  2001:db8::/48  # office VPN\n")).toEqual({
      ok: true,
      request: { ranges: ["198.51.100.0/24", "2001:db8::/48"] },
    });
    expect(checkAllowlistDraft("")).toEqual({ ok: true, request: { ranges: [] } });
  });

  it("names the line that is not an address or is too wide, and caps the list at 50", () => {
    const bad = checkAllowlistDraft("198.51.100.0/24\nnot-an-address");
    expect(bad).toMatchObject({ ok: false, issue: expect.stringContaining("Line 2") });
    expect(checkAllowlistDraft("10.0.0.0/8")).toMatchObject({ ok: false });
    expect(checkAllowlistDraft(Array(51).fill("198.51.100.1").join("\n"))).toMatchObject({
      ok: false,
      issue: expect.stringContaining("50"),
    });
  });
});
