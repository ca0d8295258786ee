// Relative imports, not the apps' ~core alias: unit tests load this file without it.
import { emailTextSchema } from "../../../core/contract/live-config";
import { editableEmail } from "../../../core/email/editable";
import { messageParagraphs } from "../../../core/email/templates/staff-notice";
import type { EmailText } from "../../../core/email/texts";

/**
 * The email template form (README "Live configuration"): an email's words as four fields, the
 * body and closing as text where blank lines separate paragraphs; checked with the schema the
 * Worker uses, its issues placed on the fields. Pure.
 */

export interface EmailFields {
  subject: string;
  heading: string;
  body: string;
  closing: string;
}

export type EmailField = keyof EmailFields;

export const toFields = (text: EmailText): EmailFields => ({
  subject: text.subject,
  heading: text.heading,
  body: text.paragraphs.join("\n\n"),
  closing: text.closing.join("\n\n"),
});

export const fromFields = (fields: EmailFields): EmailText => ({
  subject: fields.subject,
  heading: fields.heading,
  paragraphs: messageParagraphs(fields.body),
  closing: messageParagraphs(fields.closing),
});

const FIELD_OF: Record<string, EmailField> = {
  subject: "subject",
  heading: "heading",
  paragraphs: "body",
  closing: "closing",
};

/** Issues (paths from the text, e.g. `["paragraphs", 0]`) by field; the first of each wins. */
export function emailIssuesByField(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): Partial<Record<EmailField, string>> {
  const byField: Partial<Record<EmailField, string>> = {};
  for (const issue of issues) {
    const field = FIELD_OF[String(issue.path[0])] ?? "body";
    byField[field] ??= issue.message;
  }
  return byField;
}

export type EmailDraftCheck =
  | { ok: true; text: EmailText }
  | { ok: false; errors: Partial<Record<EmailField, string>> };

export function checkEmailDraft(key: string, fields: EmailFields): EmailDraftCheck {
  const entry = editableEmail(key);
  if (!entry) return { ok: false, errors: { subject: "This email cannot be edited" } };
  const text = fromFields(fields);
  const parsed = emailTextSchema(entry).safeParse(text);
  return parsed.success
    ? { ok: true, text: parsed.data }
    : { ok: false, errors: emailIssuesByField(parsed.error.issues) };
}

/** A server refusal's issues under `prefix` (`text`, or `value.{key}`) by field, or null. */
export function serverEmailIssues(
  error: unknown,
  prefix: readonly string[],
): Partial<Record<EmailField, string>> | null {
  const details = (error as { details?: unknown } | null)?.details;
  if (!Array.isArray(details)) return null;
  const under = (details as { path: PropertyKey[]; message: string }[])
    .filter(
      (issue) =>
        Array.isArray(issue.path) && prefix.every((part, index) => issue.path[index] === part),
    )
    .map((issue) => ({ ...issue, path: issue.path.slice(prefix.length) }));
  return under.length > 0 ? emailIssuesByField(under) : null;
}

const sameText = (a: EmailText, b: EmailText) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The section's next value with `text` as the email's words: an override, or none when the
 * words are the code's (so later changes to the code's words reach that email again).
 */
export function withEmailText(
  overrides: Readonly<Record<string, unknown>>,
  key: string,
  text: EmailText | null,
  defaults: EmailText,
): Record<string, unknown> {
  const { [key]: _, ...others } = overrides;
  return text === null || sameText(text, defaults) ? others : { ...others, [key]: text };
}
