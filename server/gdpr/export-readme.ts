import type { Gathered } from "./export-gather";

/** README.txt at the top of the zip: what each file holds and what this export counted. */
export function dataExportReadme(input: {
  resumeIds: string[];
  gathered: Gathered;
  generatedAt: number;
  skipped: string[];
}): string {
  const counts = Object.entries(input.gathered.rows).map(([list, n]) => `  ${list}: ${n}`);
  const lines = [
    "Your Resume Builder data",
    "========================",
    "",
    `Generated ${new Date(input.generatedAt).toISOString()}.`,
    "",
    "Files",
    "-----",
    "account.json        Your profile and settings, how you sign in (linked accounts, passkeys,",
    "                    two-factor), your custom domain, monthly usage, and the emails we sent you.",
    "resumes/{id}.json   One file per resume (also those in the bin): the current document, every",
    "                    saved version, and its share link with view and download counters.",
    "exports/index.json  Every export you made; exports/{id}/ holds the files still stored.",
    "photos/index.json   Your uploaded photos; photos/ holds the images.",
    "billing.json        Billing customer, subscriptions, payment methods (no card numbers: we",
    "                    never store them), invoices, credit notes, billing events and disputes.",
    "sign-ins.json       Sessions (device, address, browser), sign-in attempts with your address,",
    "                    and when support viewed your account with your consent.",
    "support.json        Your support tickets and every message in them.",
    "standing.json       Strikes, sanctions and appeals, content checks of your resumes, and the",
    "                    reports you filed.",
    "activity.json       Product events recorded for your account (sign-ups, exports, plan changes).",
    "",
    "Times are milliseconds since 1970-01-01 UTC; amounts are in the currency's smallest unit",
    "(cents). Passwords, two-factor secrets and sign-in tokens are never exported: only their",
    "hashes are stored, and those are not your data but our way of checking it.",
    "",
    `Resumes: ${input.resumeIds.length}`,
    "Rows per list:",
    ...counts,
  ];
  if (input.gathered.truncated.length > 0) {
    lines.push("", "Lists cut at 10,000 rows (ask support for the rest):");
    lines.push(...input.gathered.truncated.map((list) => `  ${list}`));
  }
  if (input.skipped.length > 0) {
    lines.push("", "Files left out because the zip reached 1 GiB (download them in the app):");
    lines.push(...input.skipped.map((name) => `  ${name}`));
  }
  return `${lines.join("\n")}\n`;
}
