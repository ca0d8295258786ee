import { describe, expect, it } from "vitest";
import {
  type AppealView,
  appealRequestSchema,
  appealTokenSchema,
  type OwnStanding,
  ownStandingSchema,
} from "../../core/contract/appeals";
import { APPEAL_MAX_CHARS } from "../../core/moderation/appeals";
import { MODERATION_CATEGORIES } from "../../core/moderation/model";
import {
  APPEAL_LINK_INVALID,
  appealCharacterCount,
  appealLinkToken,
  appealMessageProblem,
  appealOutcome,
  appealRefusal,
  appealState,
  isClean,
  isInvalidAppealLink,
  isSanctionRefusal,
  OWN_CATEGORY_LABELS,
  withAppeal,
} from "../../ui/src/standing/standing-view";
import { ApiError, type ApiErrorCode } from "../../ui-kit/api/envelope";

const appeal = (changes: Partial<AppealView> = {}): AppealView => ({
  id: "ap_1",
  subject_kind: "strike",
  subject_id: "st_1",
  message: "The link was to my own portfolio.",
  channel: "account",
  status: "pending",
  automatic: false,
  review_note: null,
  created_at: "2026-12-05T10:00:00.000Z",
  decided_at: null,
  ...changes,
});

// parsed by the contract, so a fixture that drifts from the wire shape fails here
const standing = (changes: Partial<OwnStanding> = {}): OwnStanding =>
  ownStandingSchema.parse({
    status: "active",
    active_strikes: 1,
    strikes: [
      {
        id: "st_1",
        category: "spam",
        reason: "Link farm in the summary.",
        status: "active",
        created_at: "2026-12-04T10:00:00.000Z",
        appealable_until: "2027-01-03T10:00:00.000Z",
        appeal: null,
      },
      {
        id: "st_2",
        category: "hate",
        reason: null,
        status: "active",
        created_at: "2026-12-04T11:00:00.000Z",
        appealable_until: "2027-01-03T11:00:00.000Z",
        appeal: null,
      },
    ],
    sanctions: [
      {
        id: "sn_1",
        kind: "suspension",
        reason: "spam_scam",
        message: "This account is suspended until 2026-12-05 10:00 UTC because of spam or scams.",
        starts_at: "2026-12-04T10:00:00.000Z",
        ends_at: "2026-12-05T10:00:00.000Z",
        active: false,
        appealable_until: "2027-01-03T10:00:00.000Z",
        appeal: null,
      },
    ],
    ...changes,
  });

describe("appealState", () => {
  it("offers an appeal only while the window is open and none was sent", () => {
    expect(appealState({ appealable_until: "2027-01-03T10:00:00.000Z", appeal: null })).toBe(
      "open",
    );
    expect(appealState({ appealable_until: null, appeal: null })).toBe("closed");
    // an appeal is followed even after the window closed
    expect(appealState({ appealable_until: null, appeal: appeal() })).toBe("appealed");
    expect(appealState({ appealable_until: "2027-01-03T10:00:00.000Z", appeal: appeal() })).toBe(
      "appealed",
    );
  });
});

describe("appealOutcome", () => {
  it("says who decides a pending appeal", () => {
    const outcome = appealOutcome(appeal());
    expect(outcome).toMatchObject({ title: "Appeal pending", tone: "info" });
    expect(outcome.detail).toMatch(/did not take the decision/);
  });

  it("tells an automatic acceptance from a moderator's, with the note", () => {
    expect(
      appealOutcome(appeal({ status: "accepted", automatic: true, review_note: "Rule disabled." })),
    ).toEqual({
      title: "Appeal accepted automatically",
      detail: "Rule disabled.",
      tone: "success",
    });
    expect(appealOutcome(appeal({ status: "accepted", review_note: "  " }))).toEqual({
      title: "Appeal accepted",
      detail: "The decision was reversed.",
      tone: "success",
    });
  });

  it("shows a rejection's review note", () => {
    expect(
      appealOutcome(appeal({ status: "rejected", review_note: "The links were paid placements." })),
    ).toEqual({
      title: "Appeal rejected",
      detail: "The links were paid placements.",
      tone: "error",
    });
    expect(appealOutcome(appeal({ status: "rejected" })).detail).toBe("The decision stands.");
  });
});

describe("appealMessageProblem", () => {
  it("agrees with the contract on what may be sent", () => {
    const samples = [
      "",
      "   ",
      "x",
      "Why.",
      "y".repeat(APPEAL_MAX_CHARS),
      "z".repeat(APPEAL_MAX_CHARS + 1),
    ];
    for (const message of samples) {
      const accepted = appealRequestSchema.safeParse({
        subject_kind: "strike",
        subject_id: "st_1",
        message,
      }).success;
      expect(
        appealMessageProblem(message) === undefined,
        JSON.stringify(message.slice(0, 10)),
      ).toBe(accepted);
    }
  });

  it("says how many characters too many", () => {
    expect(appealMessageProblem("a".repeat(APPEAL_MAX_CHARS + 5))).toBe(
      "Use at most 2,000 characters (5 too many).",
    );
    expect(appealMessageProblem(" \n ")).toBe("Say why the decision is wrong.");
  });

  it("counts the characters as they are sent, trimmed", () => {
    expect(appealCharacterCount("")).toBe("0 of 2,000 characters");
    expect(appealCharacterCount("  four  ")).toBe("4 of 2,000 characters");
    expect(appealCharacterCount("a".repeat(2100))).toBe("2,100 of 2,000 characters");
  });
});

describe("appealRefusal", () => {
  const refused = (status: number, code: ApiErrorCode) =>
    appealRefusal(new ApiError(status, code, "server words"));

  it("reads the standing again when it changed under the page", () => {
    expect(refused(409, "appeal_exists")).toEqual({
      message: "You have already appealed this decision. Its status is shown here.",
      reload: true,
    });
    expect(refused(422, "appeal_window_closed")?.reload).toBe(true);
    expect(refused(422, "appeal_window_closed")?.message).toMatch(/30 days/);
    expect(refused(404, "not_found")?.reload).toBe(true);
    expect(refused(422, "nothing_to_appeal")).toEqual({
      message: "This decision no longer has any effect, so there is nothing to appeal.",
      reload: true,
    });
  });

  it("sends an expired link back to the sign-in page for a new one", () => {
    expect(refused(401, "invalid_appeal_link")).toEqual({
      message: APPEAL_LINK_INVALID,
      reload: false,
    });
    expect(isInvalidAppealLink(new ApiError(401, "invalid_appeal_link", "x"))).toBe(true);
    expect(isInvalidAppealLink(new ApiError(401, "unauthorized", "x"))).toBe(false);
  });

  it("leaves anything else to the general description", () => {
    expect(refused(400, "validation_failed")).toBeNull();
    expect(refused(0, "network_error")).toBeNull();
    expect(appealRefusal(new Error("boom"))).toBeNull();
  });
});

describe("withAppeal", () => {
  it("sets the appeal on the one decision it contests", () => {
    const before = standing();
    const sent = appeal({ subject_id: "st_2" });
    const after = withAppeal(before, { kind: "strike", id: "st_2" }, sent);
    expect(after.strikes.map((strike) => strike.appeal)).toEqual([null, sent]);
    expect(after.sanctions).toBe(before.sanctions);
    // the first strike is the same object: its row is not rebuilt
    expect(after.strikes[0]).toBe(before.strikes[0]);
    expect(before.strikes[1]?.appeal).toBeNull();
  });

  it("tells a sanction from a strike of the same id", () => {
    const before = standing();
    const sent = appeal({ subject_kind: "sanction", subject_id: "sn_1" });
    const after = withAppeal(before, { kind: "sanction", id: "sn_1" }, sent);
    expect(after.sanctions[0]?.appeal).toEqual(sent);
    expect(after.strikes).toBe(before.strikes);
  });
});

describe("sign-in refusals and links", () => {
  it("offers an appeal link for a suspension or a ban only", () => {
    expect(isSanctionRefusal("account_suspended")).toBe(true);
    expect(isSanctionRefusal("account_banned")).toBe(true);
    expect(isSanctionRefusal("account_locked")).toBe(false);
    expect(isSanctionRefusal(undefined)).toBe(false);
    expect(isSanctionRefusal(null)).toBe(false);
  });

  it("takes an appeal link's token within the contract's bounds", () => {
    const samples = [undefined, "", "short", "t".repeat(20), "t".repeat(200), "t".repeat(201)];
    for (const raw of samples) {
      expect(appealLinkToken(raw) !== null, String(raw?.length)).toBe(
        appealTokenSchema.safeParse(raw).success,
      );
    }
    expect(appealLinkToken(["t".repeat(30), "other"])).toBe("t".repeat(30));
  });
});

describe("the owner's words", () => {
  it("name every moderation category", () => {
    for (const category of MODERATION_CATEGORIES)
      expect(OWN_CATEGORY_LABELS[category]).toBeTruthy();
  });

  it("shows a clean account as clean, and any past decision as not", () => {
    expect(isClean(standing({ strikes: [], sanctions: [], active_strikes: 0 }))).toBe(true);
    expect(isClean(standing({ strikes: [] }))).toBe(false);
    expect(isClean(standing({ sanctions: [] }))).toBe(false);
  });
});
