import { type EmailContent, utcMinute } from "../layout";

export interface DataExportReadyData {
  name: string | null;
  /** Absolute signed download URL; works without signing in until `expiresAt`. */
  downloadUrl: string;
  /** ISO time the link and the zip stop existing (7 days after the export). */
  expiresAt: string;
  /** Absolute URL of the account page where a new export can be asked for. */
  accountUrl: string;
}

/** Sent once per data export when its zip is ready (README "Your data"). */
export function dataExportReady(data: DataExportReadyData): EmailContent {
  return {
    subject: "Your data export is ready",
    preheader: `Download your data — the link works until ${utcMinute(data.expiresAt)}.`,
    heading: "Your data export is ready",
    paragraphs: [
      `Hi ${data.name || "there"}, the copy of your Resume Builder data you asked for is ready: your profile, resumes with every version, exports, photos, billing, sign-in history and support tickets, in one zip.`,
      `The button below downloads it without signing in. It works until ${utcMinute(data.expiresAt)}; after that the zip is deleted and you can export your data again from your account.`,
    ],
    facts: [{ label: "Link expires", value: utcMinute(data.expiresAt) }],
    action: { label: "Download your data", url: data.downloadUrl },
    closing: [`Your account: ${data.accountUrl}`],
    footer:
      "You receive this email because you asked to export your Resume Builder data. Do not forward it: anyone with the link can download your data until it expires. If you did not ask for this, change your password.",
  };
}
