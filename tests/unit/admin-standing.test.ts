import { describe, expect, it } from "vitest";
import {
  answerMayBeLost,
  checkSanctionDraft,
  requestProgress,
  sanctionSpan,
  standingActions,
  strikeRequestId,
} from "../../admin-ui/src/standing/standing-view";
import {
  checkThresholdRows,
  rowsOf,
  thresholdEffect,
  thresholdIssues,
} from "../../admin-ui/src/standing/threshold-draft";
import { type Permission, permissionsOf, type Role } from "../../core/auth/permissions";
import type { AccountStanding, SanctionView } from "../../core/contract/sanctions";
import { DEFAULT_STRIKE_THRESHOLDS } from "../../core/moderation/strikes";

const canAs = (role: Role) => (permission: Permission) => permissionsOf(role).includes(permission);

const sanction = (changes: Partial<SanctionView> = {}): SanctionView => ({
  id: "sn_1",
  kind: "suspension",
  reason: "content_abuse",
  source: "admin",
  strike_count: null,
  note: null,
  created_by: "user:admin",
  starts_at: "2026-12-01T10:00:00.000Z",
  ends_at: "2026-12-08T10:00:00.000Z",
  lifted_at: null,
  lifted_by: null,
  lift_reason: null,
  active: true,
  ...changes,
});

const standing = (changes: Partial<AccountStanding> = {}): AccountStanding => ({
  user_id: "u1",
  status: "active",
  sanctions: [],
  requests: [],
  ...changes,
});

describe("standingActions", () => {
  it("offers each action only to roles holding its permission", () => {
    const suspended = standing({ status: "suspended", sanctions: [sanction()] });
    expect(standingActions(canAs("super_admin"), suspended)).toEqual({
      addStrike: true,
      suspend: true,
      ban: true,
      lift: true,
    });
    expect(standingActions(canAs("moderator"), suspended)).toEqual({
      addStrike: true,
      suspend: false,
      ban: false,
      lift: false,
    });
    expect(standingActions(canAs("support"), suspended)).toEqual({
      addStrike: false,
      suspend: false,
      ban: false,
      lift: false,
    });
  });

  it("offers lift only with an active sanction, and no new sanction on a banned account", () => {
    expect(standingActions(canAs("admin"), standing()).lift).toBe(false);
    const banned = standing({
      status: "banned",
      sanctions: [sanction({ kind: "ban", ends_at: null })],
    });
    expect(standingActions(canAs("admin"), banned)).toMatchObject({
      suspend: false,
      ban: false,
      lift: true,
    });
    expect(standingActions(canAs("admin"), null)).toMatchObject({ suspend: false, lift: false });
  });
});

describe("sanctionSpan", () => {
  const format = (iso: string) => iso.slice(0, 10);
  it("says from when until when, a ban until lifted, and the lift", () => {
    expect(sanctionSpan(sanction(), format)).toBe("2026-12-01 → 2026-12-08");
    expect(sanctionSpan(sanction({ kind: "ban", ends_at: null }), format)).toBe(
      "2026-12-01 → until lifted",
    );
    expect(sanctionSpan(sanction({ lifted_at: "2026-12-03T09:00:00.000Z" }), format)).toBe(
      "2026-12-01 → 2026-12-08 (lifted 2026-12-03)",
    );
  });
});

describe("requestProgress", () => {
  const request = (processed: string | null, result: string | null = null) => ({
    id: "admin:abc",
    kind: "suspend" as const,
    actor: "user:admin",
    created_at: "2026-12-01T10:00:00.000Z",
    processed_at: processed,
    result,
  });
  it("waits until the request shows processed, then gives its result", () => {
    expect(requestProgress(standing(), "admin:abc")).toEqual({ state: "unknown" });
    expect(requestProgress(standing({ requests: [request(null)] }), "admin:abc")).toEqual({
      state: "waiting",
    });
    expect(
      requestProgress(
        standing({ requests: [request("2026-12-01T10:00:02.000Z", "suspended for 3 days")] }),
        "admin:abc",
      ),
    ).toEqual({
      state: "processed",
      result: "suspended for 3 days",
      processedAt: "2026-12-01T10:00:02.000Z",
    });
  });
  it("names a manual strike's request as the workflow keys it", () => {
    expect(strikeRequestId("sk_1")).toBe("strike:sk_1");
  });
});

describe("checkSanctionDraft", () => {
  it("builds the API's action from what was typed", () => {
    expect(
      checkSanctionDraft({ action: "suspend", days: "7", reason: "spam_scam", note: " " }),
    ).toEqual({ ok: true, action: { action: "suspend", days: 7, reason: "spam_scam" } });
    expect(
      checkSanctionDraft({ action: "ban", days: "", reason: "payment_fraud", note: "chargebacks" }),
    ).toEqual({
      ok: true,
      action: { action: "ban", reason: "payment_fraud", note: "chargebacks" },
    });
  });
  it("refuses days outside 1–30, a missing reason and a lift without a note", () => {
    expect(checkSanctionDraft({ action: "suspend", days: "31", reason: "", note: "" })).toEqual({
      ok: false,
      issues: { days: "Enter a whole number of days from 1 to 30.", reason: "Choose a reason." },
    });
    expect(
      checkSanctionDraft({ action: "suspend", days: "1.5", reason: "spam_scam", note: "" }),
    ).toMatchObject({ ok: false, issues: { days: expect.any(String) } });
    expect(checkSanctionDraft({ action: "lift", days: "", reason: "", note: "  " })).toEqual({
      ok: false,
      issues: { note: "Say why it is lifted" },
    });
  });
});

describe("strike threshold form", () => {
  it("round-trips the defaults and describes each effect", () => {
    const check = checkThresholdRows(rowsOf(DEFAULT_STRIKE_THRESHOLDS), "Back to the defaults");
    expect(check).toEqual({
      ok: true,
      request: { thresholds: [...DEFAULT_STRIKE_THRESHOLDS], reason: "Back to the defaults" },
    });
    expect(DEFAULT_STRIKE_THRESHOLDS.map(thresholdEffect)).toEqual([
      "1-day suspension",
      "7-day suspension",
      "Permanent ban",
    ]);
    expect(thresholdEffect({ action: "suspend", hours: 36 })).toBe("36-hour suspension");
  });

  it("puts the schema's issues under the row and field they concern", () => {
    const check = checkThresholdRows(
      [
        { strikes: "3", action: "suspend", hours: "48" },
        { strikes: "3", action: "suspend", hours: "24" },
        { strikes: "2", action: "ban", hours: "" },
      ],
      "",
    );
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.issues.rows[1]?.strikes).toMatch(/already triggers at 3/);
    expect(check.issues.rows[2]?.strikes).toMatch(/more strikes than every suspension/);
    expect(check.issues.reason).toMatch(/Say why/);
    expect(checkThresholdRows([], "Fewer thresholds")).toEqual({
      ok: false,
      issues: { list: ["Keep at least one threshold"], rows: {} },
    });
  });

  it("reads the API's 400 issues, which carry the request's paths", () => {
    expect(
      thresholdIssues([
        { path: ["thresholds", 0, "hours"], message: "too long" },
        { path: ["thresholds"], message: "At most 10 thresholds" },
        { path: ["reason"], message: "Say why" },
      ]),
    ).toEqual({
      list: ["At most 10 thresholds"],
      rows: { 0: { hours: "too long" } },
      reason: "Say why",
    });
  });
});

describe("answerMayBeLost", () => {
  it("keeps the key only when the server may have acted without us hearing", () => {
    expect(answerMayBeLost(new Error("offline"))).toBe(true);
    expect(answerMayBeLost({ status: 0 })).toBe(true);
    expect(answerMayBeLost({ status: 503 })).toBe(true);
    expect(answerMayBeLost({ status: 400 })).toBe(false);
    expect(answerMayBeLost({ status: 403 })).toBe(false);
  });
});
