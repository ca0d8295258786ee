import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { postJson, signedInPerson } from "./auth-support";
import { api } from "./helpers";

const patch = (body: unknown, headers: Record<string, string>) =>
  api("/api/profile", {
    method: "PATCH",
    headers: { ...headers, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });

describe("profile", () => {
  it("starts at the profile step and walks through onboarding", async () => {
    const person = await signedInPerson();
    const start = await api("/api/profile", { headers: person.headers });
    expect(start.status).toBe(200);
    expect(start.body.data.profile).toMatchObject({
      onboarding_step: "profile",
      locale: "en",
      timezone: "UTC",
    });

    const step1 = await patch(
      {
        headline: "Staff engineer",
        location: "Lisbon",
        website: "https://ada.example",
        onboarding_step: "plan",
      },
      person.headers,
    );
    expect(step1.body.data.profile).toMatchObject({
      headline: "Staff engineer",
      location: "Lisbon",
      onboarding_step: "plan",
    });
    const step2 = await patch(
      { plan_intent: "premium", timezone: "Europe/Lisbon", locale: "pt-PT" },
      person.headers,
    );
    // a checkout intent, not the plan: that changes only through billing
    expect(step2.body.data.user.plan).toBe("free");
    expect(step2.body.data.profile).toMatchObject({
      plan_intent: "premium",
      onboarding_step: "plan",
      timezone: "Europe/Lisbon",
      locale: "pt-PT",
    });
    const step3 = await patch({ plan_intent: null, onboarding_step: "done" }, person.headers);
    expect(step3.body.data.profile).toMatchObject({ plan_intent: null, onboarding_step: "done" });
    const cleared = await patch({ headline: "" }, person.headers);
    expect(cleared.body.data.profile.headline).toBeNull();
  });

  it("rejects bad values and unknown fields with 400, and anonymous callers with 401", async () => {
    const person = await signedInPerson();
    for (const body of [
      { website: "javascript:alert(1)" },
      { timezone: "Mars/Olympus" },
      { locale: "english please" },
      { plan: "platinum" },
      { plan_intent: "free" },
      { role: "super_admin" },
      { status: "active" },
      { headline: "x".repeat(121) },
    ]) {
      const { status, body: response } = await patch(body, person.headers);
      expect(status, JSON.stringify(body)).toBe(400);
      expect(response.error.code).toBe("validation_failed");
    }
    expect((await api("/api/profile")).status).toBe(401);
  });

  it("never changes the plan: {plan} is refused (400 with the zod issue), limits stay Free's", async () => {
    const person = await signedInPerson();
    for (const plan of ["enterprise", "premium", "standard"]) {
      const { status, body } = await patch({ plan, onboarding_step: "done" }, person.headers);
      expect(status, plan).toBe(400);
      expect(body.error.code).toBe("validation_failed");
      expect(body.error.details).toEqual([
        expect.objectContaining({ code: "unrecognized_keys", keys: ["plan"] }),
      ]);
    }
    const stored = await env.DB.prepare("SELECT plan, plan_intent FROM users WHERE id = ?")
      .bind(person.userId)
      .first<{ plan: string; plan_intent: string | null }>();
    expect(stored).toEqual({ plan: "free", plan_intent: null });
    const profile = await api("/api/profile", { headers: person.headers });
    expect(profile.body.data.profile.onboarding_step).toBe("profile");
    // Free's two resumes, not Enterprise's unlimited
    for (const title of ["One", "Two"]) {
      expect((await api("/api/resumes", postJson({ title }, person.headers))).status).toBe(201);
    }
    const third = await api("/api/resumes", postJson({ title: "Three" }, person.headers));
    expect(third.status).toBe(403);
    expect(third.body.error).toMatchObject({ code: "plan_limit", details: { limit: 2 } });
  });
});
