import { describe, expect, it } from "vitest";
import { BULLET_MAX_LENGTH, improveBullet, improveSummary } from "../../core/writing/bullets";
import { sameWording } from "../../core/writing/same-wording";
import { skillsIn, suggest } from "../../core/writing/suggest";

describe("improveBullet", () => {
  it("turns a weak opening into an action verb and drops filler and first person", () => {
    expect(improveBullet("- I was responsible for managing a very large team of 12.").text).toBe(
      "Managed a large team of 12",
    );
    expect(improveBullet("worked on my company's billing system").text).toBe(
      "Built company's billing system",
    );
    expect(improveBullet("helped with   the migration").text).toBe("Supported the migration");
  });

  it("asks for what only the author knows instead of inventing it", () => {
    const advice = improveBullet("Improved the onboarding flow");
    expect(advice.text).toBe("Improved the onboarding flow");
    expect(advice.tips.join(" ")).toMatch(/number/);
    expect(advice.tips.join(" ")).toMatch(/result/);
    expect(improveBullet("Reduced churn by 12% by redesigning onboarding").tips).toEqual([]);
  });

  it("keeps bullets short, cutting at a word boundary", () => {
    const long = improveBullet(`Led ${"the long project ".repeat(30)}`).text;
    expect(long.length).toBeLessThanOrEqual(BULLET_MAX_LENGTH + 1);
    expect(long.endsWith("…")).toBe(true);
    expect(long).not.toMatch(/\s…$/);
  });

  it("tidies summaries", () => {
    const advice = improveSummary("  very   experienced engineer who really likes   systems ");
    expect(advice.text).toBe("Experienced engineer who likes systems");
    expect(advice.tips[0]).toMatch(/years/);
  });
});

describe("suggest", () => {
  const description =
    "We are hiring a Senior Software Engineer. You will build TypeScript services on Cloudflare, write SQL, and review TypeScript code. Experience with React and CI/CD is a plus.";

  it("finds the skills a job description asks for, most mentioned first, without false matches", () => {
    expect(skillsIn(description)[0]).toBe("TypeScript");
    expect(skillsIn(description)).toEqual(
      expect.arrayContaining(["TypeScript", "SQL", "React", "CI/CD", "Cloudflare"]),
    );
    expect(skillsIn("We use Go daily")).toContain("Go");
    expect(skillsIn("A good team player")).not.toContain("Go");
    expect(skillsIn("javascript")).not.toContain("Java");
  });

  it("suggests bullets with gaps for the person's own numbers", () => {
    const bullets = suggest("bullets", { role: "Backend engineer" });
    expect(bullets.length).toBeGreaterThanOrEqual(3);
    for (const bullet of bullets) expect(bullet).toMatch(/\[[^\]]+\]/);
    expect(bullets.join(" ")).not.toContain("{skill}");
  });

  it("writes summaries from the role and its skills, and still answers for unknown roles", () => {
    const [summary] = suggest("summary", {
      role: "Data analyst",
      jobDescription: "SQL and Tableau dashboards",
    });
    expect(summary).toMatch(/^Data analyst with \[N\] years of experience in SQL/);
    expect(suggest("skills", { role: "Astronaut" }).length).toBeGreaterThan(0);
    expect(suggest("bullets", { role: "Astronaut" }).length).toBeGreaterThan(0);
  });
});

describe("sameWording", () => {
  it("sets aside white space, list markers, Unicode forms and trailing full stops", () => {
    expect(sameWording("Managed the team", "  - Managed  the team.")).toBe(true);
    expect(sameWording("Café", "Cafe\u0301")).toBe(true);
  });

  it("sees any change of words or case", () => {
    expect(sameWording("Managed the team", "Managed a team")).toBe(false);
    expect(sameWording("Managed the team", "managed the team")).toBe(false);
  });
});
