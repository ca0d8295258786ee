import { z } from "zod";

/**
 * Live configuration's email templates (README "Live configuration"): what the admin page
 * edits, previews and test-sends. The words themselves are checked against the email's own
 * schema (`emailTextSchema` in ./live-config) by the Worker and the page alike.
 */

const emailTextShape = z
  .object({
    subject: z.string(),
    heading: z.string(),
    paragraphs: z.array(z.string()),
    closing: z.array(z.string()),
  })
  .meta({ id: "EmailText" });

export const emailKeyParamSchema = z.string().min(1).max(60);

/** One editable email: its placeholders, the code's words, and the override in force. */
export const emailTemplateEntrySchema = z
  .object({
    key: z.string(),
    template: z.string(),
    label: z.string(),
    placeholders: z.array(z.string()),
    /** The example email's value of each placeholder (what the preview fills in). */
    example_values: z.record(z.string(), z.string()),
    defaults: emailTextShape,
    override: emailTextShape.nullable(),
  })
  .meta({ id: "EmailTemplateEntry" });
export type EmailTemplateEntry = z.output<typeof emailTemplateEntrySchema>;

export const emailTemplateCatalogSchema = z
  .object({ version: z.number().int(), templates: z.array(emailTemplateEntrySchema) })
  .meta({ id: "EmailTemplateCatalog" });
export type EmailTemplateCatalog = z.output<typeof emailTemplateCatalogSchema>;

/**
 * Preview or test-send: the words being edited (checked against the email's placeholders: 400
 * `validation_failed` with the issues under `text`), or null for the words in force.
 */
export const emailDraftRequestSchema = z
  .object({ text: z.record(z.string(), z.unknown()).nullable() })
  .strict()
  .meta({ id: "EmailDraftRequest" });
export type EmailDraftRequest = z.input<typeof emailDraftRequestSchema>;

/** Both parts, rendered by the code that sends. */
export const emailPreviewSchema = z
  .object({ subject: z.string(), text: z.string(), html: z.string() })
  .meta({ id: "EmailPreview" });
export type EmailPreview = z.output<typeof emailPreviewSchema>;

export const emailTestSendSchema = z
  .object({ to: z.string(), subject: z.string(), email_id: z.string() })
  .meta({ id: "EmailTestSend" });
export type EmailTestSend = z.output<typeof emailTestSendSchema>;
