import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { personWithResume } from "./export-support";
import { api, bearerFor, countRows } from "./helpers";

const resumePath = (userId: string, resumeId: string) =>
  `/api/admin/users/${userId}/resumes/${resumeId}`;

describe("GET /api/admin/users/{id}/resumes/{resumeId}", () => {
  it("answers the saved resume to staff who may read content, and audits each reading", async () => {
    const owner = await personWithResume({ basics: { name: "Ada Admin-Read", label: "Engineer" } });
    const staff = await bearerFor("support");
    const read = await api(resumePath(owner.userId, owner.resumeId), { headers: staff.headers });
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect(read.body.data).toMatchObject({
      id: owner.resumeId,
      title: "Platform engineer CV",
      version: 2,
      data: { basics: { name: "Ada Admin-Read", label: "Engineer" } },
    });
    expect(read.response.headers.get("Cache-Control")).toBe("private, no-store");
    expect(
      await countRows(
        "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'resume.viewed_by_staff' AND resource_id = ? AND actor_id = ?",
        owner.resumeId,
        `user:${staff.id}`,
      ),
    ).toBe(1);
  });

  it("leaves out a photo moderation has not let go live, as the public page does", async () => {
    const owner = await personWithResume({
      basics: { name: "Photo Owner", image: "https://images.example.test/me.jpg" },
    });
    const { headers } = await bearerFor("admin");
    const read = await api(resumePath(owner.userId, owner.resumeId), { headers });
    expect(read.status).toBe(200);
    expect(read.body.data.data.basics).toMatchObject({ name: "Photo Owner", image: "" });
    const stored = await env.DB.prepare("SELECT data_json FROM resumes WHERE id = ?")
      .bind(owner.resumeId)
      .first<{ data_json: string }>();
    expect(JSON.parse(stored?.data_json ?? "{}").basics.image).toBe(
      "https://images.example.test/me.jpg",
    );
  });

  it("is 404 for another account's resume and 400 for a malformed resume id", async () => {
    const owner = await personWithResume({ basics: { name: "Owner" } });
    const other = await personWithResume({ basics: { name: "Other" } });
    const { headers } = await bearerFor("moderator");
    const wrongOwner = await api(resumePath(other.userId, owner.resumeId), { headers });
    expect(wrongOwner.status).toBe(404);
    expect(wrongOwner.body.error.code).toBe("not_found");
    const malformed = await api(resumePath(owner.userId, "not-a-uuid"), { headers });
    expect(malformed.status).toBe(400);
  });

  it("needs content.read: a billing admin and a customer are refused", async () => {
    const owner = await personWithResume({ basics: { name: "Private" } });
    for (const role of ["billing_admin", "user"] as const) {
      const { headers } = await bearerFor(role);
      const refused = await api(resumePath(owner.userId, owner.resumeId), { headers });
      expect(refused.status, role).toBe(403);
    }
    const asOwner = await api(resumePath(owner.userId, owner.resumeId), { headers: owner.headers });
    expect(asOwner.status).toBe(403);
  });
});
