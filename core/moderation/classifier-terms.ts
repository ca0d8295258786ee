/**
 * The shape of the built-in classifier's lexicon entries, written compactly as tuples:
 * `[term, weight, flags, near?, unless?]`. Flags: `s` strong (an honest resume practically never has
 * it), `c` contextual (dampened inside a profession that uses it). `near` makes a pair: the
 * term counts only with `near` within a sentence's reach of it ("immigrants" … "vermin").
 * Terms and `near` are regex sources, matched whole-word, case-insensitively; a space matches
 * any short run of whitespace and an apostrophe matches a curly one. `unless` voids a pair
 * when it is in reach too: counter-speech ("fought the myth that women are inferior") and
 * rescue ("rescued cats from torture") use the same words as what they oppose.
 */
export type TermTuple = readonly [
  term: string,
  weight: number,
  flags?: "" | "s" | "c" | "sc",
  near?: string,
  unless?: string,
];

export interface LexiconTerm {
  term: string;
  weight: number;
  strong: boolean;
  contextual: boolean;
  near?: string;
  unless?: string;
}

export const terms = (tuples: readonly TermTuple[]): LexiconTerm[] =>
  tuples.map(([term, weight, flags = "", near, unless]) => ({
    term,
    weight,
    strong: flags.includes("s"),
    contextual: flags.includes("c"),
    ...(near ? { near } : {}),
    ...(unless ? { unless } : {}),
  }));
