/**
 * The report rates (README "Analytics"). A rate with nothing to divide by is null, which the
 * admin app shows as "—": 0 % would claim that nothing churned out of subscribers that were
 * never there.
 */

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** Subscriptions that stopped paying in the range ÷ paying subscriptions at its start. */
export const churnRate = (churned: number, subscribersAtStart: number): number | null =>
  ratio(churned, subscribersAtStart);

/**
 * Of the dunning runs that started in the range and have ended, the share whose invoice was
 * paid: runs still open are not counted either way (server/analytics/recovery.ts).
 */
export const recoveryRate = (recovered: number, ended: number): number | null =>
  ratio(recovered, ended);
