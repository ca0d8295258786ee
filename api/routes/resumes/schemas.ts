import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Resume, ResumeSummary as ResumeSummaryBody } from "../../../core/contract/resumes";
import { findUserById } from "../../../server/auth/accounts";
import { planTable } from "../../../server/config/plan-table";
import { AppError, notFound } from "../../../server/errors";
import type { ResumeSummary, ResumeView } from "../../../server/resumes/resumes";
import type { AppEnv } from "../../app-env";
import { userPrincipal } from "../../middleware/principal";

export const resumeIdParam = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: "id", in: "path" } }),
});

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** `readOnly`: from readOnlyResumeIds; a resume just written is never read-only. */
export const toSummaryBody = (resume: ResumeSummary, readOnly = false): ResumeSummaryBody => ({
  id: resume.id,
  title: resume.title,
  template: resume.template,
  version: resume.version,
  created_at: iso(resume.createdAt)!,
  updated_at: iso(resume.updatedAt)!,
  deleted_at: iso(resume.deletedAt),
  read_only: readOnly,
});

export const toResumeBody = (resume: ResumeView, readOnly = false): Resume => ({
  ...toSummaryBody(resume, readOnly),
  data: resume.data,
});

/** The version is the resume's ETag; clients send it back in If-Match to write. */
export const etagOf = (version: number) => `"${version}"`;

/** Accepts `"3"`, `W/"3"` or a bare 3; anything else is not a version of ours. */
export function versionFromIfMatch(header: string | undefined): number {
  if (header === undefined) {
    throw new AppError(
      428,
      "precondition_required",
      "Send the version you edited in If-Match (the ETag of GET /api/resumes/{id})",
    );
  }
  const match = header.trim().match(/^(?:W\/)?"?(\d{1,9})"?$/);
  if (!match) {
    throw new AppError(400, "validation_failed", "If-Match must be a resume version", [
      { path: ["if-match"], message: 'Expected an ETag like "3"', location: "header" },
    ]);
  }
  return Number(match[1]);
}

/** The signed-in person with their plan and the plan table in force (live configuration). */
export async function ownerOf(c: Context<AppEnv>) {
  const principal = userPrincipal(c.get("principal"));
  const [user, plans] = await Promise.all([
    principal.account ?? findUserById(c.env, principal.userId),
    planTable(c.env),
  ]);
  if (!user) throw notFound("Account");
  return { id: user.id, plan: user.plan, plans, name: user.name, email: user.email };
}
