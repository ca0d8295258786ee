import { dateFormatters, presentWord } from "../resume/headings";
import { DEFAULT_STYLE, type ResumeStyle, styleSchema } from "../resume/schema";

const PARTIAL_DATE = /^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;

/**
 * A JSON Resume date as a reader of the document's language expects it: "2020", "Jun 2020",
 * "Juni 2020" (README "Layout, headings and language"). A resume shows months at most, so a
 * full date keeps its month. Anything else (free text from a custom section, or a document
 * that skipped validation) comes back trimmed and unchanged, for escaping.
 */
export function formatDate(value: unknown, lang = "en"): string {
  if (typeof value !== "string") return "";
  const trimmed = value.trim();
  const match = PARTIAL_DATE.exec(trimmed);
  if (!match) return trimmed;
  const [, year, month] = match;
  const { month: monthYear, year: yearOnly } = dateFormatters(lang);
  return month
    ? monthYear.format(Date.UTC(Number(year), Number(month) - 1, 1))
    : yearOnly.format(Date.UTC(Number(year), 0, 1));
}

/** "Jun 2020 – Present", "2018 – 2020", or one date when only one is known or both agree. */
export function dateRange(start: unknown, end: unknown, lang = "en"): string {
  const from = formatDate(start, lang);
  const to = formatDate(end, lang);
  if (from && !to) return `${from} – ${presentWord(lang)}`;
  if (!from) return to;
  return from === to ? from : `${from} – ${to}`;
}

/**
 * The style a template may put into CSS: every field re-checked against the schema, so a
 * value that skipped validation (an accent colour of `red;}</style>`) falls back to the
 * default instead of reaching the stylesheet.
 */
export function safeStyle(style: Partial<ResumeStyle> | undefined, base = DEFAULT_STYLE) {
  const out: ResumeStyle = { ...DEFAULT_STYLE, ...pick(base) };
  Object.assign(out, pick(style));
  return out;
}

function pick(style: Partial<ResumeStyle> | undefined): Partial<ResumeStyle> {
  const out: Partial<ResumeStyle> = {};
  if (!style || typeof style !== "object") return out;
  for (const [key, field] of Object.entries(styleSchema.shape)) {
    const value = (style as Record<string, unknown>)[key];
    if (value !== undefined && field.safeParse(value).success) Object.assign(out, { [key]: value });
  }
  return out;
}

/** `hex` mixed with white (`amount` 0..1 of the colour kept): tints for rules and panels. */
export function tint(hex: string, amount: number): string {
  const channels = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  return `#${channels
    .map((c) =>
      Math.round(255 - (255 - c) * amount)
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}

/** `hex` mixed with black, for text in the accent colour that must stay readable. */
export function shade(hex: string, amount: number): string {
  const channels = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  return `#${channels
    .map((c) =>
      Math.round(c * amount)
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}

/** Relative luminance (WCAG), to decide whether accent-coloured text needs darkening. */
export function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

/** The accent as a text colour with at least ~4.5:1 contrast on white. */
export function readableAccent(hex: string): string {
  let colour = hex;
  for (let step = 0; step < 10 && luminance(colour) > 0.18; step++) colour = shade(colour, 0.85);
  return colour;
}

/** Initials for the photo fallback: first letters of the first and last words. */
export function initials(name: unknown): string {
  if (typeof name !== "string") return "";
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0] ? Array.from(words[0])[0] : "";
  const last = words.length > 1 ? Array.from(words[words.length - 1] ?? "")[0] : "";
  return `${first ?? ""}${last ?? ""}`.toUpperCase();
}
