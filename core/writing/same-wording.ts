/**
 * Whether a suggestion says the same as what was sent: equal once Unicode forms, runs of
 * white space, a leading list marker and trailing full stops are set aside — the
 * differences the writing rules themselves tidy away without improving anything.
 */
export function sameWording(suggested: string, original: string): boolean {
  return normalise(suggested) === normalise(original);
}

function normalise(text: string): string {
  return text
    .normalize("NFC")
    .replace(/^[\s\-*•·–]+/, "")
    .replace(/\s+/g, " ")
    .replace(/[.\s]+$/, "")
    .trim();
}
