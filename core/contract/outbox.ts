import { z } from "zod";

/**
 * The wire shape of the local email outbox (`GET /api/dev/outbox`, local and test only),
 * and the states an email row goes through (the `email_outbox` columns use the same lists).
 */
/** `outbox` locally (stored only), `cloudflare` when handed to the EMAIL binding. */
export const EMAIL_TRANSPORTS = ["outbox", "cloudflare"] as const;
export type EmailTransport = (typeof EMAIL_TRANSPORTS)[number];

export const EMAIL_STATUSES = ["stored", "sent", "failed"] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

export const outboxEmailSchema = z
  .object({
    id: z.string(),
    to: z.string(),
    subject: z.string(),
    template: z.string(),
    text: z.string(),
    html: z.string(),
    status: z.enum(EMAIL_STATUSES),
    transport: z.enum(EMAIL_TRANSPORTS),
    error: z.string().nullable(),
    created_at: z.string(),
    sent_at: z.string().nullable(),
  })
  .meta({ id: "OutboxEmail" });
export type OutboxEmail = z.output<typeof outboxEmailSchema>;
