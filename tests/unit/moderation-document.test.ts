import { describe, expect, it } from "vitest";
import { resumeToModerationDocument, urlsInText } from "../../core/moderation/document";
import { bytesHash, contentHash } from "../../core/moderation/hash";
import type { ModerationDocument } from "../../core/moderation/model";
import type { ResumeData } from "../../core/resume/schema";

const resume: ResumeData = {
  basics: {
    name: "Jane Doe",
    label: "Engineer",
    email: "jane@example.com",
    phone: "+1 415 555 0100",
    url: "https://jane.example",
    summary: "I build things. See www.jane.example/blog and https://bit.ly/x.",
    location: { city: "Brighton", region: "Sussex" },
    profiles: [
      { network: "GitHub", username: "jane", url: "https://github.com/jane" },
      { network: "Old", username: "secret", url: "https://old.example", hidden: true },
    ],
  },
  work: [
    {
      name: "Acme",
      position: "Dev",
      startDate: "2020",
      highlights: ["Shipped A", "Shipped B"],
      url: "https://acme.example",
    },
    { name: "Hidden Co", position: "Intern", hidden: true, summary: "not published" },
  ],
  skills: [{ name: "TypeScript", keywords: ["Node", "Deno"] }],
  projects: [{ name: "Hidden section project", description: "not published" }],
  customSections: [
    {
      id: "custom-talks",
      title: "Talks",
      items: [
        { title: "Keynote", summary: "On moderation" },
        { title: "Draft", hidden: true },
      ],
    },
    { id: "custom-secret", title: "Secret", hidden: true, items: [{ title: "Never shown" }] },
  ],
  meta: { layout: { order: [], hidden: ["projects"] } },
};

describe("resumeToModerationDocument", () => {
  const doc = resumeToModerationDocument(resume, { email: "Account@Example.com" });
  const paths = doc.fields.map((field) => field.path);

  it("flattens every published field with its JSON path", () => {
    expect(paths).toEqual(
      expect.arrayContaining([
        "basics.name",
        "basics.summary",
        "basics.location.region",
        "basics.profiles[0].username",
        "work[0].position",
        "work[0].highlights[1]",
        "skills[0].keywords[1]",
        "customSections[0].title",
        "customSections[0].items[0].summary",
      ]),
    );
    expect(doc.fields.find((f) => f.path === "work[0].highlights[1]")?.text).toBe("Shipped B");
  });

  it("skips hidden entries, hidden sections and fields no template shows", () => {
    const all = doc.fields.map((f) => f.text).join(" ");
    for (const unpublished of [
      "Hidden Co",
      "not published",
      "Never shown",
      "Draft",
      "secret",
      "2020",
    ]) {
      expect(all).not.toContain(unpublished);
    }
    expect(paths.some((p) => p.startsWith("projects"))).toBe(false);
    expect(doc.links.some((l) => l.url === "https://old.example")).toBe(false);
  });

  it("collects links from url fields and from text", () => {
    expect(doc.links).toEqual(
      expect.arrayContaining([
        { path: "basics.url", url: "https://jane.example" },
        { path: "basics.profiles[0].url", url: "https://github.com/jane" },
        { path: "work[0].url", url: "https://acme.example" },
        { path: "basics.summary", url: "www.jane.example/blog" },
        { path: "basics.summary", url: "https://bit.ly/x" },
      ]),
    );
  });

  it("treats an outside https photo as a link, and an inline one as an image", () => {
    const withPhoto = (image: string) =>
      resumeToModerationDocument({ basics: { name: "A", image } }, { email: "a@b.example" }).links;
    expect(withPhoto("https://photos.example/me.jpg")).toEqual([
      { path: "basics.image", url: "https://photos.example/me.jpg" },
    ]);
    expect(withPhoto("data:image/png;base64,iVBORw0KGgo=")).toEqual([]);
  });

  it("records the owner's own contacts", () => {
    expect(doc.ownerContacts).toEqual({
      emails: ["account@example.com", "jane@example.com"],
      phones: ["+1 415 555 0100"],
    });
  });

  it("drops the summary when the basics section is hidden", () => {
    const hidden = resumeToModerationDocument(
      { ...resume, meta: { layout: { order: [], hidden: ["basics"] } } },
      { email: "a@b.example" },
    );
    expect(hidden.fields.some((f) => f.path === "basics.summary")).toBe(false);
    expect(hidden.fields.some((f) => f.path === "basics.name")).toBe(true);
  });
});

describe("urlsInText", () => {
  it("ends addresses at spaces, brackets and sentence punctuation", () => {
    expect(
      urlsInText("see (https://a.example/x). And www.b.example, [c](https://c.example/y)").map(
        (u) => u.url,
      ),
    ).toEqual(["https://a.example/x", "www.b.example", "https://c.example/y"]);
  });
});

describe("contentHash", () => {
  const base: ModerationDocument = {
    fields: [
      { path: "basics.name", text: "Jane Doe" },
      { path: "work[0].summary", text: "Built the billing system." },
    ],
    links: [{ path: "basics.url", url: "https://jane.example" }],
    ownerContacts: { emails: ["jane@example.com"], phones: [] },
  };

  it("is a SHA-256 hex digest, the same for the same published content", async () => {
    const hash = await contentHash(base);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const reordered: ModerationDocument = {
      fields: [
        { path: "work[0].summary", text: "  Built the\n billing   system. " },
        { path: "basics.name", text: "Ｊａｎｅ Doe" }, // full-width letters, NFKC-equal
      ],
      links: [...base.links],
      ownerContacts: { emails: ["other@example.com"], phones: ["1"] },
    };
    expect(await contentHash(reordered)).toBe(hash);
  });

  it("changes when anything published changes", async () => {
    const hash = await contentHash(base);
    const edited = {
      ...base,
      fields: [base.fields[0]!, { path: "work[0].summary", text: "Built the billing system!" }],
    };
    const moved = {
      ...base,
      fields: [base.fields[0]!, { path: "work[1].summary", text: "Built the billing system." }],
    };
    const relinked = { ...base, links: [{ path: "basics.url", url: "https://evil.example" }] };
    for (const other of [edited, moved, relinked]) expect(await contentHash(other)).not.toBe(hash);
  });

  it("hashes bytes with SHA-256", async () => {
    expect(await bytesHash(new TextEncoder().encode("abc"))).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });
});
