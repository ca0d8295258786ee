/**
 * The gate for admin-written regexes. A rule runs over every published field (up to 10 kB
 * each) on every check, so a pattern must stay linear-time: a catastrophic one would let one
 * resume stall the pipeline. Two checks, both conservative (a rejected safe pattern costs an
 * admin a rewrite; an accepted unsafe one costs an outage):
 * - safe-regex2 (fastify's maintained fork of substack's safe-regex): star height ≤ 1, at most
 *   25 repetitions. It only parses the classic syntax, so lookbehind and named back-references
 *   are refused too.
 * - our own scan for what star height misses: a repeated group with alternatives (`(a|aa)+`),
 *   any repeat of a group that itself repeats, back-references, and unbounded wildcards (`.*`,
 *   `[^x]+`), which make an unanchored search quadratic (write `.{0,40}` instead).
 */
import safeRegex from "safe-regex2";

/** The flags every admin regex runs with: global, case-insensitive, Unicode. */
export const RULE_REGEX_FLAGS = "giu";
const MAX_UNBOUNDED_REPEATS = 10;
/** A bounded repeat above this is treated like an unbounded one. */
const LARGE_REPEAT = 100;

interface GroupState {
  alternation: boolean;
  /** Something inside repeats; `unbounded` when that repeat has no (small) upper bound. */
  repeats: boolean;
  unbounded: boolean;
}
type Atom = { kind: "group"; group: GroupState } | { kind: "wildcard" } | { kind: "simple" } | null;

/** The quantifier at `i`, if any: its length and whether it is unbounded or large. */
function quantifierAt(
  pattern: string,
  i: number,
): { length: number; unbounded: boolean; optional: boolean } | null {
  const char = pattern[i];
  if (char === "*" || char === "+")
    return { length: pattern[i + 1] === "?" ? 2 : 1, unbounded: true, optional: false };
  if (char === "?")
    return { length: pattern[i + 1] === "?" ? 2 : 1, unbounded: false, optional: true };
  if (char !== "{") return null;
  const match = /^\{(\d{1,6})(,(\d{0,6}))?\}\??/.exec(pattern.slice(i, i + 20));
  if (!match) return null;
  const upper = match[2] === undefined ? Number(match[1]) : match[3] ? Number(match[3]) : Infinity;
  return { length: match[0].length, unbounded: upper > LARGE_REPEAT, optional: upper <= 1 };
}

/** The end index (exclusive) of the character class opening at `i`. */
function classEnd(pattern: string, i: number): number {
  let j = i + 1;
  if (pattern[j] === "^") j++;
  if (pattern[j] === "]") j++;
  while (j < pattern.length && pattern[j] !== "]") j += pattern[j] === "\\" ? 2 : 1;
  return j + 1;
}

/** Our structural scan; null when nothing in it can backtrack badly. */
function structuralProblem(pattern: string): string | null {
  const stack: GroupState[] = [{ alternation: false, repeats: false, unbounded: false }];
  let atom: Atom = null;
  let unbounded = 0;
  let i = 0;
  while (i < pattern.length) {
    const char = pattern[i] as string;
    const quantifier = quantifierAt(pattern, i);
    if (quantifier && atom) {
      const top = stack[stack.length - 1] as GroupState;
      // (a+)+ and (a{1,5})+ split the same text exponentially many ways; (a+)? and
      // (\w{1,9}\s){0,3} cannot (nothing repeats without a small bound on both levels).
      if (
        atom.kind === "group" &&
        atom.group.repeats &&
        (quantifier.unbounded || (atom.group.unbounded && !quantifier.optional))
      )
        return "A repeated group must not repeat inside: (a+)+ backtracks exponentially";
      if (atom.kind === "group" && atom.group.alternation && quantifier.unbounded)
        return "A group with alternatives must not repeat without bound: use {0,5}";
      if (atom.kind === "wildcard" && quantifier.unbounded)
        return "Unbounded wildcards (.* or [^x]+) are too slow on long text: use .{0,40}";
      if (quantifier.unbounded && ++unbounded > MAX_UNBOUNDED_REPEATS)
        return `At most ${MAX_UNBOUNDED_REPEATS} unbounded repeats (+, *) in one pattern`;
      top.repeats = true;
      top.unbounded ||= quantifier.unbounded;
      atom = null;
      i += quantifier.length;
      continue;
    }
    if (char === "\\") {
      const next = pattern[i + 1] ?? "";
      if (/[1-9]/.test(next) || next === "k") return "Back-references are not allowed";
      atom = { kind: "simple" };
      i += /[pPu]/.test(next) && pattern[i + 2] === "{" ? pattern.indexOf("}", i) + 1 || i + 2 : 2;
      continue;
    }
    if (char === "[") {
      atom = pattern[i + 1] === "^" ? { kind: "wildcard" } : { kind: "simple" };
      i = classEnd(pattern, i);
      continue;
    }
    if (char === "(") {
      stack.push({ alternation: false, repeats: false, unbounded: false });
      atom = null;
      const lookaround = /^\(\?(?:[:=!]|<[=!]|<[A-Za-z]\w*>)/.exec(pattern.slice(i, i + 40));
      i += lookaround ? lookaround[0].length : 1;
      continue;
    }
    if (char === ")") {
      const group = stack.length > 1 ? (stack.pop() as GroupState) : null;
      if (!group) return "Unbalanced parenthesis";
      // A group that repeats inside makes its enclosing group repeat inside as well.
      const parent = stack[stack.length - 1] as GroupState;
      parent.repeats ||= group.repeats;
      parent.unbounded ||= group.unbounded;
      atom = { kind: "group", group };
      i++;
      continue;
    }
    if (char === "|") (stack[stack.length - 1] as GroupState).alternation = true;
    atom =
      char === "."
        ? { kind: "wildcard" }
        : char === "|" || char === "^" || char === "$"
          ? null
          : { kind: "simple" };
    i++;
  }
  return null;
}

/** Why an admin regex cannot be used, or null when it is valid and linear-time-safe. */
export function regexProblem(pattern: string): string | null {
  let compiled: RegExp;
  try {
    compiled = new RegExp(pattern, RULE_REGEX_FLAGS);
  } catch (error) {
    return `Not a valid regular expression: ${(error as Error).message}`;
  }
  if (compiled.test("")) return "The pattern matches empty text, so it would match everything";
  const structural = structuralProblem(pattern);
  if (structural) return structural;
  if (!safeRegex(pattern)) {
    return "The pattern could backtrack catastrophically (nested repeats, too many repeats, or lookbehind)";
  }
  return null;
}
