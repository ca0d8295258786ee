import type { EmailContent } from "../layout";

/** The dunning emails (README "Billing"): one per stage, each sent once per invoice (dedupe keys). */
export interface DunningEmailData {
  /** Only for a confirmed address (greetingName): the name is whatever was typed at sign-up. */
  name: string | null;
  plan: string;
  /** Formatted amount, e.g. "$14.99". */
  amount: string;
  invoiceNumber: string;
  /** ISO time the grace period ends and the account moves to Free. */
  graceEndsAt: string;
  /** Absolute URL of the billing settings (update the card, pay the invoice). */
  billingUrl: string;
}

const utc = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;
const FOOTER = "You receive this email because it concerns the subscription of your account.";

const facts = (data: DunningEmailData) => [
  { label: "Invoice", value: data.invoiceNumber },
  { label: "Amount", value: data.amount },
  { label: "Plan", value: data.plan },
  { label: "Grace period ends", value: utc(data.graceEndsAt) },
];

export function paymentFailed(data: DunningEmailData): EmailContent {
  return {
    subject: "Your payment did not go through",
    preheader: `We could not charge ${data.amount} for your ${data.plan} plan.`,
    heading: "We could not take your payment",
    paragraphs: [
      `Hi ${data.name ?? "there"}, the payment of ${data.amount} for your ${data.plan} plan was declined.`,
      "We will try again automatically over the next day. You keep your plan while we do; updating your card now settles it straight away.",
    ],
    facts: facts(data),
    action: { label: "Update payment method", url: data.billingUrl },
    footer: FOOTER,
  };
}

export function paymentFinalNotice(data: DunningEmailData): EmailContent {
  return {
    subject: "Urgent: your subscription payment failed again",
    preheader: "Our last automatic retry failed. Update your card to keep your plan.",
    heading: "Our last retry failed",
    paragraphs: [
      `Hi ${data.name ?? "there"}, we tried to charge ${data.amount} again and it was declined, also with any other card on your account.`,
      `There are no more automatic retries. Unless the invoice is paid by ${utc(data.graceEndsAt)}, your account moves to the Free plan.`,
    ],
    facts: facts(data),
    action: { label: "Pay the invoice now", url: data.billingUrl },
    footer: FOOTER,
  };
}

export function graceEnding(data: DunningEmailData): EmailContent {
  return {
    subject: "Your plan ends in 24 hours",
    preheader: `Pay ${data.amount} to keep your ${data.plan} plan.`,
    heading: "24 hours left to keep your plan",
    paragraphs: [
      `Hi ${data.name ?? "there"}, your invoice of ${data.amount} is still unpaid. At ${utc(data.graceEndsAt)} your account moves to the Free plan and its limits apply.`,
      "Your resumes stay yours either way; paying the invoice keeps everything as it is.",
    ],
    facts: facts(data),
    action: { label: "Pay the invoice", url: data.billingUrl },
    footer: FOOTER,
  };
}

export function downgradedToFree(data: DunningEmailData): EmailContent {
  return {
    subject: "Your account is now on the Free plan",
    preheader: "The grace period for your unpaid invoice ended.",
    heading: "You are on the Free plan now",
    paragraphs: [
      `Hi ${data.name ?? "there"}, the invoice of ${data.amount} stayed unpaid through the grace period, so your ${data.plan} subscription has ended and your account uses the Free plan.`,
      "Nothing was deleted. Subscribe again at any time to get your plan's features back.",
    ],
    facts: facts(data),
    action: { label: "Choose a plan", url: data.billingUrl },
    footer: FOOTER,
  };
}
