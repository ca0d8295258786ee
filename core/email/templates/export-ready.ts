import { type EmailContent, utcMinute } from "../layout";

export interface ExportReadyData {
  name: string;
  resumeTitle: string;
  /** "PDF", "Word (DOCX)", … */
  formatLabel: string;
  filename: string;
  /** Absolute signed download URL; works without signing in until `expiresAt`. */
  downloadUrl: string;
  /** ISO time the link stops working. */
  expiresAt: string;
  /** Absolute URL of the exports page, for downloads after the link expired. */
  exportsUrl: string;
}

/** Sent once per export job when its file is ready. */
export function exportReady(data: ExportReadyData): EmailContent {
  return {
    subject: `Your ${data.formatLabel} of "${data.resumeTitle}" is ready`,
    preheader: `Download ${data.filename} — the link works until ${utcMinute(data.expiresAt)}.`,
    heading: "Your export is ready",
    paragraphs: [
      `Hi ${data.name || "there"}, the ${data.formatLabel} of "${data.resumeTitle}" has finished.`,
      `The button below downloads ${data.filename} without signing in. It works until ${utcMinute(data.expiresAt)}; after that, download it again from your exports page.`,
    ],
    facts: [
      { label: "Resume", value: data.resumeTitle },
      { label: "Format", value: data.formatLabel },
      { label: "Link expires", value: utcMinute(data.expiresAt) },
    ],
    action: { label: `Download ${data.formatLabel}`, url: data.downloadUrl },
    closing: [`Your earlier exports: ${data.exportsUrl}`],
    footer:
      "You receive this email because you exported a resume from your Resume Builder account. Do not forward it: anyone with the link can download the file until it expires.",
  };
}
