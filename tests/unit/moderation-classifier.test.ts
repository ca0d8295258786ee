import { describe, expect, it } from "vitest";
import { BUILTIN_CLASSIFIER, classifyLocally } from "../../core/moderation/classifier";
import {
  LLAMA_GUARD_MODEL,
  parseLlamaGuard,
  readLlamaGuard,
} from "../../core/moderation/llama-guard";
import type { ModerationCategory } from "../../core/moderation/model";
import { docOf } from "./moderation-support";

const score = (text: string, category: ModerationCategory) =>
  classifyLocally(docOf({ "basics.summary": text })).find((s) => s.category === category)
    ?.confidence ?? 0;

describe("classifyLocally", () => {
  it("labels every signal as the built-in stand-in", () => {
    const signals = classifyLocally(
      docOf({ "basics.summary": "I will kill you all of you, I swear." }),
    );
    expect(signals.length).toBeGreaterThan(0);
    for (const signal of signals) {
      expect(signal).toMatchObject({ layer: "ai", model: BUILTIN_CLASSIFIER.id });
      expect(signal.detail).toContain(BUILTIN_CLASSIFIER.label);
    }
    expect(signals[0]?.evidence?.[0]).toMatchObject({ path: "basics.summary", start: 0 });
  });

  it("scores clear threats, hate, sexual content and spam pitches for review or above", () => {
    expect(
      score("I will kill you. I'm going to kill them all, I will murder you.", "violence"),
    ).toBeGreaterThan(90);
    expect(
      score("Immigrants are vermin and subhuman, go back to your country.", "hate"),
    ).toBeGreaterThan(90);
    expect(score("Horny? Watch my xxx porn and buy my nudes.", "nsfw")).toBeGreaterThan(90);
    expect(
      score("MAKE MONEY FAST! Free money, limited time offer, click here, buy now!", "spam"),
    ).toBeGreaterThan(90);
    expect(
      score("Download the full version free download, keygen included.", "copyright"),
    ).toBeGreaterThanOrEqual(60);
    expect(
      score("Your account has been suspended: verify your account now.", "malicious_link"),
    ).toBeGreaterThanOrEqual(60);
  });

  it("reads idioms and professions in context: allowed, below review", () => {
    const security = [
      "Security engineer: penetration testing, exploit development, red team operations.",
      "Wrote exploits for CVE-2023-1234; mapped the attack surface; built a kill switch.",
      "Attacks, payloads, malware reverse engineering, weapons-grade fuzzing, killed bugs.",
    ].join(" ");
    expect(score(security, "violence")).toBeLessThan(60);
    expect(
      score(
        "Executed the product plan; executed a migration; killer feature shipped; photo shoot lead.",
        "violence",
      ),
    ).toBeLessThan(30);
    expect(
      score(
        "Trauma surgeon: treated gunshot and stab wounds in the emergency department, 12 years hospital ICU.",
        "violence",
      ),
    ).toBeLessThan(60);
    expect(
      score(
        "Trust and safety analyst: reviewed porn, hate speech and extremism reports for content moderation.",
        "nsfw",
      ),
    ).toBeLessThan(60);
    expect(
      score(
        "Historian of the Holocaust and the Rwandan genocide; research on ethnic cleansing.",
        "hate",
      ),
    ).toBeLessThan(60);
    expect(
      score("Graduated summa cum laude from Sussex; grew up in Scunthorpe and Essex.", "nsfw"),
    ).toBe(0);
  });

  it("reads pairs: a group beside a dehumanising claim, unless the text opposes it", () => {
    expect(
      score("I will never work with immigrants, they are vermin ruining this country.", "hate"),
    ).toBeGreaterThanOrEqual(60);
    expect(
      score("Mentor for Women in Tech; fought the myth that women are inferior engineers.", "hate"),
    ).toBeLessThan(60);
    expect(
      score("Best part of the job: torturing the neighbours' cats for fun.", "violence"),
    ).toBeGreaterThanOrEqual(60);
    expect(
      score("Shelter volunteer: rescued cats and dogs from torture and neglect.", "violence"),
    ).toBeLessThan(60);
  });

  it("reads threats as a first person, an act of harm and a victim, curly apostrophes too", () => {
    expect(
      score(
        "Recruiters who ghost me: I’ll find you, and I will beat you until you can't walk.",
        "violence",
      ),
    ).toBeGreaterThanOrEqual(60);
    expect(
      score(
        "I will shoot you an email; I'll kill it in this role; I will help you beat your targets.",
        "violence",
      ),
    ).toBeLessThan(30);
    expect(
      score(
        "Gameplay programmer on Hitman 3, a first-person shooter in Unreal Engine.",
        "violence",
      ),
    ).toBeLessThan(60);
  });

  it("keeps professional and idiomatic uses of dark words below review", () => {
    const benign: [string, ModerationCategory][] = [
      ["Detective: cracked the case of a serial burglar; cracked a drugs ring.", "copyright"],
      [
        "Brand protection analyst: found counterfeit and replica Rolex watches online; filed takedowns.",
        "copyright",
      ],
      ["Burned DVDs of the school play for parents, with the school's permission.", "copyright"],
      ["Film distribution analyst: scheduled new cinema releases across 300 screens.", "copyright"],
      [
        "Relocation consultant: helped people from Brazil settle in Berlin; automated lazy loading.",
        "hate",
      ],
      ["Recruited women, immigrants and veterans; zero tolerance for lazy code reviews.", "hate"],
      [
        "Disability advocate: challenged the myth that disabled people are a burden on society.",
        "hate",
      ],
      ["Security consultant: I will find you the vulnerabilities before attackers do.", "violence"],
      ["I am going to put a bullet-proof testing strategy in place.", "violence"],
      [
        "Sexual health educator: taught consent and contraception before teenagers start having sex.",
        "nsfw",
      ],
      ["Automated congratulations emails; you have won awards for UX.", "spam"],
    ];
    for (const [text, category] of benign) expect(score(text, category), text).toBeLessThan(60);
  });

  it("reads offers and threats phrased without the obvious words", () => {
    const violating: [string, ModerationCategory][] = [
      ["My last supervisor will end up in a body bag if he gives me a bad reference.", "violence"],
      ["Going to put a bullet in my landlord's head next week.", "violence"],
      ["Disabled people are a burden on society and should not be allowed to work.", "hate"],
      ["I don't hire fat people or Asians; they are lazy and dishonest by nature.", "hate"],
      [
        "You have been selected to receive a free iPhone 16. Claim at the link before midnight!",
        "spam",
      ],
      [
        "I upload new cinema releases to my streaming site the day they come out, free to watch.",
        "copyright",
      ],
      ["Selling full seasons on DVD copies I burn myself.", "copyright"],
      ["Offering sensual tantric massage with full release for gentlemen.", "nsfw"],
    ];
    for (const [text, category] of violating)
      expect(score(text, category), text).toBeGreaterThanOrEqual(60);
  });

  it("never lets ordinary words alone reach review, however many", () => {
    const vocabulary = "attack shoot kill gun weapon bomb blood assault murder stab ".repeat(20);
    expect(score(vocabulary, "violence")).toBeLessThan(60);
    expect(
      score("Bitcoin crypto earn casino guaranteed work from home ".repeat(10), "spam"),
    ).toBeLessThan(60);
  });
});

describe("Llama Guard answers", () => {
  it("reads safe, and unsafe with hazard codes mapped to our categories", () => {
    expect(parseLlamaGuard("safe")).toEqual([]);
    const signals = parseLlamaGuard("unsafe\nS1,S10");
    expect(signals.map((s) => [s.category, s.confidence])).toEqual([
      ["violence", 95],
      ["hate", 95],
    ]);
    expect(signals[0]).toMatchObject({ layer: "ai", model: LLAMA_GUARD_MODEL });
  });

  it("gives loose mappings a review-level confidence and ignores codes we have no category for", () => {
    expect(parseLlamaGuard("unsafe\nS2").map((s) => [s.category, s.confidence])).toEqual([
      ["spam", 70],
    ]);
    expect(parseLlamaGuard(" unsafe \n S6, S13 ")).toEqual([]);
    expect(parseLlamaGuard("unsafe\nS4")[0]).toMatchObject({ category: "nsfw", confidence: 99 });
  });

  it("merges hazards of one category into one signal", () => {
    const signals = parseLlamaGuard("unsafe\nS9, S1");
    expect(signals).toHaveLength(1);
    expect(signals[0]?.detail).toContain("S9");
    expect(signals[0]?.detail).toContain("S1");
  });

  it("reads the object form and refuses what it cannot read", () => {
    expect(parseLlamaGuard({ safe: false, categories: ["S12"] })[0]).toMatchObject({
      category: "nsfw",
    });
    expect(readLlamaGuard({ safe: true })).toEqual({ verdict: "safe", codes: [] });
    expect(readLlamaGuard("I cannot help with that")).toEqual({ verdict: "unreadable", codes: [] });
    expect(readLlamaGuard(undefined).verdict).toBe("unreadable");
    expect(parseLlamaGuard("unsafe")).toEqual([]);
  });
});
