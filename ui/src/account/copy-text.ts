import { showToast } from "~kit/design-system/components/Toast";

/** Copies to the clipboard and says whether it worked (it needs a secure context). */
export async function copyText(text: string, done: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    showToast({ title: done, tone: "success" });
  } catch {
    showToast({
      title: "Copying did not work",
      description: "Select the text and copy it yourself.",
      tone: "error",
    });
  }
}
