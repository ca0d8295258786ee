import { z } from "@hono/zod-openapi";
import { errorEnvelopeSchema } from "../../core/contract/envelope";

export { envelopeOf, listEnvelopeOf, paginationSchema } from "../../core/contract/envelope";
/**
 * The envelope schemas live in the wire contract (`core/contract/envelope.ts`); re-exported
 * here with the HTTP-only helpers routes use to describe requests and responses.
 */
export { errorEnvelopeSchema };

/**
 * The `Idempotency-Key` header of a state-changing request (api/lib/idempotency.ts): optional
 * in the schema so its absence gets the envelope's own 400, not a validator's.
 */
export const idempotencyKeyHeader = z.object({
  "idempotency-key": z
    .string()
    .optional()
    .openapi({ description: "Required: 8–128 characters, the same for a retried request" }),
});

export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(20),
});

const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});

export const jsonResponse = json;

/** The error responses most routes can produce, for the OpenAPI document. */
export const errorResponses = {
  400: json(errorEnvelopeSchema, "Invalid input; zod issues in error.details"),
  401: json(errorEnvelopeSchema, "Missing or invalid credentials"),
  404: json(errorEnvelopeSchema, "Not found, or not yours"),
} as const;

export const bearerSecurity = [{ bearerAuth: [] }];

/** A JSON request body for createRoute; `required: false` for bodies a client may omit. */
export const jsonBody = <T extends z.ZodTypeAny>(schema: T, required = true) => ({
  body: { required, content: { "application/json": { schema } } },
});
