import type { EmailTestSend } from "../../core/contract/config-email";
import type { Actor } from "../actor";
import { findUserById } from "../auth/accounts";
import { sendEmail } from "../email";
import type { Env } from "../env";
import { conflict } from "../errors";
import { recordAudit } from "../ops/audit";
import { enforceLimit } from "../ops/rate-limits";
import { editableOrNotFound, wordsFor } from "./email-texts";

/**
 * A test send of an email template (README "Live configuration"): its example, in the words
 * being edited (or those in force), to the admin's own address through the one sender, so it
 * lands where every email does (the EMAIL binding, or the outbox locally). Limited per admin
 * (`REQUEST_LIMITS.configTestEmail`) and audited.
 */
export async function sendTestEmail(
  env: Env,
  actor: Actor,
  key: string,
  draft: unknown | null,
): Promise<EmailTestSend> {
  const entry = editableOrNotFound(key);
  const texts = await wordsFor(env, entry, draft);
  const userId = actor.id.startsWith("user:") ? actor.id.slice("user:".length) : null;
  const user = userId ? await findUserById(env, userId) : null;
  if (!user) throw conflict("Only a signed-in staff member has an address to send a test to");
  await enforceLimit(env, "configTestEmail", user.id, actor.at);
  const { email } = await sendEmail(env, {
    to: user.email,
    template: entry.template,
    data: entry.example,
    dedupeKey: `config-test:${key}:${crypto.randomUUID()}`,
    now: actor.at,
    texts,
  });
  await recordAudit(env, actor, {
    action: "config.email_test_sent",
    resourceType: "config",
    resourceId: "email_templates",
    details: { key, email_id: email.id, draft: draft !== null },
  });
  return { to: email.toAddress, subject: email.subject, email_id: email.id };
}
