import { env } from "cloudflare:test";
import { expect, vi } from "vitest";
import { postJson, signedInPerson } from "./auth-support";
import { api, bearerFor } from "./helpers";

type Headers = Record<string, string>;

/** A signed-in person with a resume of `data` (a name is added) and its id. */
export async function personWithResume(data: Record<string, unknown>) {
  const person = await signedInPerson();
  const created = await api(
    "/api/resumes",
    postJson(
      { title: "Public resume", data: { basics: { name: "Grace Hopper" }, ...data } },
      person.headers,
    ),
  );
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { person, resumeId: created.body.data.id as string };
}

export async function shareResume(headers: Headers, resumeId: string) {
  const shared = await api(`/api/resumes/${resumeId}/share`, postJson({ enabled: true }, headers));
  expect(shared.status, JSON.stringify(shared.body)).toBe(200);
  return shared.body.data as { slug: string; publication: { state: string } };
}

/** Waits until the link's publication reaches `state` (the workflow decides in steps). */
export async function waitForPublication(headers: Headers, resumeId: string, state: string) {
  return vi.waitFor(
    async () => {
      const share = await api(`/api/resumes/${resumeId}/share`, { headers });
      const current = share.body.data.publication.state as string;
      if (current !== state) throw new Error(`publication is ${current}, not ${state}`);
      return share.body.data as { slug: string; publication: { state: string } };
    },
    { timeout: 15_000, interval: 100 },
  );
}

export interface CaseRow {
  id: string;
  status: string;
  outcome: string | null;
  category: string | null;
  source: string;
  workflow_instance_id: string;
}

/** The cases of a resume, oldest first. */
export async function casesOf(resumeId: string): Promise<CaseRow[]> {
  const { results } = await env.DB.prepare(
    "SELECT id, status, outcome, category, source, workflow_instance_id FROM moderation_cases WHERE resume_id = ? ORDER BY created_at",
  )
    .bind(resumeId)
    .all<CaseRow>();
  return results;
}

export async function waitForCase(resumeId: string, status: string): Promise<CaseRow> {
  return vi.waitFor(
    async () => {
      const found = (await casesOf(resumeId)).find((row) => row.status === status);
      if (!found) throw new Error(`no ${status} case for ${resumeId} yet`);
      return found;
    },
    { timeout: 15_000, interval: 100 },
  );
}

/** The templates mailed to an address, in order. */
export async function mailedTemplates(to: string): Promise<string[]> {
  const { results } = await env.DB.prepare(
    "SELECT template FROM email_outbox WHERE to_address = ? ORDER BY created_at",
  )
    .bind(to)
    .all<{ template: string }>();
  return results.map((row) => row.template).filter((t) => t !== "verify_email");
}

/** A moderator (role with content.moderate), signed in with MFA. */
export const moderator = () => bearerFor("moderator");

/** An admin rule that sends `keyword` to review (confidence 75, in the 60–90 band). */
export async function reviewKeyword(keyword: string, category = "spam", confidence = 75) {
  const admin = await bearerFor("super_admin");
  const id = `test.${keyword.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  const saved = await api(`/api/admin/moderation/rules/${id}`, {
    method: "PUT",
    headers: { ...admin.headers, "Content-Type": "application/json" },
    body: JSON.stringify({
      id,
      kind: "keyword",
      category,
      pattern: keyword,
      confidence,
      enabled: true,
      note: "test rule",
    }),
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  return id;
}
