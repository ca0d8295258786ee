/** A card's expiry as printed on it: month 1–12 and the full year. */
export interface CardExpiry {
  month: number;
  year: number;
}

/**
 * Reads "MM/YY" (or "MM/YYYY") as typed on a card form: "12/30" is December 2030, and a
 * card is valid through the last day of its month, so the current month is not expired.
 * `now` is epoch ms; months and years are compared in UTC.
 */
export function parseCardExpiry(
  text: string,
  now: number,
): { ok: true; expiry: CardExpiry } | { ok: false; message: string } {
  const match = text.trim().match(/^(\d{1,2})\s*\/\s*(\d{2}|\d{4})$/);
  const month = Number(match?.[1]);
  if (!match?.[2] || month < 1 || month > 12) {
    return { ok: false, message: "Enter the expiry as MM/YY." };
  }
  const year = match[2].length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
  const today = new Date(now);
  const thisYear = today.getUTCFullYear();
  if (year < thisYear || (year === thisYear && month < today.getUTCMonth() + 1)) {
    return { ok: false, message: "This card has expired." };
  }
  return { ok: true, expiry: { month, year } };
}
