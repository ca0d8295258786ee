import { NonRetryableError } from "cloudflare:workflows";
import type { z } from "zod";

/** Bad params can never succeed on retry, so they end the instance at once. */
export function parseParams<S extends z.ZodTypeAny>(schema: S, payload: unknown): z.infer<S> {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    throw new NonRetryableError(
      `Invalid workflow params: ${parsed.error.issues.map((i) => i.message).join("; ")}`,
    );
  }
  return parsed.data;
}
