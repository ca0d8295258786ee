// The moderation gate of an export (README "Exports", "Content moderation"): the export starts a
// check of the version it prints (one case per resume and content, so exporting the same
// content again reuses the verdict) and reads the case until the automated layers decided.
// Anything taken down, or withheld while a moderator looks, fails the export with the reason.
import { ownerMessage, withheldWhileInReview } from "../../core/moderation/decision";
import type { ResumeData } from "../../core/resume/schema";
import type { Env } from "../env";
import { findCase } from "./cases";
import { startModerationCheck } from "./checks";
import { resumeSnapshot } from "./snapshots";

export type ExportVerdict =
  | { state: "pending" }
  | { state: "allowed" }
  | { state: "held"; message: string };

export async function startExportCheck(
  env: Env,
  input: { userId: string; email: string; resumeId: string; data: ResumeData },
  now: number,
): Promise<string> {
  const { snapshot, hash } = await resumeSnapshot(input.data, { email: input.email });
  const row = await startModerationCheck(
    env,
    {
      kind: "export",
      subjectId: input.resumeId,
      userId: input.userId,
      resumeId: input.resumeId,
      source: "publication",
      snapshot,
      hash,
      requestedBy: input.userId,
    },
    now,
  );
  return row.id;
}

export async function exportVerdict(env: Pick<Env, "DB">, caseId: string): Promise<ExportVerdict> {
  const row = await findCase(env, caseId);
  if (!row?.outcome) return { state: "pending" };
  const decision = {
    outcome: row.outcome,
    category: row.category,
    slaHours: null,
    kind: "export" as const,
  };
  switch (row.outcome) {
    case "allow":
    case "warn":
      return { state: "allowed" };
    case "review":
      return withheldWhileInReview(row)
        ? { state: "held", message: heldMessage(ownerMessage(decision)) }
        : { state: "allowed" };
    default:
      return { state: "held", message: heldMessage(ownerMessage(decision)) };
  }
}

/** The sentence a held-back export's job shows. */
export const heldMessage = (reason: string) =>
  `This resume was held back by content moderation: ${reason}`;
