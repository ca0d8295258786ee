import Stripe from "stripe";
import { macOf, rawHmacKey } from "../../core/security/crypto";
import type { Env } from "../env";

/**
 * Webhook signatures are made and checked by the Stripe SDK itself in both modes, with Web
 * Crypto (workerd has no Node crypto for it), so the local provider's events pass exactly
 * the check Stripe's would.
 */
const cryptoProvider = Stripe.createSubtleCryptoProvider();

const LOCAL_SECRET_LABEL = "resume-builder local stripe webhook v1";

/**
 * The secret events are signed with. Locally it is derived from `MFA_ENCRYPTION_KEY` (which
 * `npm start` generates into `.dev.vars` and tests set per run), so nothing else has to be
 * configured and `bench/billing.mjs` can compute it the same way: `whsec_` + base64url of
 * HMAC-SHA256(key = MFA_ENCRYPTION_KEY as UTF-8, message = the label above).
 */
export async function webhookSecret(env: Env): Promise<string> {
  if (env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET) return env.STRIPE_WEBHOOK_SECRET;
  if (!env.MFA_ENCRYPTION_KEY) throw new Error("MFA_ENCRYPTION_KEY is needed for local billing");
  return `whsec_${await macOf(await rawHmacKey(env.MFA_ENCRYPTION_KEY), LOCAL_SECRET_LABEL)}`;
}

/** A `Stripe-Signature` header for `payload`, as Stripe would send it now. */
export async function signPayload(env: Env, payload: string): Promise<string> {
  return Stripe.webhooks.generateTestHeaderStringAsync({
    payload,
    secret: await webhookSecret(env),
    cryptoProvider,
  });
}

/** Stripe's own default: a signature older than this is a replay. */
const TOLERANCE_SECONDS = 300;
/** How far ahead of our clock a signing time may be (clock skew), no further. */
const FUTURE_SKEW_SECONDS = 300;

/**
 * The parsed event when the signature is right and its time is within 5 minutes of `now`,
 * either way; throws otherwise. The SDK only refuses old timestamps, so one signed for the
 * future (replayable for as long as it stays "recent") is refused here.
 */
export async function verifySignedPayload(
  env: Env,
  payload: string,
  signature: string,
  now: number,
): Promise<unknown> {
  const event = await Stripe.webhooks.constructEventAsync(
    payload,
    signature,
    await webhookSecret(env),
    TOLERANCE_SECONDS,
    cryptoProvider,
    now,
  );
  // The SDK has just checked the signature over this `t=`, so it is the signed time.
  const signedAt = Number(/(?:^|,)\s*t=(\d+)/.exec(signature)?.[1]);
  if (!(signedAt <= Math.floor(now / 1000) + FUTURE_SKEW_SECONDS)) {
    throw new Error("Timestamp is in the future");
  }
  return event;
}
