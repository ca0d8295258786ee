import { describe, expect, it } from "vitest";
import { emailTemplatesValueSchema, emailTextSchema } from "../../core/contract/live-config";
import { EDITABLE_EMAILS, editableEmail, editableFor } from "../../core/email/editable";
import { buildContent, renderEmail } from "../../core/email/render";
import { fillEmailText, placeholderProblems, toEditableText } from "../../core/email/texts";

// README "Live configuration", email templates: the words an admin may override, their
// placeholders, and rendering them through the one renderer.

const welcomeData = { name: "Ada", plan: "Premium", dashboardUrl: "https://app.example/resumes" };
const override = {
  subject: "Hello {{name}}",
  heading: "Your {{plan}} plan",
  paragraphs: ['Quote: "<script>{{name}}</script>" & more'],
  closing: [],
};

describe("placeholders", () => {
  it("names unknown placeholders and braces that are no placeholder", () => {
    expect(placeholderProblems("Hi {{name}}, your {{plan}}", ["name", "plan"])).toEqual([]);
    expect(placeholderProblems("Hi {{nme}}", ["name"])).toEqual([
      "Unknown placeholder {{nme}}; this email has: {{name}}",
    ]);
    expect(placeholderProblems("Hi {{ name }}", ["name"])).toHaveLength(1);
    expect(placeholderProblems("Hi {name}} and {{", ["name"])).toHaveLength(1);
    expect(placeholderProblems("{{x}}", [])[0]).toContain("this email has: none");
  });

  it("writes values back as placeholders, longest first, and fills them again", () => {
    const words = { subject: "Ada Lovelace, Ada", heading: "x", paragraphs: ["Ada Lovelace"] };
    const text = toEditableText(words, { full: "Ada Lovelace", first: "Ada" });
    expect(text).toEqual({
      subject: "{{full}}, {{first}}",
      heading: "x",
      paragraphs: ["{{full}}"],
      closing: [],
    });
    expect(fillEmailText(text, { full: "Ada Lovelace", first: "Ada" })).toEqual({
      ...words,
      closing: [],
    });
  });
});

describe("editable emails", () => {
  it.each(EDITABLE_EMAILS.map((entry) => [entry.key, entry] as const))(
    "%s: the code's words round-trip and pass the schema the admin saves with",
    (_, entry) => {
      const content = buildContent(entry.template, entry.example);
      const values = entry.values(entry.example);
      const text = toEditableText(content, values);
      expect(fillEmailText(text, values)).toEqual({
        subject: content.subject,
        heading: content.heading,
        paragraphs: content.paragraphs,
        closing: content.closing ?? [],
      });
      expect(emailTextSchema(entry).safeParse(text).success).toBe(true);
      // the example of an entry is an email that entry words
      expect(editableFor(entry.template, entry.example)?.key).toBe(entry.key);
      // an override filled from the defaults renders what the code renders
      expect(renderEmail(entry.template, entry.example, { [entry.key]: text })).toEqual(
        renderEmail(entry.template, entry.example),
      );
    },
  );

  it("has unique keys", () => {
    const keys = EDITABLE_EMAILS.map((entry) => entry.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("renderEmail with overridden words", () => {
  it("uses the override for subject and body, escaped in HTML, keeping the code's facts and action", () => {
    const email = renderEmail("welcome", welcomeData, { welcome: override });
    expect(email.subject).toBe("Hello Ada");
    expect(email.text).toContain('Quote: "<script>Ada</script>" & more');
    expect(email.html).toContain("Quote: &quot;&lt;script&gt;Ada&lt;/script&gt;&quot; &amp; more");
    expect(email.html).not.toContain("<script>");
    expect(email.text).toContain("https://app.example/resumes");
    expect(email.text).toContain("Plan: Premium");
  });

  it("words only the variant it is for, and falls back to the code on unknown placeholders", () => {
    const reminder = {
      verifyUrl: "https://app.example/verify?t=1",
      expiresInDays: 3,
      reminder: true,
    };
    const first = {
      subject: "First {{expires_in_days}}",
      heading: "Hi",
      paragraphs: ["Go"],
      closing: [],
    };
    const texts = { verify_email: first };
    expect(renderEmail("verify_email", { ...reminder, reminder: false }, texts).subject).toBe(
      "First 3",
    );
    expect(renderEmail("verify_email", reminder, texts).subject).toBe(
      "Reminder: confirm your email address",
    );
    // a stored override the template no longer fits: the code's words go out
    const stale = { welcome: { ...override, subject: "Hi {{gone}}" } };
    expect(renderEmail("welcome", welcomeData, stale)).toEqual(renderEmail("welcome", welcomeData));
  });

  it("the section schema refuses unknown emails and placeholders at their path", () => {
    expect(emailTemplatesValueSchema.safeParse({ welcome: override }).success).toBe(true);
    const unknownKey = emailTemplatesValueSchema.safeParse({ made_up: override });
    expect(unknownKey.success).toBe(false);
    const entry = editableEmail("welcome");
    if (!entry) throw new Error("welcome is editable");
    const bad = emailTextSchema(entry).safeParse({ ...override, closing: ["Bye {{invoice}}"] });
    expect(bad.error?.issues.map((issue) => issue.path)).toEqual([["closing", 0]]);
  });
});
