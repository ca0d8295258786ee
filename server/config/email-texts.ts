import type { EmailPreview, EmailTemplateCatalog } from "../../core/contract/config-email";
import { emailTextSchema } from "../../core/contract/live-config";
import {
  EDITABLE_EMAILS,
  type EditableEmail,
  editableEmail,
  placeholdersOf,
} from "../../core/email/editable";
import { buildContent, type EmailTexts, renderEmail } from "../../core/email/render";
import { type EmailText, toEditableText } from "../../core/email/texts";
import type { Env } from "../env";
import { AppError, notFound } from "../errors";
import { storedSection } from "./current";
import { latestVersion } from "./versions";

/**
 * Email templates in live configuration (README "Live configuration"): the overrides in force
 * for the sender, and what the admin page edits and previews, rendered by the sender's code.
 */

type ConfigEnv = Pick<Env, "CACHE" | "DB">;

/** The overridden words in force, read like every section (KV pointer, then D1). */
export async function emailTexts(env: ConfigEnv): Promise<EmailTexts> {
  const { value } = await storedSection(env, "email_templates");
  return (value ?? {}) as EmailTexts;
}

export function editableOrNotFound(key: string): EditableEmail {
  const entry = editableEmail(key);
  if (!entry) throw notFound("Email template");
  return entry;
}

/** The code's words of an entry, with its placeholders where its example's values were. */
export const defaultText = (entry: EditableEmail): EmailText =>
  toEditableText(buildContent(entry.template, entry.example), entry.values(entry.example));

/** Words from the admin page, or 400 `validation_failed` with the issues under `text`. */
export function draftText(entry: EditableEmail, raw: unknown): EmailText {
  const parsed = emailTextSchema(entry).safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new AppError(
    400,
    "validation_failed",
    "The words do not fit this email",
    parsed.error.issues.map((issue) => ({
      ...issue,
      path: ["text", ...issue.path],
      location: "json",
    })),
  );
}

/** Every editable email with the last written override (D1, like the section's view). */
export async function emailCatalog(env: Pick<Env, "DB">): Promise<EmailTemplateCatalog> {
  const latest = await latestVersion(env, "email_templates");
  const stored = (latest ? JSON.parse(latest.valueJson) : {}) as EmailTexts;
  return {
    version: latest?.version ?? 0,
    templates: EDITABLE_EMAILS.map((entry) => ({
      key: entry.key,
      template: entry.template,
      label: entry.label,
      placeholders: placeholdersOf(entry),
      example_values: entry.values(entry.example),
      defaults: defaultText(entry),
      override: stored[entry.key] ?? null,
    })),
  };
}

/** The words a preview or test send uses: the draft's, else those in force for the entry. */
export async function wordsFor(
  env: ConfigEnv,
  entry: EditableEmail,
  draft: unknown | null,
): Promise<EmailTexts> {
  if (draft !== null) return { [entry.key]: draftText(entry, draft) };
  return emailTexts(env);
}

/** The example email in those words, both parts, by the code that sends. */
export const renderPreview = (entry: EditableEmail, texts: EmailTexts): EmailPreview =>
  renderEmail(entry.template, entry.example, texts);
