import { APPEAL_WINDOW_DAYS } from "../moderation/appeals";
import { ACCOUNT_EDITABLE_EMAILS } from "./editable-account";
import { utcMinute } from "./layout";
import type { EmailData, EmailTemplate } from "./render";
import { maskEmail } from "./templates/email-changed";
import { replyExcerpt } from "./templates/support";

/**
 * The emails whose words live configuration can override (README "Live configuration", email
 * templates): one entry per template, or per variant where a template words its variants
 * differently (a reminder, an accepted appeal). Each names its placeholders by giving their
 * values for one email, and carries a realistic example for the preview and the test send.
 * `staff_notice` is not here: staff write its words each time they send it. Pure.
 */
interface Editable<T extends EmailTemplate> {
  /** The override's key in the `email_templates` section. */
  key: string;
  template: T;
  label: string;
  /** Which emails of the template this entry words; absent: all of them. */
  when?: (data: EmailData<T>) => boolean;
  /** Placeholder name → its value in this email (formatted as the template formats it). */
  values: (data: EmailData<T>) => Record<string, string>;
  example: EmailData<T>;
}

export type EditableEmail = Editable<EmailTemplate>;
export type { Editable };

const editable = <T extends EmailTemplate>(entry: Editable<T>) => entry as unknown as EditableEmail;

const URL = "https://resume-builder.example";
const NAME = "Ada Lovelace";
const there = (name: string | null) => name || "there";
const utcOf = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;
const dunningValues = (data: EmailData<"payment_failed">) => ({
  name: there(data.name),
  plan: data.plan,
  amount: data.amount,
  invoice_number: data.invoiceNumber,
  grace_ends_at: utcOf(data.graceEndsAt),
});
const dunningExample: EmailData<"payment_failed"> = {
  name: NAME,
  plan: "Standard",
  amount: "$14.99",
  invoiceNumber: "INV-000123",
  graceEndsAt: "2026-12-14T09:30:00.000Z",
  billingUrl: `${URL}/settings/billing`,
};
const dunning = (
  template: "payment_failed" | "payment_final_notice" | "grace_ending" | "downgraded_to_free",
  label: string,
) => editable({ key: template, template, label, values: dunningValues, example: dunningExample });

const appealDecidedValues = (data: EmailData<"appeal_decided">) => ({
  name: there(data.name),
  decision: data.subject,
  note: data.note,
});
const appealDecidedExample = (accepted: boolean): EmailData<"appeal_decided"> => ({
  name: NAME,
  accepted,
  subject: "the strike for spam",
  note: "The links were to the applicant's own portfolio.",
  url: `${URL}/account`,
});

const sanctionedExample = (kind: "ban" | "suspension"): EmailData<"account_sanctioned"> => ({
  name: NAME,
  kind,
  message:
    kind === "ban"
      ? "your account is banned for repeated spam."
      : "your account is suspended until 2026-12-09 10:00 UTC for spam.",
  appealUrl: `${URL}/appeal?token=example`,
});

const MODERATION_KINDS = [
  ["taken_down", "content taken offline"],
  ["in_review", "content in review"],
  ["warning", "warning about content"],
  ["approved", "content approved"],
  ["changes_requested", "changes requested"],
] as const;

const strikeExample = (next: string | null): EmailData<"strike_recorded"> => ({
  name: NAME,
  active: 2,
  next,
  category: "spam",
  standingUrl: `${URL}/account#standing`,
});
const strikeValues = (data: EmailData<"strike_recorded">) => ({
  name: there(data.name),
  active_strikes: `${data.active} active strike${data.active === 1 ? "" : "s"}`,
  category: data.category,
  next: data.next ?? "",
});

export const EDITABLE_EMAILS: readonly EditableEmail[] = [
  editable({
    key: "account_exists",
    template: "account_exists",
    label: "Sign-up with an address that has an account",
    values: () => ({}),
    example: { signInUrl: `${URL}/login` },
  }),
  editable({
    key: "account_restored",
    template: "account_restored",
    label: "Account available again",
    values: (data) => ({ name: there(data.name) }),
    example: { name: NAME, signInUrl: `${URL}/login` },
  }),
  ...(["suspension", "ban"] as const).map((kind) =>
    editable({
      key: `account_sanctioned_${kind}`,
      template: "account_sanctioned",
      label: kind === "ban" ? "Account banned" : "Account suspended",
      when: (data) => data.kind === kind,
      values: (data) => ({ name: there(data.name), message: data.message }),
      example: sanctionedExample(kind),
    }),
  ),
  ...([true, false] as const).map((accepted) =>
    editable({
      key: accepted ? "appeal_accepted" : "appeal_upheld",
      template: "appeal_decided",
      label: accepted ? "Appeal accepted" : "Appeal not accepted",
      when: (data) => data.accepted === accepted,
      values: appealDecidedValues,
      example: appealDecidedExample(accepted),
    }),
  ),
  editable({
    key: "appeal_link",
    template: "appeal_link",
    label: "Appeal link",
    values: (data) => ({
      name: there(data.name),
      appeal_window_days: String(APPEAL_WINDOW_DAYS),
    }),
    example: { name: NAME, appealUrl: `${URL}/appeal?token=example` },
  }),
  editable({
    key: "backup_failed",
    template: "backup_failed",
    label: "Operator alert: backup failed",
    values: (data) => ({
      environment: data.environment,
      backup_id: data.backupId,
      where: data.step ? `at step "${data.step}"` : "before any step ran",
      reason: data.reason,
      failed_at: utcMinute(data.failedAt),
    }),
    example: {
      backupId: "backup-7f3a",
      jobId: "job-51c2",
      step: "export-tables",
      reason: "D1 export timed out",
      jobUrl: `${URL}/admin/jobs/job-51c2`,
      environment: "staging",
      failedAt: "2026-12-07T04:00:00.000Z",
    },
  }),
  editable({
    key: "billing_event_failed",
    template: "billing_event_failed",
    label: "Operator alert: billing event stuck",
    values: (data) => ({
      environment: data.environment,
      event_id: data.eventId,
      event_type: data.type,
      reason: data.reason,
    }),
    example: {
      eventId: "evt_1Example",
      type: "customer.subscription.updated",
      customerId: "cus_Example",
      account: "ada@example.com",
      reason: "Unknown price id",
      adminUrl: `${URL}/admin/billing-events?event=evt_1Example`,
      environment: "staging",
      failedAt: "2026-12-07T04:00:00.000Z",
    },
  }),
  dunning("payment_failed", "Payment failed"),
  dunning("payment_final_notice", "Payment failed again (final notice)"),
  dunning("grace_ending", "Grace period ends in 24 hours"),
  dunning("downgraded_to_free", "Moved to the Free plan"),
  editable({
    key: "email_changed",
    template: "email_changed",
    label: "Email address changed by support",
    values: (data) => ({
      name: there(data.name),
      new_email: data.newEmailMasked,
      changed_at: utcOf(data.changedAt),
    }),
    example: {
      name: NAME,
      newEmailMasked: maskEmail("ada.new@example.com"),
      changedAt: "2026-12-07T10:15:00.000Z",
    },
  }),
  editable({
    key: "export_ready",
    template: "export_ready",
    label: "Export ready",
    values: (data) => ({
      name: there(data.name),
      resume_title: data.resumeTitle,
      format: data.formatLabel,
      filename: data.filename,
      expires_at: utcMinute(data.expiresAt),
      exports_url: data.exportsUrl,
    }),
    example: {
      name: NAME,
      resumeTitle: "Engineering roles",
      formatLabel: "PDF",
      filename: "engineering-roles.pdf",
      downloadUrl: `${URL}/api/exports/example/download?sig=example`,
      expiresAt: "2026-12-08T10:15:00.000Z",
      exportsUrl: `${URL}/exports`,
    },
  }),
  ...(["resent", "issued"] as const).map((kind) =>
    editable({
      // "invoice_sent" stays the resend's key, so words saved for it before still apply.
      key: kind === "resent" ? "invoice_sent" : "invoice_issued",
      template: "invoice_sent",
      label: kind === "resent" ? "Invoice sent again" : "New invoice to pay (local billing)",
      when: (data) => data.kind === kind,
      values: (data) => ({
        name: there(data.name),
        invoice_number: data.invoiceNumber,
        amount: data.amount,
        issued_on: data.issuedOn,
        status: data.statusLabel,
        support_email: data.supportEmail,
      }),
      example: {
        kind,
        name: NAME,
        invoiceNumber: "INV-000123",
        amount: "$14.99",
        statusLabel: kind === "resent" ? "Paid" : "Unpaid",
        issuedOn: "2026-12-01",
        invoiceUrl: `${URL}/settings/billing`,
        pdfUrl: `${URL}/api/invoices/in_123/pdf`,
        supportEmail: "billing@resume-builder.example",
      },
    }),
  ),
  editable({
    key: "moderation_escalated",
    template: "moderation_escalated",
    label: "Operator alert: moderation case overdue",
    values: (data) => ({
      environment: data.environment,
      case_id: data.caseId,
      subject: data.subject,
      category: data.category,
      due_at: utcMinute(data.dueAt),
    }),
    example: {
      caseId: "case-81d0",
      subject: 'the public page of "Engineering roles"',
      category: "spam",
      dueAt: "2026-12-07T04:00:00.000Z",
      caseUrl: `${URL}/admin/moderation/case-81d0`,
      environment: "staging",
    },
  }),
  ...MODERATION_KINDS.map(([kind, what]) =>
    editable({
      key: `moderation_${kind}`,
      template: "moderation_notice",
      label: `Moderation: ${what}`,
      when: (data) => data.kind === kind,
      values: (data) => ({ name: there(data.name), subject: data.subject, reason: data.reason }),
      example: {
        name: NAME,
        kind,
        subject: 'the public page of "Engineering roles"',
        reason: "links to a site known for spam",
        manageUrl: `${URL}/resumes/example/edit`,
      },
    }),
  ),
  editable({
    key: "password_changed",
    template: "password_changed",
    label: "Password changed",
    values: (data) => ({ name: there(data.name), changed_at: utcOf(data.changedAt) }),
    example: { name: NAME, changedAt: "2026-12-07T10:15:00.000Z", recoverUrl: `${URL}/forgot` },
  }),
  editable({
    key: "reset_password",
    template: "reset_password",
    label: "Reset password",
    values: (data) => ({
      name: there(data.name),
      expires_in_minutes: String(data.expiresInMinutes),
    }),
    example: { name: NAME, resetUrl: `${URL}/reset?token=example`, expiresInMinutes: 45 },
  }),
  ...([true, false] as const).map((hasNext) =>
    editable({
      key: hasNext ? "strike_recorded" : "strike_recorded_last",
      template: "strike_recorded",
      label: hasNext ? "Strike recorded" : "Strike recorded (no further step)",
      when: (data) => (data.next !== null) === hasNext,
      values: strikeValues,
      example: strikeExample(hasNext ? "a 24-hour suspension at 3 strikes" : null),
    }),
  ),
  editable({
    key: "support_reply",
    template: "support_reply",
    label: "Support replied",
    values: (data) => ({
      name: there(data.name),
      ticket_subject: data.ticketSubject,
      reply: replyExcerpt(data.reply),
    }),
    example: {
      name: NAME,
      ticketSubject: "Cannot export my resume",
      reply: "Thanks for writing. The export works again; please try once more.",
      ticketUrl: `${URL}/support/tickets/example`,
    },
  }),
  ...([false, true] as const).map((reminder) =>
    editable({
      key: reminder ? "verify_email_reminder" : "verify_email",
      template: "verify_email",
      label: reminder ? "Confirm your address (reminder)" : "Confirm your address",
      when: (data) => data.reminder === reminder,
      values: (data) => ({ expires_in_days: String(data.expiresInDays) }),
      example: { verifyUrl: `${URL}/verify?token=example`, expiresInDays: 3, reminder },
    }),
  ),
  editable({
    key: "welcome",
    template: "welcome",
    label: "Welcome",
    values: (data) => ({ name: there(data.name), plan: data.plan }),
    example: { name: NAME, plan: "Standard", dashboardUrl: `${URL}/resumes` },
  }),
  ...ACCOUNT_EDITABLE_EMAILS,
];

export const EDITABLE_EMAIL_KEYS = EDITABLE_EMAILS.map((entry) => entry.key);

export const editableEmail = (key: string): EditableEmail | undefined =>
  EDITABLE_EMAILS.find((entry) => entry.key === key);

/** The entry whose words an email of `template` with `data` uses, if any. */
export function editableFor<T extends EmailTemplate>(
  template: T,
  data: EmailData<T>,
): EditableEmail | undefined {
  return EDITABLE_EMAILS.find(
    (entry) =>
      entry.template === template &&
      (entry.when === undefined || entry.when(data as EmailData<EmailTemplate>)),
  );
}

/** The placeholders an entry offers: the names its `values` gives. */
export const placeholdersOf = (entry: EditableEmail): string[] =>
  Object.keys(entry.values(entry.example));
