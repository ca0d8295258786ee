import { describe, expect, it } from "vitest";
import {
  checkDraft,
  diffValues,
  fromDraft,
  type SectionValue,
  serverIssues,
  showValue,
  toDraft,
} from "../../admin-ui/src/config/draft";
import {
  checkEmailDraft,
  fromFields,
  serverEmailIssues,
  toFields,
  withEmailText,
} from "../../admin-ui/src/config/email-draft";
import { ENTITLEMENTS } from "../../core/plans/entitlements";

// The admin app's live-configuration form (README "Live configuration"): what is typed becomes
// the section's value, checked with the section's own schema, and refusals land on fields.

/** The plan table as a section's value (what `GET /api/admin/config` sends). */
const PLANS_VALUE: SectionValue = JSON.parse(JSON.stringify(ENTITLEMENTS));

describe("live configuration form", () => {
  it("round-trips a value: an empty count is unlimited, flags stay flags", () => {
    const draft = toDraft(PLANS_VALUE);
    expect(draft.premium?.resumes).toBe("");
    expect(draft.free?.exportsPerMonth).toBe("5");
    expect(draft.free?.premiumTemplates).toBe(false);
    expect(fromDraft(draft)).toEqual(PLANS_VALUE);
  });

  it("checks with the section's schema and names the field", () => {
    const draft = toDraft(PLANS_VALUE);
    draft.free = { ...draft.free, exportsPerMonth: "-1", resumes: "two" };
    const checked = checkDraft("plans", draft, []);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(Object.keys(checked.errors).sort()).toEqual(["free.exportsPerMonth", "free.resumes"]);

    const rules = { signIn: { limit: "10", windowSeconds: "60" } };
    expect(checkDraft("rate_limits", rules, ["signIn"])).toEqual({
      ok: true,
      value: { signIn: { limit: 10, windowSeconds: 60 } },
    });
    const unknown = checkDraft("rate_limits", rules, []);
    expect(unknown.ok).toBe(false);
  });

  it("places the server's issues (paths under value) on the fields, and nothing else", () => {
    const refusal = {
      details: [
        { path: ["value", "free", "resumes"], message: "Too big" },
        { path: ["reason"], message: "Too short" },
      ],
    };
    expect(serverIssues(refusal)).toEqual({ "free.resumes": "Too big" });
    expect(serverIssues({ details: [{ path: ["reason"], message: "Too short" }] })).toBeNull();
    expect(serverIssues(new Error("offline"))).toBeNull();
  });

  it("lists what a version changes against the current value", () => {
    const version = { ...PLANS_VALUE, free: { ...PLANS_VALUE.free, exportsPerMonth: 3 } };
    expect(diffValues(PLANS_VALUE, version)).toEqual([
      { entry: "free", field: "exportsPerMonth", from: 5, to: 3 },
    ]);
    expect(diffValues(PLANS_VALUE, PLANS_VALUE)).toEqual([]);
    expect([null, true, 3].map(showValue)).toEqual(["unlimited", "yes", "3"]);
  });
});

describe("email template form", () => {
  const words = {
    subject: "Hi {{name}}",
    heading: "Your {{plan}} plan",
    paragraphs: ["One.", "Two."],
    closing: [],
  };

  it("turns blank lines into paragraphs and back", () => {
    expect(toFields(words).body).toBe("One.\n\nTwo.");
    expect(fromFields({ ...toFields(words), body: " One. \n \nTwo.\n\n\n" })).toEqual(words);
  });

  it("places an unknown placeholder on its field, with the Worker's schema", () => {
    const checked = checkEmailDraft("welcome", { ...toFields(words), body: "Hi {{nmae}}" });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.errors.body).toContain("Unknown placeholder {{nmae}}");
    expect(checkEmailDraft("welcome", toFields(words))).toEqual({ ok: true, text: words });
    const server = { details: [{ path: ["value", "welcome", "subject"], message: "No" }] };
    expect(serverEmailIssues(server, ["value", "welcome"])).toEqual({ subject: "No" });
    expect(serverEmailIssues(server, ["text"])).toBeNull();
  });

  it("keeps an override only while it differs from the code's words", () => {
    const others = { reset_password: words };
    expect(withEmailText(others, "welcome", words, { ...words, subject: "Code" })).toEqual({
      ...others,
      welcome: words,
    });
    expect(withEmailText({ ...others, welcome: words }, "welcome", words, words)).toEqual(others);
  });

  it("diffs overrides present on one side only", () => {
    expect(diffValues({}, { welcome: words })).toContainEqual({
      entry: "welcome",
      field: "paragraphs",
      from: undefined,
      to: ["One.", "Two."],
    });
    expect(showValue(["One.", "Two."])).toBe("One. ¶ Two.");
  });
});
