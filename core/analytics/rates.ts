/**
 * The report rates (README "Analytics"). A rate with nothing to divide by is null, which the
 * admin app shows as "—": 0 % would claim that nothing churned out of subscribers that were
 * never there.
 */

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** Subscriptions that stopped paying in the range ÷ paying subscriptions at its start. */
export const churnRate = (churned: number, subscribersAtStart: number): number | null =>
  ratio(churned, subscribersAtStart);

/** Failed payments later recovered (paid during dunning) ÷ failed payments, in the range. */
export const recoveryRate = (recovered: number, failed: number): number | null =>
  ratio(recovered, failed);
