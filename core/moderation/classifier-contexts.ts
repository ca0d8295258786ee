/**
 * The professions whose ordinary vocabulary reads darkly out of context (classifier.ts): a
 * document that speaks one of them has that profession's contextual terms dampened, so a
 * security engineer's "exploit", a surgeon's "trauma" or a historian's "genocide" are read
 * the way they are meant.
 */
import type { ModerationCategory } from "./model";

/** Professional vocabularies; each dampens the contextual terms of the categories listed. */
export interface ContextVocabulary {
  name: string;
  terms: string[];
  dampens: ModerationCategory[];
}

export const CONTEXTS: ContextVocabulary[] = [
  {
    name: "security",
    terms: [
      "penetration test(?:ing|er)?",
      "pentest(?:ing|er)?",
      "vulnerabilit(?:y|ies)",
      "exploits?",
      "exploitation",
      "cve",
      "red team",
      "blue team",
      "malware",
      "incident response",
      "threat (?:intel|intelligence|model(?:ing)?|hunting)",
      "soc",
      "siem",
      "ctf",
      "payloads?",
      "reverse engineering",
      "owasp",
      "security",
      "bug bounty",
      "infosec",
    ],
    dampens: ["violence", "malicious_link", "copyright"],
  },
  {
    name: "medical",
    terms: [
      "patients?",
      "clinical",
      "surgery",
      "surgical",
      "trauma",
      "emergency",
      "hospital",
      "nurse",
      "nursing",
      "icu",
      "physician",
      "medical",
      "forensic",
      "paramedic",
      "sexual health",
      "contraception",
      "reproductive health",
      "health educator",
      "oncology",
      "psychiatr(?:y|ic)",
    ],
    dampens: ["violence", "nsfw"],
  },
  {
    name: "law and service",
    terms: [
      "court",
      "litigation",
      "prosecut(?:or|ion)",
      "attorney",
      "criminal",
      "homicide",
      "police",
      "law enforcement",
      "military",
      "army",
      "infantry",
      "combat",
      "veteran",
      "defen[cs]e",
      "marines?",
      "firearms? instructor",
      "lawyers?",
      "legal",
      "obscenity",
      "regulation",
    ],
    dampens: ["violence", "hate", "nsfw"],
  },
  {
    name: "research and moderation",
    terms: [
      "trust (?:and|&) safety",
      "content moderation",
      "moderators?",
      "researcher",
      "extremism",
      "counter-?terrorism",
      "hate speech",
      "journalis[mt]",
      "historian",
      "policy analyst",
      "classifiers?",
    ],
    dampens: ["hate", "violence", "nsfw", "spam"],
  },
  {
    name: "rights protection",
    terms: [
      "brand protection",
      "anti-?counterfeit(?:ing)?",
      "intellectual property",
      "trademarks?",
      "copyright (?:law|counsel|enforcement)",
      "takedowns?",
      "dmca",
      "licensing",
      "rights management",
      "anti-piracy",
    ],
    dampens: ["copyright"],
  },
  {
    name: "games and film",
    terms: [
      "video games?",
      "gameplay",
      "game engines?",
      "unreal(?: engine)?",
      "unity",
      "level design",
      "game (?:design|designer|developer|studio)",
      "shooter",
      "fps",
      "film",
      "screenplay",
      "stunt",
    ],
    dampens: ["violence"],
  },
];
