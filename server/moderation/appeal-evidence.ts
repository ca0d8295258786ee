// What auto-review weighs (core/moderation/appeal-review.ts, README "Appeals"), gathered from
// D1 and R2: the case's automated signals, the rules in force now, the owner's profile, and for a
// PII strike the contact details found, read back in clear from the snapshot of what was checked.
import { eq } from "drizzle-orm";
import type { AppealEvidence } from "../../core/moderation/appeal-review";
import type { ModerationSignal } from "../../core/moderation/model";
import { createDb } from "../../db/client";
import { oauthAccounts, profiles, users } from "../../db/schema";
import type { Env } from "../env";
import type { AppealSubject } from "./appeal-subjects";
import { decisionsOf, findCase } from "./cases";
import { effectiveRules } from "./rule-set";
import { documentOf, type ResumeSnapshot, readSnapshot } from "./snapshots";

type EvidenceEnv = Pick<Env, "DB" | "FILES">;

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const text = (value: unknown) => (typeof value === "string" ? value : "");

/** The case's resume snapshot, or null (a photo case, no case, or the snapshot erased). */
async function resumeSnapshotOf(env: EvidenceEnv, caseId: string | null) {
  const row = caseId ? await findCase(env, caseId) : null;
  if (!row?.snapshotKey) return null;
  const snapshot = await readSnapshot(env, row.snapshotKey).catch(() => null);
  return snapshot?.kind === "resume" ? snapshot : null;
}

/**
 * The contact details PII signals point at, in clear: each evidence span read back from the
 * snapshot. Null when any span cannot be read back, or is neither an email nor a phone number
 * (a card or ID number is never the owner's "own contact details").
 */
function contactsFound(signals: readonly ModerationSignal[], snapshot: ResumeSnapshot | null) {
  if (!snapshot) return null;
  const fields = new Map(documentOf(snapshot).fields.map((field) => [field.path, field.text]));
  const found = { emails: [] as string[], phones: [] as string[] };
  for (const signal of signals) {
    for (const evidence of signal.evidence ?? []) {
      const span = fields.get(evidence.path)?.slice(evidence.start, evidence.end).trim();
      if (!span) return null;
      if (EMAIL.test(span)) found.emails.push(span.toLowerCase());
      else if (/^[\d\s()+.-]{9,}$/.test(span)) found.phones.push(span);
      else return null;
    }
  }
  return found;
}

export async function appealEvidence(
  env: EvidenceEnv,
  subject: AppealSubject,
): Promise<AppealEvidence | null> {
  const strike = subject.strike;
  if (!strike) return null;
  const db = createDb(env.DB);
  const [decisions, rules, snapshot, account, profile, identities] = await Promise.all([
    subject.caseId ? decisionsOf(env, subject.caseId) : [],
    effectiveRules(env),
    resumeSnapshotOf(env, subject.caseId),
    db.select().from(users).where(eq(users.id, subject.userId)).limit(1),
    db.select().from(profiles).where(eq(profiles.userId, subject.userId)).limit(1),
    db
      .select({ email: oauthAccounts.email })
      .from(oauthAccounts)
      .where(eq(oauthAccounts.userId, subject.userId)),
  ]);
  const signals = decisions
    .filter((decision) => decision.layer !== "human")
    .flatMap((decision) => JSON.parse(decision.signalsJson) as ModerationSignal[]);
  const basics = snapshot?.data.basics;
  const pii = signals.filter((signal) => signal.category === "pii");
  return {
    source: strike.source,
    category: strike.category,
    signals,
    disabledRules: new Set(rules.filter((r) => !r.rule.enabled).map((r) => r.rule.id)),
    profileText: [profile[0]?.headline, text(basics?.label), text(basics?.summary)]
      .filter(Boolean)
      .join("\n"),
    foundContacts: strike.category === "pii" ? contactsFound(pii, snapshot) : null,
    ownContacts: {
      emails: [
        account[0]?.email,
        snapshot?.owner.email,
        text(basics?.email),
        ...identities.map((identity) => identity.email),
      ]
        .filter((email): email is string => Boolean(email))
        .map((email) => email.toLowerCase()),
      phones: [text(basics?.phone)].filter(Boolean),
    },
  };
}
