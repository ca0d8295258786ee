import { describe, expect, it } from "vitest";
import { checkDraft, type SectionValue, showValue, toDraft } from "../../admin-ui/src/config/draft";
import { MODERATION_DEFAULTS, moderationValueSchema } from "../../core/config/moderation";
import { PLAN_DETAIL_DEFAULTS, planDetailsValueSchema } from "../../core/config/plan-details";
import { configValueSchema } from "../../core/contract/live-config";
import { PLAN_PRICES_CENTS } from "../../core/plans/entitlements";

// README "Live configuration": the plan details and moderation sections' schemas, and how the
// admin form carries the strike thresholds it does not edit.

const pathsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((issue) => issue.path.join(".")) ?? [];

describe("plan details schema", () => {
  it("accepts the defaults, whose quoted prices are the charged ones", () => {
    expect(planDetailsValueSchema.safeParse(PLAN_DETAIL_DEFAULTS).success).toBe(true);
    for (const [plan, detail] of Object.entries(PLAN_DETAIL_DEFAULTS))
      expect(detail.priceCents).toBe(PLAN_PRICES_CENTS[plan as keyof typeof PLAN_PRICES_CENTS]);
  });

  it("bounds names, prices and taglines, and refuses unknown plans and fields", () => {
    const value = (standard: object, extra: object = {}) => ({
      ...PLAN_DETAIL_DEFAULTS,
      standard: { ...PLAN_DETAIL_DEFAULTS.standard, ...standard },
      ...extra,
    });
    expect(pathsOf(planDetailsValueSchema.safeParse(value({ name: "  " })))).toEqual([
      "standard.name",
    ]);
    expect(pathsOf(planDetailsValueSchema.safeParse(value({ name: "x".repeat(41) })))).toEqual([
      "standard.name",
    ]);
    expect(pathsOf(planDetailsValueSchema.safeParse(value({ priceCents: 12.5 })))).toEqual([
      "standard.priceCents",
    ]);
    expect(pathsOf(planDetailsValueSchema.safeParse(value({ priceCents: 1_000_001 })))).toEqual([
      "standard.priceCents",
    ]);
    expect(pathsOf(planDetailsValueSchema.safeParse(value({ tagline: "" })))).toEqual([
      "standard.tagline",
    ]);
    expect(planDetailsValueSchema.safeParse(value({ color: "red" })).success).toBe(false);
    expect(planDetailsValueSchema.safeParse(value({}, { gold: {} })).success).toBe(false);
    // trimmed as it is saved
    const trimmed = planDetailsValueSchema.parse(value({ name: "  Pro  " }));
    expect(trimmed.standard.name).toBe("Pro");
  });
});

describe("moderation schema", () => {
  it("accepts the defaults and wants a case opened before a page is withheld", () => {
    expect(moderationValueSchema.safeParse(MODERATION_DEFAULTS).success).toBe(true);
    const reports = (openCase: number, withhold: number) =>
      moderationValueSchema.safeParse({ ...MODERATION_DEFAULTS, reports: { openCase, withhold } });
    expect(reports(10, 30).success).toBe(true);
    expect(pathsOf(reports(30, 30))).toEqual(["reports.withhold"]);
    expect(pathsOf(reports(0, 30))).toEqual(["reports.openCase"]);
    expect(pathsOf(reports(20, 10_001))).toEqual(["reports.withhold"]);
    expect(pathsOf(reports(2.5, 30))).toEqual(["reports.openCase"]);
  });

  it("checks the strike thresholds with the strike rules", () => {
    const strikes = (thresholds: unknown[]) =>
      moderationValueSchema.safeParse({ ...MODERATION_DEFAULTS, strikes: { thresholds } });
    expect(pathsOf(strikes([]))).toEqual(["strikes.thresholds"]);
    expect(
      pathsOf(
        strikes([
          { strikes: 3, action: "suspend", hours: 24 },
          { strikes: 2, action: "ban", hours: null },
        ]),
      ),
    ).toEqual(["strikes.thresholds.1.strikes"]);
    expect(configValueSchema("moderation", []).safeParse(MODERATION_DEFAULTS).success).toBe(true);
  });
});

describe("the config form with the moderation section", () => {
  const value = JSON.parse(JSON.stringify(MODERATION_DEFAULTS)) as SectionValue;

  it("keeps the strike thresholds as they are and edits the report weights", () => {
    const draft = toDraft(value);
    expect(draft.strikes?.thresholds).toEqual({ kept: MODERATION_DEFAULTS.strikes.thresholds });
    expect(draft.reports).toEqual({ openCase: "20", withhold: "60" });
    const edited = { ...draft, reports: { openCase: "15", withhold: "45" } };
    expect(checkDraft("moderation", edited, [])).toEqual({
      ok: true,
      value: { ...value, reports: { openCase: 15, withhold: 45 } },
    });
    const refused = checkDraft(
      "moderation",
      { ...draft, reports: { openCase: "45", withhold: "15" } },
      [],
    );
    expect(refused).toEqual({ ok: false, errors: { "reports.withhold": expect.any(String) } });
  });

  it("shows a list of records readably in the history", () => {
    expect(showValue([{ strikes: 3 }, { strikes: 5 }])).toBe('{"strikes":3} ¶ {"strikes":5}');
    expect(showValue(["free", "standard"])).toBe("free ¶ standard");
  });
});
