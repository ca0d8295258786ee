/**
 * Case folding that keeps every offset: matching lowercased text with case-sensitive regexes
 * is much cheaper than the `i` flag with Unicode classes (V8 computes the case closure of
 * every `\p{L}` range per regex, close to a second for the classifier's lexicon on a cold
 * isolate), and evidence spans must still point into the original text.
 */
export function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  // A few characters lowercase to two code units (İ → i̇): those stay as they are.
  let out = "";
  for (const char of text) {
    const folded = char.toLowerCase();
    out += folded.length === char.length ? folded : char;
  }
  return out;
}
