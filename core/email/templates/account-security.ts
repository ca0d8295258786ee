import { type EmailContent, utcMinute } from "../layout";

/**
 * Security notices to the account's own address (README "Profile and security emails"), so a
 * change made by someone else does not go unnoticed: a sign-in from a device the account has
 * not used before, two-factor turned on or off, a passkey added, the sign-in address changed.
 */
export const SECURITY_ALERT_KINDS = [
  "new_sign_in",
  "mfa_enabled",
  "mfa_disabled",
  "passkey_added",
  "email_changed",
] as const;
export type SecurityAlertKind = (typeof SECURITY_ALERT_KINDS)[number];

export interface SecurityAlertData {
  kind: SecurityAlertKind;
  /** Only for a confirmed address (greetingName). */
  name: string | null;
  /** ISO time of the event. */
  at: string;
  /**
   * What the event concerns, already safe to show: the browser and network address of a new
   * sign-in, the passkey's name, the new address masked (`maskEmail`); null when nothing.
   */
  detail: string | null;
  /** Absolute URL of the account's security page (sessions, two-factor, passkeys). */
  securityUrl: string;
}

const WHAT: Record<SecurityAlertKind, { subject: string; heading: string; body: string }> = {
  new_sign_in: {
    subject: "New sign-in to your Resume Builder account",
    heading: "A new device signed in",
    body: "your Resume Builder account was just signed in to from a device it has not used before.",
  },
  mfa_enabled: {
    subject: "Two-factor authentication is on",
    heading: "Two-factor authentication turned on",
    body: "two-factor authentication was turned on for your Resume Builder account: signing in now also asks for a code.",
  },
  mfa_disabled: {
    subject: "Two-factor authentication was turned off",
    heading: "Two-factor authentication turned off",
    body: "two-factor authentication was turned off for your Resume Builder account: signing in now needs only the password.",
  },
  passkey_added: {
    subject: "A passkey was added to your Resume Builder account",
    heading: "New passkey added",
    body: "a passkey was added to your Resume Builder account; it can now sign in without a password.",
  },
  email_changed: {
    subject: "The email address of your Resume Builder account was changed",
    heading: "Your sign-in address changed",
    body: "the email address of your Resume Builder account was changed at your request; it now signs in, and receives its emails, at the new address.",
  },
};

const DETAIL_LABEL: Record<SecurityAlertKind, string> = {
  new_sign_in: "Device",
  mfa_enabled: "Detail",
  mfa_disabled: "Detail",
  passkey_added: "Passkey",
  email_changed: "New address",
};

export function securityAlert(data: SecurityAlertData): EmailContent {
  const what = WHAT[data.kind];
  const facts = [{ label: "When", value: utcMinute(data.at) }];
  if (data.detail) facts.push({ label: DETAIL_LABEL[data.kind], value: data.detail });
  return {
    subject: what.subject,
    preheader: "If this was you, there is nothing to do.",
    heading: what.heading,
    paragraphs: [`Hi ${data.name ?? "there"}, ${what.body}`],
    facts,
    action: { label: "Review your security settings", url: data.securityUrl },
    closing: [
      "If this was you, there is nothing to do. If it was not, change your password now, sign out your other sessions and contact support.",
    ],
    footer: "You receive this security notice for every such change on your account.",
  };
}

/**
 * Goes to an address someone asked to move their account to. Nothing they typed is in it
 * (their name included): the address is not proven yet, as in the verify_email template.
 */
export interface ConfirmNewEmailData {
  /** Absolute URL of the confirmation page with the single-use token. */
  confirmUrl: string;
  /** Days until the link stops working. */
  expiresInDays: number;
}

export function confirmNewEmail(data: ConfirmNewEmailData): EmailContent {
  return {
    subject: "Confirm your new email address",
    preheader: "One click to move your Resume Builder account to this address.",
    heading: "Confirm your new email address",
    paragraphs: [
      "A Resume Builder account asked to use this address to sign in. Confirm it to make the change; until then the account keeps its old address.",
    ],
    action: { label: "Confirm this address", url: data.confirmUrl },
    closing: [
      `The link works once and expires in ${data.expiresInDays} days. If you did not ask for this, ignore this email: nothing changes.`,
    ],
    footer: "You receive this email because someone entered this address on Resume Builder.",
  };
}

/** A receipt for every payment (README "Profile and security emails"), once per invoice. */
export interface PaymentReceiptData {
  name: string | null;
  invoiceNumber: string;
  /** Formatted amount paid, e.g. "$14.99". */
  amount: string;
  /** The day it was paid (YYYY-MM-DD). */
  paidOn: string;
  /** Absolute URL of the billing page. */
  invoiceUrl: string;
  /** Absolute URL of the invoice's PDF (the owner's signed-in download). */
  pdfUrl: string;
  supportEmail: string;
}

export function paymentReceipt(data: PaymentReceiptData): EmailContent {
  return {
    subject: `Receipt for your payment of ${data.amount}`,
    preheader: `Invoice ${data.invoiceNumber} paid on ${data.paidOn}.`,
    heading: "Thank you for your payment",
    paragraphs: [
      `Hi ${data.name ?? "there"}, we received your payment of ${data.amount} for invoice ${data.invoiceNumber}. This email is your receipt.`,
    ],
    facts: [
      { label: "Invoice", value: data.invoiceNumber },
      { label: "Paid on", value: data.paidOn },
      { label: "Amount", value: data.amount },
      { label: "PDF", value: data.pdfUrl },
    ],
    action: { label: "View your billing", url: data.invoiceUrl },
    closing: [`Questions about this payment: ${data.supportEmail}`],
    footer: "You receive this receipt for every payment on your account.",
  };
}
