import { editableFor } from "./editable";
import { type EmailContent, type RenderedEmail, renderContent } from "./layout";
import { accountDeleted } from "./templates/account-deleted";
import { accountExists } from "./templates/account-exists";
import { confirmNewEmail, paymentReceipt, securityAlert } from "./templates/account-security";
import { appealDecided, appealLink } from "./templates/appeals";
import { backupFailed } from "./templates/backup-failed";
import {
  downgradedToFree,
  graceEnding,
  paymentFailed,
  paymentFinalNotice,
} from "./templates/billing";
import { billingEventFailed } from "./templates/billing-event-failed";
import { dataExportReady } from "./templates/data-export";
import { emailChanged } from "./templates/email-changed";
import { exportReady } from "./templates/export-ready";
import { invoiceSent } from "./templates/invoice";
import { moderationEscalated, moderationNotice } from "./templates/moderation";
import { passwordChanged } from "./templates/password-changed";
import { resetPassword } from "./templates/reset-password";
import { accountRestored, accountSanctioned, strikeRecorded } from "./templates/sanctions";
import { securityAlertRaised } from "./templates/security-alert-raised";
import { staffNotice } from "./templates/staff-notice";
import { supportReply } from "./templates/support";
import { verifyEmail } from "./templates/verify-email";
import { welcome } from "./templates/welcome";
import { type EmailText, fillEmailText, usesOnly } from "./texts";

/**
 * Every email the product can send, by template name. A new email is one function in
 * `templates/` that turns its data into words and links, plus one line here; layout,
 * escaping and the plain-text part come from `layout.ts`.
 */
const TEMPLATES = {
  account_deleted: accountDeleted,
  account_exists: accountExists,
  account_restored: accountRestored,
  account_sanctioned: accountSanctioned,
  appeal_decided: appealDecided,
  appeal_link: appealLink,
  backup_failed: backupFailed,
  billing_event_failed: billingEventFailed,
  confirm_new_email: confirmNewEmail,
  data_export_ready: dataExportReady,
  downgraded_to_free: downgradedToFree,
  email_changed: emailChanged,
  grace_ending: graceEnding,
  invoice_sent: invoiceSent,
  payment_failed: paymentFailed,
  payment_final_notice: paymentFinalNotice,
  export_ready: exportReady,
  moderation_escalated: moderationEscalated,
  moderation_notice: moderationNotice,
  password_changed: passwordChanged,
  payment_receipt: paymentReceipt,
  reset_password: resetPassword,
  security_alert: securityAlert,
  security_alert_raised: securityAlertRaised,
  staff_notice: staffNotice,
  strike_recorded: strikeRecorded,
  support_reply: supportReply,
  verify_email: verifyEmail,
  welcome,
} satisfies Record<string, (data: never) => EmailContent>;

export type EmailTemplate = keyof typeof TEMPLATES;
export type EmailData<T extends EmailTemplate> = Parameters<(typeof TEMPLATES)[T]>[0];

/** Overridden words by editable key (core/email/editable.ts), from live configuration. */
export type EmailTexts = Readonly<Record<string, EmailText | undefined>>;

/** The template's content as the code words it: what `toEditableText` starts from. */
export function buildContent<T extends EmailTemplate>(
  template: T,
  data: EmailData<T>,
): EmailContent {
  const build = TEMPLATES[template] as (data: EmailData<T>) => EmailContent;
  return build(data);
}

/**
 * The email, in the words of `texts` where it overrides this one (README "Live
 * configuration"): its subject, heading, paragraphs and closing, with this email's values for
 * the placeholders. Facts, the action and the footer stay the code's. An override whose
 * placeholders the template no longer has is ignored, so the code's words go out instead.
 */
export function renderEmail<T extends EmailTemplate>(
  template: T,
  data: EmailData<T>,
  texts: EmailTexts = {},
): RenderedEmail {
  const content = buildContent(template, data);
  const entry = editableFor(template, data);
  const text = entry ? texts[entry.key] : undefined;
  if (!entry || !text) return renderContent(content);
  const values = entry.values(data as never);
  if (!usesOnly(text, Object.keys(values))) return renderContent(content);
  return renderContent({ ...content, ...fillEmailText(text, values) });
}

export type { RenderedEmail };
