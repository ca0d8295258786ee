import type { Editable, EditableEmail } from "./editable";
import { utcMinute } from "./layout";
import type { EmailTemplate } from "./render";
import { SECURITY_ALERT_KINDS } from "./templates/account-security";
import { maskEmail } from "./templates/email-changed";

/** The editable words of the account's own emails: security notices, the new-address link, receipts. */

const editable = <T extends EmailTemplate>(entry: Editable<T>) => entry as unknown as EditableEmail;

const URL = "https://resume-builder.example";
const NAME = "Ada Lovelace";
const there = (name: string | null) => name || "there";

const SECURITY_LABELS = {
  new_sign_in: "Security: sign-in from a new device",
  mfa_enabled: "Security: two-factor turned on",
  mfa_disabled: "Security: two-factor turned off",
  passkey_added: "Security: passkey added",
  email_changed: "Security: sign-in address changed by the owner",
} as const;
const SECURITY_EXAMPLE_DETAIL = {
  new_sign_in: "Firefox on Linux (203.0.113.7)",
  mfa_enabled: null,
  mfa_disabled: null,
  passkey_added: "MacBook",
  email_changed: maskEmail("ada.new@example.com"),
} as const;

export const ACCOUNT_EDITABLE_EMAILS: readonly EditableEmail[] = [
  ...SECURITY_ALERT_KINDS.map((kind) =>
    editable({
      key: `security_${kind}`,
      template: "security_alert",
      label: SECURITY_LABELS[kind],
      when: (data) => data.kind === kind,
      values: (data) => ({ name: there(data.name), at: utcMinute(data.at) }),
      example: {
        kind,
        name: NAME,
        at: "2026-12-07T10:15:00.000Z",
        detail: SECURITY_EXAMPLE_DETAIL[kind],
        securityUrl: `${URL}/account/security`,
      },
    }),
  ),
  editable({
    key: "confirm_new_email",
    template: "confirm_new_email",
    label: "Confirm a new sign-in address",
    values: (data) => ({ expires_in_days: String(data.expiresInDays) }),
    example: { confirmUrl: `${URL}/confirm-email?token=example`, expiresInDays: 3 },
  }),
  editable({
    key: "payment_receipt",
    template: "payment_receipt",
    label: "Payment receipt",
    values: (data) => ({
      name: there(data.name),
      amount: data.amount,
      invoice_number: data.invoiceNumber,
      paid_on: data.paidOn,
      support_email: data.supportEmail,
    }),
    example: {
      name: NAME,
      invoiceNumber: "INV-000123",
      amount: "$14.99",
      paidOn: "2026-12-01",
      invoiceUrl: `${URL}/account/billing`,
      pdfUrl: `${URL}/api/invoices/in_123/pdf`,
      supportEmail: "billing@resume-builder.example",
    },
  }),
  editable({
    key: "data_export_ready",
    template: "data_export_ready",
    label: "Data export ready",
    values: (data) => ({
      name: there(data.name),
      expires_at: utcMinute(data.expiresAt),
      account_url: data.accountUrl,
    }),
    example: {
      name: NAME,
      downloadUrl: `${URL}/api/account/data-export/download?token=example`,
      expiresAt: "2026-12-14T10:15:00.000Z",
      accountUrl: `${URL}/account/profile`,
    },
  }),
];
