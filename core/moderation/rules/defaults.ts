/**
 * The rule set a fresh installation starts with (README "Content moderation"): admins edit,
 * disable or extend it on the rules page. It covers what the built-in detectors do not
 * (hate, violence, adult content, spam offers, piracy), phrased narrowly: whole words and
 * phrases that an honest resume does not contain, so "Sussex", "exploit development" or
 * "executed the migration plan" never match. The hate list is a deliberately small SEED list
 * of unambiguous slurs, for admins to extend for their audience, not a complete lexicon.
 */
import type { ModerationRule } from "./schema";

type Seed = Omit<ModerationRule, "enabled" | "note"> & { note?: string };

const SEEDS: Seed[] = [
  // ---- hate: seed list of unambiguous slurs and slogans ----
  { id: "hate.slur-seed-1", kind: "keyword", category: "hate", pattern: "nigger", confidence: 95 },
  { id: "hate.slur-seed-2", kind: "keyword", category: "hate", pattern: "kike", confidence: 92 },
  { id: "hate.slur-seed-3", kind: "keyword", category: "hate", pattern: "wetback", confidence: 92 },
  { id: "hate.slur-seed-4", kind: "keyword", category: "hate", pattern: "raghead", confidence: 92 },
  {
    id: "hate.slur-seed-5",
    kind: "keyword",
    category: "hate",
    pattern: "towelhead",
    confidence: 92,
  },
  { id: "hate.slur-seed-6", kind: "keyword", category: "hate", pattern: "faggots", confidence: 92 },
  {
    id: "hate.slogan-heil",
    kind: "regex",
    category: "hate",
    pattern: "\\b(?:sieg|heil)\\s+(?:heil|hitler)\\b",
    confidence: 93,
  },
  {
    id: "hate.slogan-white-power",
    kind: "keyword",
    category: "hate",
    pattern: "white power",
    confidence: 85,
  },
  {
    id: "hate.dehumanising",
    kind: "regex",
    category: "hate",
    pattern:
      "\\b(?:jews|muslims|christians|blacks|whites|immigrants|refugees|gays|mexicans|arabs|women)\\s+(?:are|were)\\s+(?:all\\s)?(?:vermin|subhuman|parasites|animals|cockroaches|a\\s+disease)\\b",
    confidence: 93,
  },
  {
    id: "hate.extermination",
    kind: "regex",
    category: "hate",
    pattern:
      "\\b(?:gas|exterminate|kill\\s+all)\\s+(?:the\\s)?(?:jews|muslims|blacks|gays|immigrants|refugees)\\b",
    confidence: 97,
  },
  // ---- violence: threats, not vocabulary ----
  {
    id: "violence.threat-first-person",
    kind: "regex",
    category: "violence",
    pattern:
      "\\b(?:i\\swill|i['’]ll|i\\sam\\sgoing\\sto|i['’]m\\sgoing\\sto|i['’]m\\sgonna|i\\sam\\sgonna|i\\sgonna|we\\swill)\\s+(?:kill|murder|stab|behead|slaughter)\\s+(?:you|him|her|them|everyone|everybody|all\\sof\\syou)\\b",
    confidence: 94,
  },
  {
    id: "violence.bomb-threat",
    kind: "regex",
    category: "violence",
    pattern:
      "\\b(?:bomb|shoot\\s+up|blow\\s+up)\\s+(?:the|this|your|a)\\s+(?:school|office|church|mosque|synagogue|building|airport|mall)\\b",
    confidence: 92,
  },
  {
    id: "violence.death-to",
    kind: "regex",
    category: "violence",
    pattern:
      "\\bdeath\\s+to\\s+(?:all\\s)?(?:jews|muslims|christians|americans|infidels|gays|cops)\\b",
    confidence: 92,
  },
  // ---- nsfw: offers and explicit phrases ----
  {
    id: "nsfw.explicit-porn",
    kind: "regex",
    category: "nsfw",
    pattern: "\\b(?:hardcore|xxx|free)\\s+porn(?:o|ography)?\\b",
    confidence: 92,
  },
  {
    id: "nsfw.nudes",
    kind: "regex",
    category: "nsfw",
    pattern: "\\b(?:send|selling|buy|my)\\s+(?:hot\\s)?nudes\\b",
    confidence: 92,
  },
  {
    id: "nsfw.sex-cam",
    kind: "regex",
    category: "nsfw",
    pattern: "\\b(?:sex|nude|adult)\\s*cams?\\b|\\bcamgirls?\\b",
    confidence: 88,
  },
  {
    id: "nsfw.escort",
    kind: "regex",
    category: "nsfw",
    pattern: "\\b(?:escort|erotic\\s+massage)\\s+services?\\b",
    confidence: 80,
  },
  { id: "nsfw.porn-word", kind: "keyword", category: "nsfw", pattern: "pornhub", confidence: 75 },
  // ---- spam: offers no resume makes ----
  {
    id: "spam.pharma",
    kind: "regex",
    category: "spam",
    pattern: "\\b(?:buy|cheap|order|discount)\\s+(?:viagra|cialis|tramadol|xanax|oxycodone)\\b",
    confidence: 93,
  },
  {
    id: "spam.casino",
    kind: "regex",
    category: "spam",
    pattern:
      "\\b(?:casino\\s+bonus(?:es)?|free\\s+spins|sports?\\s+betting\\s+tips|no\\s+deposit\\s+bonus)\\b",
    confidence: 82,
  },
  {
    id: "spam.make-money",
    kind: "regex",
    category: "spam",
    pattern:
      "\\b(?:make|earn)\\s+\\$?\\d{2,6}\\s*(?:\\$|usd|dollars)?\\s+(?:a|per)\\s+(?:day|week)\\s+(?:from|working\\s+from)\\s+home\\b",
    confidence: 90,
  },
  {
    id: "spam.buy-followers",
    kind: "regex",
    category: "spam",
    pattern:
      "\\bbuy\\s+(?:cheap\\s)?(?:instagram\\s|tiktok\\s|youtube\\s)?(?:followers|likes|views)\\b",
    confidence: 85,
  },
  {
    id: "spam.click-here",
    kind: "regex",
    category: "spam",
    pattern: "\\bclick\\s+(?:here|the\\s+link)\\s+to\\s+(?:claim|win|earn|get\\s+paid)\\b",
    confidence: 88,
  },
  {
    id: "spam.payday-loan",
    kind: "keyword",
    category: "spam",
    pattern: "payday loans",
    confidence: 80,
  },
  // ---- copyright: copied notices and piracy offers ----
  {
    id: "copyright.reproduced-notice",
    kind: "regex",
    category: "copyright",
    pattern:
      "\\ball\\s+rights\\s+reserved\\b.{0,100}\\b(?:reproduced|copied|redistributed|transmitted)\\b",
    confidence: 72,
    note: "A publisher's notice pasted into a resume: the text around it is likely copied.",
  },
  {
    id: "copyright.cracked-software",
    kind: "regex",
    category: "copyright",
    pattern:
      "\\b(?:cracked|pirated|nulled)\\s+(?:software|games?|apps?|apks?|plugins?|themes?|versions?|photoshop|licen[cs]e\\s+keys?)\\b",
    confidence: 86,
  },
  {
    id: "copyright.keygen",
    kind: "regex",
    category: "copyright",
    pattern: "\\b(?:keygens?|warez|serial\\s+key\\s+generator)\\b",
    confidence: 86,
  },
  {
    id: "copyright.torrent-offer",
    kind: "regex",
    category: "copyright",
    pattern:
      "\\b(?:free|full)\\s+(?:movie|movies|game|games|software|album|ebook)s?\\s+(?:torrent|download)s?\\b",
    confidence: 84,
  },
  {
    id: "copyright.piratebay",
    kind: "domain",
    category: "copyright",
    pattern: "thepiratebay.org",
    confidence: 85,
  },
  {
    id: "copyright.1337x",
    kind: "domain",
    category: "copyright",
    pattern: "1337x.to",
    confidence: 85,
  },
  {
    id: "copyright.nulled",
    kind: "domain",
    category: "copyright",
    pattern: "nulled.to",
    confidence: 85,
  },
  // ---- malicious links: IP loggers disguised as links ----
  {
    id: "link.grabify",
    kind: "domain",
    category: "malicious_link",
    pattern: "grabify.link",
    confidence: 94,
  },
  {
    id: "link.iplogger",
    kind: "domain",
    category: "malicious_link",
    pattern: "iplogger.org",
    confidence: 94,
  },
  { id: "link.2no", kind: "domain", category: "malicious_link", pattern: "2no.co", confidence: 94 },
];

/** The default rules, all enabled, each with a note an admin can read on the rules page. */
export const DEFAULT_RULES: ModerationRule[] = SEEDS.map((seed) => ({
  ...seed,
  enabled: true,
  note: seed.note ?? "Default rule",
}));
