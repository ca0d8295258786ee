import type { EmailContent } from "../layout";

export interface WelcomeData {
  name: string;
  plan: string;
  /** Absolute URL of the dashboard. */
  dashboardUrl: string;
}

/** Sent once the address is confirmed and the account is ready. */
export function welcome(data: WelcomeData): EmailContent {
  return {
    subject: "Your Resume Builder account is ready",
    preheader: "Start your first resume in a couple of minutes.",
    heading: `You're all set, ${data.name}`,
    paragraphs: [
      "Your email address is confirmed and your account is ready.",
      "Pick a template, fill in your experience with a live preview, and export a PDF that looks exactly like what you see.",
    ],
    facts: [{ label: "Plan", value: data.plan }],
    action: { label: "Open my dashboard", url: data.dashboardUrl },
    footer: "You receive this email because you created a Resume Builder account.",
  };
}
