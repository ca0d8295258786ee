/**
 * An email's editable words (README "Live configuration", email templates): the subject and
 * the body's text parts, written with `{{placeholder}}`s that each email fills with its own
 * values. The words are plain text: the layout escapes them like any other value, so an
 * override can never put markup into an email. Pure.
 */
export interface EmailText {
  subject: string;
  heading: string;
  paragraphs: string[];
  /** Paragraphs after the action button (may be empty). */
  closing: string[];
}

/** `{{name}}`: lower-case letters, digits and `_`, no spaces. */
const TOKEN = /\{\{([a-z][a-z0-9_]*)\}\}/g;

export const placeholder = (name: string) => `{{${name}}}`;

/** What is wrong with the placeholders of one text part; empty when nothing is. */
export function placeholderProblems(text: string, allowed: readonly string[]): string[] {
  const problems: string[] = [];
  for (const [, name = ""] of text.matchAll(TOKEN)) {
    if (allowed.includes(name)) continue;
    const known = allowed.length > 0 ? allowed.map(placeholder).join(", ") : "none";
    problems.push(`Unknown placeholder ${placeholder(name)}; this email has: ${known}`);
  }
  const rest = text.replace(TOKEN, "");
  if (rest.includes("{{") || rest.includes("}}")) {
    problems.push(
      "Write a placeholder as {{name}}: lower-case letters, digits and _ in double braces",
    );
  }
  return problems;
}

const fill = (text: string, values: Readonly<Record<string, string>>) =>
  text.replace(TOKEN, (token, name: string) => values[name] ?? token);

/** The text with each placeholder replaced by this email's value. */
export function fillEmailText(
  text: EmailText,
  values: Readonly<Record<string, string>>,
): EmailText {
  return {
    subject: fill(text.subject, values),
    heading: fill(text.heading, values),
    paragraphs: text.paragraphs.map((part) => fill(part, values)),
    closing: text.closing.map((part) => fill(part, values)),
  };
}

/** Whether every part of the text uses only these placeholders. */
export const usesOnly = (text: EmailText, allowed: readonly string[]): boolean =>
  [text.subject, text.heading, ...text.paragraphs, ...text.closing].every(
    (part) => placeholderProblems(part, allowed).length === 0,
  );

/**
 * The code's words of one rendered email as an editable text: each placeholder's value, where
 * it appears, written back as the placeholder (longest value first, so a value inside a longer
 * one is not split). Filling the result with the same values gives the words back.
 */
export function toEditableText(
  words: Pick<EmailText, "subject" | "heading" | "paragraphs"> & { closing?: string[] },
  values: Readonly<Record<string, string>>,
): EmailText {
  const order = Object.entries(values)
    .filter(([, value]) => value.length > 0)
    .sort(([, a], [, b]) => b.length - a.length);
  const unfill = (text: string) => {
    // private-use marks no value contains first, so a later (shorter) value never matches inside
    // a placeholder written for an earlier one
    let marked = text;
    order.forEach(([, value], index) => {
      marked = marked.split(value).join(`\uE000${index}\uE000`);
    });
    return marked.replace(/\uE000(\d+)\uE000/g, (_, index: string) =>
      placeholder(order[Number(index)]?.[0] ?? ""),
    );
  };
  return {
    subject: unfill(words.subject),
    heading: unfill(words.heading),
    paragraphs: words.paragraphs.map(unfill),
    closing: (words.closing ?? []).map(unfill),
  };
}
