import type { IconName } from "~kit/design-system/icons/Icon";

export interface Feature {
  icon: IconName;
  title: string;
  text: string;
}

/** What the product does today (README "How it works"); nothing it does not do yet. */
export const FEATURES: Feature[] = [
  {
    icon: "layout",
    title: "Twelve ATS-friendly templates",
    text: "Distinct, clean templates that applicant tracking systems read without trouble, in one or two columns. The preview shows the pages exactly as the PDF prints them.",
  },
  {
    icon: "file-text",
    title: "Editor with live preview",
    text: "Every JSON Resume section plus your own, reorder and hide items, undo and redo, and autosave that tells you when your work is safe.",
  },
  {
    icon: "sparkles",
    title: "AI writing help",
    text: "Sharpen a bullet point, get ideas for a role, or find the skills a job description asks for.",
  },
  {
    icon: "download",
    title: "Export and import",
    text: "Download PDF, DOCX, plain text or JSON Resume, and start from an existing JSON Resume file.",
  },
  {
    icon: "link",
    title: "Share links",
    text: "Publish a link with an optional password, hidden from search engines by default, with view and download counts.",
  },
  {
    icon: "history",
    title: "Version history",
    text: 'A version for every editing session, names for the ones that matter ("Sent to Acme"), pins that keep them, and a diff before you restore.',
  },
  {
    icon: "refresh",
    title: "Keeps working offline",
    text: "Lose the connection and keep editing: your changes wait in the browser and are saved when you are back online.",
  },
  {
    icon: "shield",
    title: "Your account stays yours",
    text: "Two-factor codes, passkeys, and a list of signed-in devices you can sign out of at any time.",
  },
];
