import { describe, expect, it } from "vitest";
import { signedInPerson } from "./auth-support";
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
      { plan: "premium", onboarding_step: "done", timezone: "Europe/Lisbon", locale: "pt-PT" },
      person.headers,
    );
    expect(step2.body.data.user.plan).toBe("premium");
    expect(step2.body.data.profile).toMatchObject({
      onboarding_step: "done",
      timezone: "Europe/Lisbon",
      locale: "pt-PT",
    });
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
      { role: "super_admin" },
      { headline: "x".repeat(121) },
    ]) {
      const { status, body: response } = await patch(body, person.headers);
      expect(status, JSON.stringify(body)).toBe(400);
      expect(response.error.code).toBe("validation_failed");
    }
    expect((await api("/api/profile")).status).toBe(401);
  });
});
