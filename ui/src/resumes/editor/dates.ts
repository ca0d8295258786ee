// Relative import: tests/unit runs this in Node, outside the app's aliases.
import { partialDate } from "../../../../core/resume/schema";

/**
 * Entry dates in the editor (README "Editing resumes"). The document keeps JSON Resume's ISO
 * dates (2021, 2021-06, 2021-06-30) and says "present" by having no end date, so documents
 * from before the month picker, and from other tools, stay valid and mean the same.
 */

const MONTH_OR_DAY = /^(\d{4}-(?:0[1-9]|1[0-2]))(?:-\d{2})?$/;
const MONTH_FIRST = /^(0?[1-9]|1[0-2])[/.](\d{4})$/;
const YEAR_FIRST = /^(\d{4})[/.](0?[1-9]|1[0-2])$/;

const month = (year: string, value: string) => `${year}-${value.padStart(2, "0")}`;

/**
 * A stored date as `<input type="month">` shows it ("" when there is none), or null when a
 * month cannot show it (a year alone): that one is edited as text instead. An exact day
 * shows its month, the most a resume prints; it is only rewritten if the month is changed.
 */
export function monthInputValue(stored: unknown): string | null {
  if (stored === undefined || stored === null) return "";
  if (typeof stored !== "string") return null;
  const trimmed = stored.trim();
  if (trimmed === "") return "";
  return MONTH_OR_DAY.exec(trimmed)?.[1] ?? null;
}

/**
 * What a date typed (or picked) stores: no date for an empty field, the ISO form for the
 * ways people write a month ("06/2021", "2021/6"), and anything else as typed, so the
 * schema's message names the mistake instead of the text vanishing.
 */
export function parseDateText(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  if (partialDate.safeParse(trimmed).success) return trimmed;
  const monthFirst = MONTH_FIRST.exec(trimmed);
  if (monthFirst) return month(monthFirst[2] as string, monthFirst[1] as string);
  const yearFirst = YEAR_FIRST.exec(trimmed);
  if (yearFirst) return month(yearFirst[1] as string, yearFirst[2] as string);
  return trimmed;
}

/** An entry with no end date is ongoing: the templates print "– Present". */
export const isPresent = (end: unknown): boolean =>
  end === undefined || end === null || (typeof end === "string" && end.trim() === "");
