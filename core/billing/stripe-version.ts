/**
 * The Stripe API version billing is written for (README "Stripe API version"): the SDK is
 * pinned to it and the webhook endpoint must be set to it. Moving it is a deliberate
 * upgrade, never a side effect of bumping the SDK.
 */
export const STRIPE_API_VERSION = "2026-10-28.endive";

/**
 * The versions whose events the consumer reads. During an upgrade it names the old version
 * as well (the parsers read both shapes, tested on fixtures of both) until the endpoint has
 * been moved and no event of the old version is left; an event of any other version is held
 * for an operator instead of being misread.
 */
export const READABLE_EVENT_VERSIONS: readonly string[] = [STRIPE_API_VERSION];
