import { urlsInText } from "../../core/moderation/document";
import type { ModerationDocument } from "../../core/moderation/model";

/** A document from path → text (links found in the text, as resumeToModerationDocument does). */
export function docOf(
  fields: Record<string, string>,
  options: { links?: Record<string, string>; emails?: string[]; phones?: string[] } = {},
): ModerationDocument {
  const entries = Object.entries(fields);
  return {
    fields: entries.map(([path, text]) => ({ path, text })),
    links: [
      ...entries.flatMap(([path, text]) => urlsInText(text).map(({ url }) => ({ path, url }))),
      ...Object.entries(options.links ?? {}).map(([path, url]) => ({ path, url })),
    ],
    ownerContacts: { emails: options.emails ?? [], phones: options.phones ?? [] },
  };
}

export const rulesOf = (signals: { rule?: string }[]) => signals.map((signal) => signal.rule);
