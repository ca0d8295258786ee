import { FEATURE_FLAGS } from "~core/config/feature-flags";
import { editableEmail } from "~core/email/editable";

/** Names the admin page gives the fields and entries of each section. */

export const FIELD_LABELS: Record<string, string> = {
  resumes: "Resumes kept",
  exportsPerMonth: "Exports a month",
  aiCallsPerMonth: "Writing help a month",
  premiumTemplates: "Premium templates",
  sharePassword: "Password-protected links",
  versionsKept: "Versions kept per resume",
  removeBranding: "No branding on share pages",
  customDomain: "Custom domain",
  limit: "Requests",
  windowSeconds: "Window (seconds)",
  model: "Model",
  temperature: "Temperature (0–2)",
  subject: "Subject",
  heading: "Heading",
  paragraphs: "Body",
  closing: "Closing",
  enabled: "On",
  plans: "Plans (none ticked: all)",
  percent: "Rollout (% of users, 0–100)",
  name: "Name shown",
  priceCents: "Price shown (cents a month)",
  tagline: "Tagline",
  openCase: "Report weight to open a case",
  withhold: "Report weight to take offline",
  thresholds: "Strike thresholds",
};

const PLAN_LABELS: Record<string, string> = {
  free: "Free",
  standard: "Standard",
  premium: "Premium",
  enterprise: "Enterprise",
  writingHelp: "Writing help",
  reports: "Reports",
  strikes: "Strikes",
};

export const fieldLabel = (field: string) => FIELD_LABELS[field] ?? field;
export const entryLabel = (entry: string) =>
  PLAN_LABELS[entry] ??
  editableEmail(entry)?.label ??
  (FEATURE_FLAGS as Record<string, { description: string }>)[entry]?.description ??
  entry;
