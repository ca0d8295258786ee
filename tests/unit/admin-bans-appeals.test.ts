import { describe, expect, it } from "vitest";
import {
  APPEAL_STATUS_LABELS,
  appealDecisionBlocked,
  appealOfStrike,
  appealRefusal,
  checkAppealDecision,
  otherStrikes,
  parseAppealFilters,
  SAME_MODERATOR_MESSAGE,
  strikesOfCase,
} from "../../admin-ui/src/appeals/appeal-view";
import {
  checkIpBanDraft,
  checkLinkedBanDraft,
  ipBanSpan,
  isRangeRefusal,
  linkedBanProgress,
  mayBanLinked,
  parseBanFilters,
  selectableIds,
} from "../../admin-ui/src/bans/ban-view";
import type { StrikeView } from "../../core/contract/strikes";
import { isCurrentNav } from "../../ui-kit/design-system/layout/nav-current";

const strike = (changes: Partial<StrikeView> = {}): StrikeView => ({
  id: "st_1",
  user_id: "u1",
  case_id: "mc_1",
  category: "spam",
  severity: "minor",
  source: "moderator",
  reason: null,
  actor: "user:mod-1",
  status: "active",
  created_at: "2026-12-01T10:00:00.000Z",
  revoked_at: null,
  expired_at: null,
  ...changes,
});

describe("parseBanFilters", () => {
  it("reads known values and falls back to active bans of every kind and reason", () => {
    expect(parseBanFilters({})).toEqual({
      kind: undefined,
      reason: undefined,
      state: "active",
      page: 1,
    });
    expect(
      parseBanFilters({ kind: "ban", reason: "spam_scam", state: "expiring", page: "3" }),
    ).toEqual({ kind: "ban", reason: "spam_scam", state: "expiring", page: 3 });
    expect(parseBanFilters({ kind: "forever", reason: "x", state: "nope", page: "-2" })).toEqual({
      kind: undefined,
      reason: undefined,
      state: "active",
      page: 1,
    });
  });
});

describe("checkIpBanDraft", () => {
  it("builds the API's request, empty days meaning until lifted", () => {
    expect(
      checkIpBanDraft({ range: " 203.0.113.0/24 ", reason: "payment_fraud", note: "  ", days: "" }),
    ).toEqual({ ok: true, request: { range: "203.0.113.0/24", reason: "payment_fraud" } });
    expect(
      checkIpBanDraft({ range: "198.51.100.7", reason: "spam_scam", note: "bots", days: "30" }),
    ).toEqual({
      ok: true,
      request: { range: "198.51.100.7", reason: "spam_scam", note: "bots", days: 30 },
    });
  });

  it("says what is wrong with each field before anything is sent", () => {
    const check = checkIpBanDraft({ range: "", reason: "", note: "", days: "400" });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(Object.keys(check.issues).sort()).toEqual(["days", "range", "reason"]);
    const fraction = checkIpBanDraft({
      range: "10.0.0.1",
      reason: "spam_scam",
      note: "",
      days: "1.5",
    });
    expect(fraction.ok ? null : fraction.issues.days).toMatch(/whole number/);
  });

  it("shows the server's refusals of the range on the range field", () => {
    expect(isRangeRefusal({ code: "range_too_wide" })).toBe(true);
    expect(isRangeRefusal({ code: "own_address" })).toBe(true);
    expect(isRangeRefusal({ code: "forbidden" })).toBe(false);
    expect(isRangeRefusal(null)).toBe(false);
  });
});

describe("ipBanSpan", () => {
  const format = (iso: string) => iso.slice(0, 10);
  it("says until when, or how it ended", () => {
    expect(ipBanSpan({ expires_at: null, lifted_at: null, active: true }, format)).toBe(
      "Until lifted",
    );
    expect(
      ipBanSpan({ expires_at: "2027-01-01T00:00:00.000Z", lifted_at: null, active: true }, format),
    ).toBe("Until 2027-01-01");
    expect(
      ipBanSpan({ expires_at: "2026-01-01T00:00:00.000Z", lifted_at: null, active: false }, format),
    ).toBe("Ended 2026-01-01");
    expect(
      ipBanSpan({ expires_at: null, lifted_at: "2026-12-02T00:00:00.000Z", active: false }, format),
    ).toBe("Lifted 2026-12-02");
  });
});

describe("linked accounts", () => {
  const accounts = [
    { user_id: "a", status: "active" as const },
    { user_id: "b", status: "banned" as const },
    { user_id: "c", status: "suspended" as const },
    { user_id: "d", status: "deleted" as const },
  ];

  it("offers only accounts that can still be banned, and keeps the selection to them", () => {
    expect(
      accounts.filter((account) => mayBanLinked(account.status)).map((a) => a.user_id),
    ).toEqual(["a", "c"]);
    expect(selectableIds(accounts, new Set(["a", "b", "d", "gone"]))).toEqual(["a"]);
  });

  it("needs at least one account and a reason", () => {
    const none = checkLinkedBanDraft({ userIds: [], reason: "", note: "" });
    expect(none.ok ? null : none.issues).toEqual({
      user_ids: "Select at least one linked account.",
      reason: "Choose a reason.",
    });
    expect(
      checkLinkedBanDraft({ userIds: ["a", "c"], reason: "payment_fraud", note: " " }),
    ).toEqual({ ok: true, request: { user_ids: ["a", "c"], reason: "payment_fraud" } });
  });

  it("counts the accounts asked for that show banned", () => {
    expect(linkedBanProgress(accounts, ["a", "b"])).toEqual({ banned: 1, total: 2 });
    expect(linkedBanProgress(accounts, ["b"])).toEqual({ banned: 1, total: 1 });
  });
});

describe("appeals", () => {
  it("reads the queue's status from the URL, pending by default", () => {
    expect(parseAppealFilters({})).toEqual({ status: "pending", page: 1 });
    expect(parseAppealFilters({ status: "rejected", page: "2" })).toEqual({
      status: "rejected",
      page: 2,
    });
    expect(parseAppealFilters({ status: "all" }).status).toBe("pending");
    expect(APPEAL_STATUS_LABELS.accepted).toBe("Accepted");
  });

  it("tells the moderator who took the contested decision that another must decide", () => {
    const appeal = { status: "pending" as const, decided_by: "user:mod-1" };
    expect(appealDecisionBlocked(appeal, { canModerate: true, actorId: "user:mod-1" })).toBe(
      SAME_MODERATOR_MESSAGE,
    );
    expect(appealDecisionBlocked(appeal, { canModerate: true, actorId: "user:mod-2" })).toBeNull();
    expect(
      appealDecisionBlocked(
        { status: "pending", decided_by: "operator" },
        { canModerate: true, actorId: "operator" },
      ),
    ).toBe(SAME_MODERATOR_MESSAGE);
    // who is looking is not known: the server decides
    expect(appealDecisionBlocked(appeal, { canModerate: true, actorId: null })).toBeNull();
    expect(appealDecisionBlocked(appeal, { canModerate: false, actorId: "user:mod-2" })).toMatch(
      /cannot|not decide/,
    );
    expect(
      appealDecisionBlocked(
        { status: "accepted", decided_by: null },
        { canModerate: true, actorId: "user:mod-2" },
      ),
    ).toMatch(/accepted already/);
  });

  it("says the server's refusals in words a moderator can act on", () => {
    expect(appealRefusal({ code: "same_moderator" })).toBe(SAME_MODERATOR_MESSAGE);
    expect(appealRefusal({ code: "appeal_decided" })).toMatch(/decided this appeal meanwhile/);
    expect(appealRefusal({ code: "forbidden" })).toBeNull();
  });

  it("always asks for a note", () => {
    expect(checkAppealDecision("accept", "  ")).toEqual({ ok: false, note: "Say why" });
    expect(checkAppealDecision("reject", " Matches the rule. ")).toEqual({
      ok: true,
      request: { decision: "reject", note: "Matches the rule." },
    });
  });

  it("finds a case's strikes, a strike's appeal, and the account's other strikes", () => {
    const strikes = [
      strike({ id: "st_3", case_id: "mc_2" }),
      strike({ id: "st_2" }),
      strike({ id: "st_1", case_id: null }),
    ];
    expect(strikesOfCase(strikes, "mc_1").map((s) => s.id)).toEqual(["st_2"]);
    const appeals = [
      { id: "ap_1", subject_kind: "sanction" as const, subject_id: "st_2" },
      { id: "ap_2", subject_kind: "strike" as const, subject_id: "st_2" },
    ];
    expect(appealOfStrike("st_2", appeals)?.id).toBe("ap_2");
    expect(appealOfStrike("st_3", appeals)).toBeNull();
    expect(
      otherStrikes(strikes, { subject_kind: "strike", subject_id: "st_2" }).map((s) => s.id),
    ).toEqual(["st_3", "st_1"]);
    expect(otherStrikes(strikes, { subject_kind: "sanction", subject_id: "sn_1" })).toHaveLength(3);
  });
});

describe("isCurrentNav", () => {
  const paths = ["/admin/", "/admin/moderation", "/admin/moderation/appeals", "/admin/bans"];
  it("marks the most specific entry current, not the section above it", () => {
    const current = (here: string) =>
      paths.filter((path) => isCurrentNav(here, { path, end: path === "/admin/" }, paths));
    expect(current("/admin/moderation/appeals")).toEqual(["/admin/moderation/appeals"]);
    expect(current("/admin/moderation/appeals/ap_1")).toEqual(["/admin/moderation/appeals"]);
    expect(current("/admin/moderation/mc_1")).toEqual(["/admin/moderation"]);
    expect(current("/admin/moderation")).toEqual(["/admin/moderation"]);
    expect(current("/admin")).toEqual(["/admin/"]);
    expect(current("/admin/bans/")).toEqual(["/admin/bans"]);
    expect(current("/admin/moderation-x")).toEqual([]);
  });
});
