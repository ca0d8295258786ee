/**
 * The built-in writing helper (README "Writing help"): deterministic rules that make a
 * resume bullet start with an action verb, drop filler and first-person words, and stay
 * short. It answers when Workers AI is not bound (local development, tests) and says so.
 */

/** Weak openings and the action verb that says the same thing. Longest phrases first. */
const WEAK_OPENINGS: ReadonlyArray<[RegExp, string]> = [
  [/^(i was |was )?responsible for (the )?(managing|management of)\b/i, "Managed"],
  [/^(i was |was )?responsible for (the )?(leading|leadership of)\b/i, "Led"],
  [/^(i was |was )?responsible for (the )?(developing|development of)\b/i, "Developed"],
  [/^(i was |was )?responsible for (the )?(creating|creation of)\b/i, "Created"],
  [/^(i was |was )?responsible for (the )?(maintaining|maintenance of)\b/i, "Maintained"],
  [/^(i was |was )?responsible for (the )?(designing|design of)\b/i, "Designed"],
  [/^(i was |was )?responsible for (the )?(improving|improvement of)\b/i, "Improved"],
  [/^(i was |was )?responsible for\b/i, "Owned"],
  [/^(i was |was )?in charge of\b/i, "Led"],
  [/^(i was |was )?tasked with\b/i, "Delivered"],
  [/^duties included\b/i, "Handled"],
  [/^(i )?(was )?involved in\b/i, "Contributed to"],
  [/^(i )?(was )?part of (a|the) team (that|which)\b/i, "Helped"],
  [/^(i )?helped( to| with)?\b/i, "Supported"],
  [/^(i )?worked on\b/i, "Built"],
  [/^(i )?worked with\b/i, "Partnered with"],
  [/^(i )?made\b/i, "Created"],
  [/^(i )?did\b/i, "Performed"],
  [/^(i )?used\b/i, "Applied"],
  [/^(i )?got\b/i, "Achieved"],
  [/^(i )?handled\b/i, "Managed"],
];

/** Words that add length, not meaning. */
const FILLER =
  /\b(very|really|successfully|effectively|basically|actually|various|several different|in order to)\s+/gi;

/** Verbs a bullet may already start with; anything else gets no new verb forced on it. */
const ACTION_VERBS = new Set(
  (
    "achieved accelerated architected automated built championed coached created cut decreased " +
    "defined delivered designed developed drove eliminated enabled established expanded " +
    "grew implemented improved increased introduced launched led managed mentored migrated " +
    "negotiated optimised optimized organised organized owned partnered pioneered planned " +
    "produced reduced redesigned refactored resolved restructured saved scaled shipped " +
    "simplified spearheaded streamlined supported taught tested trained transformed wrote"
  ).split(" "),
);

export const BULLET_MAX_LENGTH = 200;

export interface BulletAdvice {
  text: string;
  /** What the person could still do that rules cannot (add a number, name the result). */
  tips: string[];
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function trimToLength(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const boundary = Math.max(cut.lastIndexOf(", "), cut.lastIndexOf("; "), cut.lastIndexOf(" "));
  return `${cut.slice(0, boundary > max * 0.6 ? boundary : max).replace(/[,;:\s]+$/, "")}…`;
}

/** One bullet made stronger by rule, with tips for what only the author knows. */
export function improveBullet(input: string): BulletAdvice {
  let text = input
    .replace(/^[\s\-*•·–]+/, "")
    .replace(/\s+/g, " ")
    .trim();
  for (const [pattern, verb] of WEAK_OPENINGS) {
    if (pattern.test(text)) {
      text = text.replace(pattern, verb);
      break;
    }
  }
  text = text
    .replace(FILLER, "")
    .replace(/\b(I|we) (have |had )?/g, "")
    .replace(/\bmy\b/gi, "")
    .replace(/\s{2,}/g, " ")
    .replace(/[.\s]+$/, "")
    .trim();
  text = trimToLength(capitalise(text), BULLET_MAX_LENGTH);

  const tips: string[] = [];
  const firstWord = text.split(/\s/)[0]?.toLowerCase() ?? "";
  if (!ACTION_VERBS.has(firstWord) && !/ed$/.test(firstWord)) {
    tips.push("Start with a strong past-tense verb such as Led, Built, Reduced or Launched.");
  }
  if (!/\d/.test(text)) {
    tips.push("Add a number: how many, how much, how fast, or by what percentage.");
  }
  if (text.length > 150) tips.push("Keep it to one or two lines: cut what a recruiter can skip.");
  if (!/\b(by|resulting in|so that|to|saving|increasing|reducing|cutting)\b/i.test(text)) {
    tips.push("Name the result: what changed because of your work?");
  }
  return { text, tips };
}

export const SUMMARY_MAX_LENGTH = 600;

/** A summary tidied by the same rules: no filler, no doubled spaces, a sensible length. */
export function improveSummary(input: string): BulletAdvice {
  const text = trimToLength(
    input
      .replace(/\s+/g, " ")
      .replace(FILLER, "")
      .replace(/\bI am an?\b/gi, (match) => (match[0] === "I" ? "" : match))
      .replace(/\s{2,}/g, " ")
      .trim()
      .replace(/^./, (first) => first.toUpperCase()),
    SUMMARY_MAX_LENGTH,
  );
  const tips: string[] = [];
  if (!/\d/.test(text))
    tips.push("Say how many years of experience you have, or one result with a number.");
  if (text.length > 400) tips.push("Three or four lines are enough: recruiters skim.");
  return { text, tips };
}
