/**
 * The built-in classifier's lexicon (classifier.ts; format: classifier-terms.ts). Weights are
 * log-odds-like: one strong term (≈3) alone reaches review; weak terms are ordinary words
 * with a dark reading ("attack", "bitcoin"), capped together below review, so vocabulary
 * alone never flags a resume. Violence and hate live in classifier-lexicon-harm.ts.
 */
import { HATE, VIOLENCE } from "./classifier-lexicon-harm";
import { type LexiconTerm, terms } from "./classifier-terms";
import type { ModerationCategory } from "./model";

const NSFW: LexiconTerm[] = terms([
  ["porn(?:o|ography|hub)?|xxx|nudes|explicit videos|spicy content", 2, "sc"],
  [
    "sex tapes?|blowjobs?|handjobs?|anal sex|hentai|camgirls?|cam (?:girl|boy|model)s?|milfs?|full sex|explicit sex",
    3,
    "s",
  ],
  [
    "(?:sex|nude|naked|porn) (?:videos|clips|cams?|pics|shows|dates?|parties|work)|(?:nude|cock|dick) pics",
    3,
    "s",
  ],
  [
    "paid (?:sex|hookups?|dates)|sex for money|erotic (?:services|massage)|happy ending|full release|body-to-body",
    3,
    "s",
  ],
  [
    "sugar (?:baby|babies|daddy|daddies)|generous daddies|incall|outcall|striptease|tantric massage",
    2.5,
    "s",
  ],
  ["horny|tits|boobs|naughty night", 2, "s"],
  ["having sex|sexual favou?rs", 2.5, "sc"],
  ["fuck(?:ing|ed|er)?", 1.2, "s"],
  ["fetish(?:es)?|erotic(?:a)?|uncensored|sensual", 1.2, "sc"],
  ["nude|naked|onlyfans|escorts?|sexy", 0.5, "c"],
]);

const SPAM: LexiconTerm[] = terms([
  [
    "make money fast|free money|double your (?:money|bitcoin|crypto|investment)|(?:crypto|bitcoin) giveaway",
    3,
    "s",
  ],
  ["(?:registration|joining|starter|training) fee", 2.5, "s", "(?:earn|pay|start|salary|income)"],
  [
    "(?:earn|make) (?:up to )?[$£€]?\\d[\\d,.]* (?:[$£€]|usd|dollars )?(?:per|a|every) (?:day|week|hour)",
    1.5,
    "s",
  ],
  [
    "limited time offer|only \\d+ (?:slots|spots|places) left|forex signals|binary options|viagra|cialis",
    2.5,
    "s",
  ],
  ["buy now|investment opportunity|no experience needed|hiring now", 1.5, "s"],
  ["100% free|100% legit", 1, "s"],
  [
    "you(?:'ve| have) (?:been selected to (?:receive|win)|won (?:a |an )?(?:free|cash|prize|gift|iphone))|free (?:iphone|ipad|macbook|gift cards?|samsung)\\w*",
    2.5,
    "s",
  ],
  ["claim (?:it |your prize |your reward |now |at the link)|before midnight", 1, "s"],
  ["click here|act now|passive income|dm me|whatsapp me|message me on telegram", 1.2, "s"],
  ["guaranteed|casino|bitcoin|crypto|work from home|working from home|earn", 0.3],
]);

const PII: LexiconTerm[] = terms([
  ["my (?:ssn|social security number) is", 3, "s"],
  ["mother's maiden name|credit card number|cvv|cvc|my password is|password is", 1.5, "s"],
  ["social security number|ssn|passport (?:no|number)|date of birth|dob", 0.4],
]);

const MALICIOUS_LINK: LexiconTerm[] = terms([
  ["your account (?:has been|will be|is) (?:suspended|locked|disabled|limited)", 3, "sc"],
  [
    "verify your (?:account|identity|payment|password)|confirm your (?:password|credentials|card|billing)",
    2.5,
    "sc",
  ],
  [
    "enter your (?:password|credentials|card details|seed phrase)|(?:login|log in|signin|sign in) to (?:claim|receive|unlock)",
    2.5,
    "sc",
  ],
  ["seed phrase|recovery phrase", 1, "sc"],
]);

const COPYRIGHT: LexiconTerm[] = terms([
  ["keygens?|warez|magnet:\\?xt=urn|kms activator", 3, "s"],
  [
    "full version free download|free download full version|crack(?:ed)? download|download crack(?:ed)?",
    3,
    "s",
  ],
  [
    "crack(?:ed|s)?",
    2.5,
    "sc",
    "(?:full version|keygen|activat\\w*|serial (?:keys?|numbers?)|licen[cs]e|adobe|photoshop|lightroom|download|patch|themes|plugins|packs?)",
  ],
  [
    "pirated|pirate (?:iptv|streams?|copies)|unofficial streams|illegal streams|iptv reseller|resell(?:ing)? iptv",
    3,
    "sc",
  ],
  [
    "nulled (?:premium )?(?:themes?|plugins?|scripts?|packs?)|cheap (?:product|licen[cs]e|windows|office) keys",
    3,
    "s",
  ],
  [
    "(?:so|so that) (?:you|students|readers|people|they) (?:don't|do not|never|won't) (?:have|need) to (?:buy|pay)",
    3,
    "s",
  ],
  [
    "no need to pay (?:the )?(?:publisher|author|artist)|(?:drm|copy protection) (?:removed|stripped)|(?:removed|stripped) (?:the )?drm",
    3,
    "sc",
  ],
  [
    "(?:replica|counterfeit|fake)",
    3,
    "sc",
    "(?:rolex|louis vuitton|gucci|chanel|prada|herm[eè]s|cartier|omega|dior|balenciaga|yeezy|designer (?:bags|watches|goods))",
  ],
  [
    "(?:dvd|cd|blu-?ray) copies|copies (?:i|we) (?:burn|make|rip)|burn(?:ed|t)? (?:dvds|copies|cds)",
    2.5,
    "s",
    "(?:sell\\w*|sold|for sale|per (?:disc|copy|season)|won't miss)",
    "(?:permission|licensed|my own)",
  ],
  [
    "(?:cinema|movie|film|tv) releases?|new (?:films|movies|episodes)",
    3,
    "sc",
    "(?:free to (?:watch|download|stream)|upload\\w*|streaming site|watch free)",
  ],
  [
    "copied in full|reproduced in full|full text (?:of|copied)|reproduced without permission|torrent (?:tracker|site)",
    2,
    "s",
  ],
  ["serial keys?|licen[cs]e key generator|nulled|1:1 copies", 1.5, "sc"],
  ["all rights reserved|copied from|torrents?", 0.4, "c"],
]);

export const LEXICON: Record<ModerationCategory, LexiconTerm[]> = {
  violence: VIOLENCE,
  hate: HATE,
  nsfw: NSFW,
  spam: SPAM,
  pii: PII,
  malicious_link: MALICIOUS_LINK,
  copyright: COPYRIGHT,
};
