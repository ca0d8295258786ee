import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { DEFAULT_TEMPLATE, TEMPLATES } from "../../core/templates";
import { postJson, signedInPerson } from "./auth-support";
import { api } from "./helpers";

type Headers = Record<string, string>;

async function personOnPlan(plan: "standard" | "premium" = "standard") {
  const person = await signedInPerson();
  await env.DB.prepare("UPDATE users SET plan = ? WHERE id = ?").bind(plan, person.userId).run();
  return person;
}

async function created(path: string, body: unknown, headers: Headers) {
  const response = await api(path, postJson(body, headers));
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.data as { id: string; data: { meta?: { style?: Record<string, unknown> } } };
}

/** What the database holds, not what the create response echoes. */
async function storedStyle(id: string) {
  const row = await env.DB.prepare("SELECT data_json, template FROM resumes WHERE id = ?")
    .bind(id)
    .first<{ data_json: string; template: string }>();
  const data = JSON.parse(row?.data_json ?? "{}") as { meta?: { style?: Record<string, unknown> } };
  return { template: row?.template, style: data.meta?.style ?? {} };
}

describe("template defaults at creation", () => {
  it("a new resume in each template is stored with that template's font and colour", async () => {
    // one resume per template: more than Standard's ten, so a plan without a resume limit
    const person = await personOnPlan("premium");
    // two templates sharing a colour would let a wrong pick pass: the colours must all differ
    expect(new Set(TEMPLATES.map((template) => template.defaults.accentColor)).size).toBe(
      TEMPLATES.length,
    );
    for (const template of TEMPLATES) {
      const { id } = await created(
        "/api/resumes",
        { title: template.name, template: template.id },
        person.headers,
      );
      const stored = await storedStyle(id);
      expect(stored.template, template.id).toBe(template.id);
      expect(stored.style, template.id).toMatchObject({
        template: template.id,
        ...template.defaults,
      });
    }
  });

  it("a resume created without a template is in the default one, with its look", async () => {
    const person = await personOnPlan();
    const { id } = await created("/api/resumes", { title: "Plain" }, person.headers);
    const classic = TEMPLATES.find((template) => template.id === DEFAULT_TEMPLATE);
    expect((await storedStyle(id)).style).toMatchObject({
      template: DEFAULT_TEMPLATE,
      ...classic?.defaults,
    });
  });

  it("an import takes its template's look only where the document has none of its own", async () => {
    const person = await personOnPlan();
    const elegant = TEMPLATES.find((template) => template.id === "elegant");
    const bare = await created(
      "/api/resumes/import",
      { basics: { name: "Ada" }, meta: { style: { template: "elegant" } } },
      person.headers,
    );
    expect((await storedStyle(bare.id)).style).toMatchObject({
      template: "elegant",
      ...elegant?.defaults,
    });
    const own = await created(
      "/api/resumes/import",
      { basics: { name: "Ada" }, meta: { style: { template: "elegant", font: "system" } } },
      person.headers,
    );
    expect((await storedStyle(own.id)).style).toMatchObject({
      template: "elegant",
      font: "system",
      accentColor: elegant?.defaults.accentColor,
    });
  });

  it("a copy keeps the look its original was given", async () => {
    const person = await personOnPlan();
    const original = await created(
      "/api/resumes",
      { title: "Mine", data: { meta: { style: { template: "modern", accentColor: "#123456" } } } },
      person.headers,
    );
    const copy = await created(`/api/resumes/${original.id}/clone`, {}, person.headers);
    expect((await storedStyle(copy.id)).style).toMatchObject({
      template: "modern",
      accentColor: "#123456",
      font: TEMPLATES.find((template) => template.id === "modern")?.defaults.font,
    });
  });
});
