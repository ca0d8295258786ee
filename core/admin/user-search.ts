/**
 * How the admin user search reads what was typed (README "Admin: users"). The words of a name
 * or email become an FTS5 query where each word is a prefix and all must match; the whole input
 * is also tried as an exact user id, email or payment customer id.
 */

/** More words than this add nothing a person would type, and cost index lookups. */
export const MAX_SEARCH_WORDS = 8;

/**
 * The words FTS5's `unicode61` tokenizer would index: runs of letters and digits, lower-cased.
 * Anything else (`@`, `.`, `+`, quotes, FTS5 operators) only separates words, so user input can
 * never change the query's syntax.
 */
export function searchWords(input: string): string[] {
  return input
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, MAX_SEARCH_WORDS);
}

/**
 * Words shorter than this match whole words only: a one- or two-letter prefix ("ma") matches a
 * large share of all accounts (every `mail.…` address), and merging those lists costs more than
 * it tells anyone.
 */
export const MIN_PREFIX_CHARS = 3;

/** `"ada"* "love"*`: all words required, each a prefix; null when nothing searchable was typed. */
export function ftsPrefixQuery(input: string): string | null {
  const words = searchWords(input);
  if (!words.length) return null;
  return words
    .map((word) => (word.length >= MIN_PREFIX_CHARS ? `"${word}"*` : `"${word}"`))
    .join(" ");
}

const DAY_MS = 86_400_000;

/** A `YYYY-MM-DD` filter bound as epoch ms: `from` at the day's start, `to` at the next day's. */
export function dayBounds(from: string | undefined, to: string | undefined) {
  return {
    from: from === undefined ? undefined : Date.parse(`${from}T00:00:00Z`),
    toExclusive: to === undefined ? undefined : Date.parse(`${to}T00:00:00Z`) + DAY_MS,
  };
}
