import { EmailMessage } from "cloudflare:email";
import { and, count, desc, eq, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { buildMimeMessage } from "../core/email/mime";
import {
  type EmailData,
  type EmailTemplate,
  type EmailTexts,
  renderEmail,
} from "../core/email/render";
import { createDb } from "../db/client";
import { type EmailOutboxRow, emailOutbox, type UserRow } from "../db/schema";
import { emailTexts } from "./config/email-texts";
import type { Env } from "./env";
import { AppError } from "./errors";

type EmailEnv = Pick<Env, "DB" | "CACHE" | "EMAIL" | "EMAIL_FROM">;

export interface SendEmailInput<T extends EmailTemplate> {
  to: string;
  template: T;
  data: EmailData<T>;
  /** Stable per logical email (`backup-failed:{jobId}`): the same key never sends twice. */
  dedupeKey: string;
  /** When it is sent (epoch ms): the outbox row's createdAt, and sentAt once handed off. */
  now: number;
  /**
   * The words to send it in instead of live configuration's (a test send of an edited
   * template); absent: the overrides in force, else the code's words.
   */
  texts?: EmailTexts;
}

export interface SendEmailResult {
  email: EmailOutboxRow;
  /** True when an earlier call already handled this dedupeKey and this one sent nothing. */
  deduplicated: boolean;
}

const inputSchema = z.object({
  to: z.email().max(254),
  dedupeKey: z.string().min(1).max(200),
});

/**
 * The name to greet an account holder by in an email, or null. Only once the address is
 * confirmed: before that, whoever typed the name at sign-up may not own the address, and
 * their words would reach a stranger's inbox under our sender.
 */
export const greetingName = (user: Pick<UserRow, "name" | "emailVerifiedAt">): string | null =>
  user.emailVerifiedAt === null ? null : user.name;

/**
 * A deployment's public origin, for links in emails (which need absolute URLs). JWT_ISSUER
 * is documented as exactly that, so there is one place to set it per environment.
 */
export const publicUrl = (env: Pick<Env, "JWT_ISSUER">, path: string): string =>
  new URL(path, env.JWT_ISSUER).toString();

/**
 * The one way the product sends email. The outbox row is written first, keyed by
 * dedupeKey, so a retried workflow step finds it and sends nothing again. Then the
 * transport: the EMAIL binding when it is bound (staging, production), otherwise the row
 * itself is the delivery (local and tests read it through `/api/dev/outbox`).
 */
export async function sendEmail<T extends EmailTemplate>(
  env: EmailEnv,
  input: SendEmailInput<T>,
): Promise<SendEmailResult> {
  const parsed = inputSchema.safeParse({ to: input.to.trim(), dedupeKey: input.dedupeKey });
  if (!parsed.success) {
    throw new AppError(400, "validation_failed", "Invalid email request", parsed.error.issues);
  }
  const { to, dedupeKey } = parsed.data;
  // live configuration's words (README "Live configuration"): the next email after a change
  const texts = input.texts ?? (await emailTexts(env));
  const rendered = renderEmail(input.template, input.data, texts);
  const db = createDb(env.DB);
  const [inserted] = await db
    .insert(emailOutbox)
    .values({
      id: crypto.randomUUID(),
      dedupeKey,
      toAddress: to,
      subject: rendered.subject,
      textBody: rendered.text,
      htmlBody: rendered.html,
      template: input.template,
      transport: env.EMAIL ? "cloudflare" : "outbox",
      status: "stored",
      createdAt: input.now,
    })
    .onConflictDoNothing({ target: emailOutbox.dedupeKey })
    .returning();
  if (inserted) return { email: await deliver(env, inserted, input.now), deduplicated: false };

  const existing = await db.query.emailOutbox.findFirst({
    where: eq(emailOutbox.dedupeKey, dedupeKey),
  });
  if (!existing) throw new Error(`email ${dedupeKey} conflicted but cannot be read`);
  // A hand-off that threw is what the caller's retry is for: claim the row (so concurrent
  // retries send once) and try again. A row still `stored` is never resent: it is either
  // in flight or its sender crashed mid-send, and a duplicate is worse than a gap there.
  if (existing.status === "failed" && env.EMAIL) {
    const [claimed] = await db
      .update(emailOutbox)
      .set({ status: "stored", error: null })
      .where(and(eq(emailOutbox.id, existing.id), eq(emailOutbox.status, "failed")))
      .returning();
    if (claimed) return { email: await deliver(env, claimed, input.now), deduplicated: false };
  }
  return { email: existing, deduplicated: true };
}

/** Hands a stored row to the EMAIL binding; without one, storing it was the delivery. */
async function deliver(env: EmailEnv, row: EmailOutboxRow, now: number): Promise<EmailOutboxRow> {
  if (!env.EMAIL || row.transport !== "cloudflare") return row;
  const db = createDb(env.DB);
  try {
    const message = buildMimeMessage({
      from: env.EMAIL_FROM,
      to: row.toAddress,
      subject: row.subject,
      text: row.textBody,
      html: row.htmlBody,
      // the row id, so a retry of this row carries the same Message-ID and receivers
      // that saw the first attempt can drop the second
      messageIdLocal: row.id,
      headers: { "Auto-Submitted": "auto-generated" },
    });
    await env.EMAIL.send(new EmailMessage(message.from, message.to, message.raw));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await db
      .update(emailOutbox)
      .set({ status: "failed", error: reason.slice(0, 1000) })
      .where(eq(emailOutbox.id, row.id));
    throw error;
  }
  const [sent] = await db
    .update(emailOutbox)
    .set({ status: "sent", error: null, sentAt: now })
    .where(eq(emailOutbox.id, row.id))
    .returning();
  return sent ?? row;
}

export interface OutboxFilters {
  to?: string;
  page: number;
  perPage: number;
}

/** Newest first; `to` matches the recipient exactly, ignoring case. */
export async function listOutbox(env: Pick<Env, "DB">, filters: OutboxFilters) {
  const db = createDb(env.DB);
  const conditions: SQL[] = [];
  if (filters.to) {
    conditions.push(sql`lower(${emailOutbox.toAddress}) = ${filters.to.trim().toLowerCase()}`);
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(emailOutbox)
      .where(where)
      // rowid breaks ties between emails stored in the same millisecond: later insert first
      .orderBy(desc(emailOutbox.createdAt), desc(sql`rowid`))
      .limit(filters.perPage)
      .offset((filters.page - 1) * filters.perPage),
    db.select({ value: count() }).from(emailOutbox).where(where),
  ]);
  return { rows, total: total?.value ?? 0 };
}

export async function getOutboxEmail(env: Pick<Env, "DB">, id: string) {
  return createDb(env.DB).query.emailOutbox.findFirst({ where: eq(emailOutbox.id, id) });
}
