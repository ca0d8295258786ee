import type { ResumeData } from "~core/resume/schema";

/**
 * Unsaved changes kept on this device while the server cannot take them (offline, a tab
 * closed mid-save). Cleared as soon as a save has them; offered back on the next visit.
 */
export interface LocalCopy {
  version: number;
  title: string;
  data: ResumeData;
  kept_at: string;
}

const key = (id: string) => `resume-builder:unsaved:${id}`;

export function keepLocalCopy(
  id: string,
  draft: { title: string; data: ResumeData },
  version: number,
): void {
  const copy: LocalCopy = { version, ...draft, kept_at: new Date().toISOString() };
  try {
    localStorage.setItem(key(id), JSON.stringify(copy));
  } catch {
    // storage full or blocked (private mode): the autosave still retries from memory
  }
}

export function forgetLocalCopy(id: string): void {
  try {
    localStorage.removeItem(key(id));
  } catch {
    // nothing kept
  }
}

export function readLocalCopy(id: string): LocalCopy | null {
  try {
    const raw = localStorage.getItem(key(id));
    if (!raw) return null;
    const copy = JSON.parse(raw) as Partial<LocalCopy>;
    if (typeof copy.version !== "number" || typeof copy.data !== "object" || !copy.data)
      return null;
    return {
      version: copy.version,
      title: typeof copy.title === "string" ? copy.title : "",
      data: copy.data,
      kept_at: String(copy.kept_at ?? ""),
    };
  } catch {
    return null;
  }
}
