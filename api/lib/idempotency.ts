import type { Context } from "hono";
import { sha256Hex } from "../../core/security/crypto";
import type { Actor } from "../../server/actor";
import { AppError, conflict } from "../../server/errors";
import type { AppEnv } from "../app-env";
import { ok } from "./envelope";
import { actorOf } from "./request";

const HEADER = "Idempotency-Key";
const KEY_PATTERN = /^[\w.:-]{8,128}$/;
/** Stripe keeps idempotency keys for 24 hours; so do we. */
const TTL_SECONDS = 86_400;

interface Stored {
  requestHash: string;
  status: number;
  data: unknown;
}

export const missingIdempotencyKey = () =>
  new AppError(400, "validation_failed", `Send an ${HEADER} header with this request`, [
    { path: ["idempotency-key"], message: "8–128 letters, digits, _ . : -", location: "header" },
  ]);

/**
 * Money-moving calls (README "Billing") and an admin's manual strike carry an `Idempotency-Key`.
 * The first answer is kept in KV `CACHE` for 24 hours and replayed for a repeat (with
 * `Idempotent-Replayed: true`); the same key with a different request is a 409. The key is also handed to the provider
 * (`{user}:{action}:{key}`), so a repeat racing the first is deduplicated there too.
 */
export async function withIdempotency<T>(
  c: Context<AppEnv>,
  input: { userId: string; action: string; request: unknown },
  run: (providerKey: string) => Promise<{ status: 200 | 201 | 202; data: T }>,
): Promise<{ status: 200 | 201 | 202; data: T; key: string }> {
  const key = c.req.header(HEADER)?.trim();
  if (!key || !KEY_PATTERN.test(key)) throw missingIdempotencyKey();
  const providerKey = `${input.userId}:${input.action}:${key}`;
  const cacheKey = `idem:${await sha256Hex(providerKey)}`;
  const requestHash = await sha256Hex(JSON.stringify(input.request ?? null));
  const previous = await c.env.CACHE.get<Stored>(cacheKey, "json");
  if (previous) {
    if (previous.requestHash !== requestHash) {
      throw conflict(`This ${HEADER} was already used for a different request`);
    }
    c.header("Idempotent-Replayed", "true");
    return {
      status: previous.status as 200 | 201 | 202,
      data: previous.data as T,
      key: providerKey,
    };
  }
  const result = await run(providerKey);
  const stored: Stored = { requestHash, status: result.status, data: result.data };
  await c.env.CACHE.put(cacheKey, JSON.stringify(stored), { expirationTtl: TTL_SECONDS });
  return { ...result, key: providerKey };
}

/**
 * For posts that are safe without a key but should not repeat when one is sent (a support
 * message): with an `Idempotency-Key` the answer is kept and replayed as above; without one,
 * the request simply runs.
 */
export async function withOptionalIdempotency<T>(
  c: Context<AppEnv>,
  input: { userId: string; action: string; request: unknown },
  run: () => Promise<{ status: 200 | 201 | 202; data: T }>,
): Promise<{ status: 200 | 201 | 202; data: T }> {
  if (c.req.header(HEADER) === undefined) return run();
  return withIdempotency(c, input, run);
}

/**
 * A staff action accepted once per `Idempotency-Key` (README "Admin: payments"): keyed by the
 * acting staff member and the action's name, answered 202 with what `run` returned. `run` gets
 * the key to hand on to the billing provider.
 */
export async function acceptOnce<T>(
  c: Context<AppEnv>,
  action: string,
  request: unknown,
  run: (actor: Actor, providerKey: string) => Promise<T>,
) {
  const actor = actorOf(c);
  const result = await withIdempotency(c, { userId: actor.id, action, request }, async (key) => ({
    status: 202 as const,
    data: await run(actor, key),
  }));
  return ok(c, result.data, 202);
}
