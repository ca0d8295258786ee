import { moderatorDecisionRequestSchema } from "~core/contract/moderation";
import type { ModeratorVerdict } from "~core/moderation/model";

/**
 * The reason a moderator gives, checked with the API's own schema before it is sent: the
 * owner reads it and the audit log keeps it, so it cannot be empty.
 */
export function reasonProblem(verdict: ModeratorVerdict, reason: string): string | undefined {
  const parsed = moderatorDecisionRequestSchema.safeParse({ verdict, reason });
  if (parsed.success) return undefined;
  return parsed.error.issues.find((issue) => issue.path[0] === "reason")?.message;
}
