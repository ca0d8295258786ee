import { z } from "@hono/zod-openapi";

/** Envelope schemas for the OpenAPI document; handlers build bodies with lib/envelope.ts. */
const successMeta = z.object({
  timestamp: z.string().datetime(),
  version: z.string(),
  request_id: z.string(),
});

export const errorEnvelopeSchema = z
  .object({
    success: z.literal(false),
    error: z.object({
      code: z.string().openapi({ example: "validation_failed" }),
      message: z.string(),
      details: z.unknown(),
    }),
    meta: z.object({ timestamp: z.string().datetime(), request_id: z.string() }),
  })
  .openapi("ErrorEnvelope");

export const paginationSchema = z
  .object({
    page: z.number().int(),
    per_page: z.number().int(),
    total: z.number().int(),
    total_pages: z.number().int(),
  })
  .openapi("Pagination");

export const envelopeOf = <T extends z.ZodTypeAny>(data: T) =>
  z.object({ success: z.literal(true), data, meta: successMeta });

export const listEnvelopeOf = <T extends z.ZodTypeAny>(item: T) =>
  z.object({
    success: z.literal(true),
    data: z.array(item),
    meta: successMeta,
    pagination: paginationSchema,
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
