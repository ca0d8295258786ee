/**
 * What counts as a letter next to a whole word, for keyword rules and the classifier's
 * lexicon: the letters, marks and digits of the scripts in common use (Latin with its
 * extensions, Greek, Cyrillic, Armenian, Hebrew, Arabic, Indic, Thai, kana, CJK, Hangul),
 * so "Scunthorpe" has no word "cunt" in it and "café" ends where a reader sees it end.
 * Spelled as explicit ranges rather than `\p{L}\p{M}\p{N}`: V8 compiles a property class
 * anew for every regex (≈2 ms each, a second for a lexicon on a cold isolate), ranges in
 * microseconds.
 */
export const WORD_CHAR =
  "[0-9A-Za-z_\\u00aa\\u00b5\\u00ba\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u02af\\u0300-\\u036f\\u0370-\\u03ff\\u0400-\\u052f\\u0531-\\u058f\\u0590-\\u05ff\\u0600-\\u06ff\\u0900-\\u0dff\\u0e00-\\u0e7f\\u1e00-\\u1fff\\u3040-\\u30ff\\u4e00-\\u9fff\\uac00-\\ud7af]";

/** `source` (a regex source) only where it is not touching a letter on either side. */
export const wholeWordSource = (source: string) => `(?<!${WORD_CHAR})(?:${source})(?!${WORD_CHAR})`;
