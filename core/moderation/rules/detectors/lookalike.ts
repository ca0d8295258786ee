/**
 * Lookalike domains: hosts built to be read as a well-known brand (`pаypal.com` with a
 * Cyrillic а, `g00gle.com`, `paypal.com.account-check.io`). A host is reduced to a
 * "skeleton" (confusable characters folded to the Latin letter they imitate, after Unicode
 * TR39's idea) and compared with the brands phishers imitate most; the brands' own domains
 * are never lookalikes.
 */
import { hostWithin, registrableDomain } from "../../url-parts";

/** Brands and the domains that really are theirs (a subdomain of these is theirs too). */
const BRANDS: Record<string, readonly string[]> = {
  paypal: ["paypal.com", "paypal.me", "paypalobjects.com"],
  google: [
    "google.com",
    "google.co.uk",
    "google.de",
    "google.fr",
    "google.ca",
    "googleusercontent.com",
    "goo.gl",
    "g.dev",
  ],
  microsoft: [
    "microsoft.com",
    "live.com",
    "office.com",
    "microsoftonline.com",
    "azure.com",
    "msn.com",
  ],
  linkedin: ["linkedin.com", "lnkd.in"],
  github: ["github.com", "github.io", "githubusercontent.com", "github.blog", "github.dev"],
  apple: ["apple.com", "icloud.com"],
  amazon: ["amazon.com", "amazon.co.uk", "amazon.de", "amazonaws.com", "aws.amazon.com"],
  facebook: ["facebook.com", "fb.com", "meta.com"],
  netflix: ["netflix.com"],
  coinbase: ["coinbase.com"],
  steam: ["steamcommunity.com", "steampowered.com"],
  dropbox: ["dropbox.com"],
  instagram: ["instagram.com"],
  whatsapp: ["whatsapp.com", "wa.me"],
  binance: ["binance.com"],
  metamask: ["metamask.io"],
  outlook: ["outlook.com"],
  docusign: ["docusign.com", "docusign.net"],
  adobe: ["adobe.com"],
  twitter: ["twitter.com", "x.com"],
};

/** Words a phishing domain puts next to a brand's name: `paypal-login.com`, `apple-support.net`. */
const LURE_WORDS = new Set([
  "login",
  "signin",
  "secure",
  "security",
  "verify",
  "verification",
  "account",
  "accounts",
  "support",
  "update",
  "billing",
  "docs",
  "wallet",
  "help",
  "recovery",
  "auth",
  "password",
  "unlock",
  "service",
  "customer",
  "gift",
  "giveaway",
  "id",
  "trade",
  "refund",
]);

/** The names under which brands register (`steamcommunity`), long enough to typosquat. */
const BRAND_NAMES: { brand: string; name: string }[] = Object.entries(BRANDS).flatMap(
  ([brand, domains]) =>
    domains
      .map((domain) => domain.split(".")[0] as string)
      .filter((name, index, all) => name.length >= 6 && all.indexOf(name) === index)
      .map((name) => ({ brand, name })),
);

/** One insertion, deletion, substitution or swap of neighbours apart (Damerau–Levenshtein 1). */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  const [longer, shorter] = a.length > b.length ? [a, b] : [b, a];
  return longer.slice(i + 1) === shorter.slice(i);
}

/** Letters of other scripts (and digits) that read as a Latin letter. */
const CONFUSABLES: Record<string, string> = {
  а: "a",
  е: "e",
  о: "o",
  р: "p",
  с: "c",
  у: "y",
  х: "x",
  і: "i",
  ј: "j",
  ӏ: "l",
  ѕ: "s",
  һ: "h",
  ԁ: "d",
  ԛ: "q",
  ԝ: "w",
  ɡ: "g",
  ɩ: "l",
  α: "a",
  ο: "o",
  ν: "v",
  ρ: "p",
  τ: "t",
  ι: "i",
  κ: "k",
  ϲ: "c",
  "0": "o",
  "1": "l",
  "3": "e",
  "5": "s",
  "!": "i",
  ı: "i",
};
const SEQUENCES: [RegExp, string][] = [
  [/rn/g, "m"],
  [/vv/g, "w"],
];

/** The Latin reading of a label: NFKC, lowercase, confusables folded, hyphens dropped. */
export function skeleton(label: string): string {
  const folded = [...label.normalize("NFKC").toLowerCase()]
    .map((char) => CONFUSABLES[char] ?? char)
    .join("")
    .replace(/-/g, "");
  return SEQUENCES.reduce((value, [from, to]) => value.replace(from, to), folded);
}

/** The brand a host is officially part of, if any. */
function ownedBy(host: string): string | null {
  for (const [brand, domains] of Object.entries(BRANDS)) {
    if (domains.some((domain) => hostWithin(host, domain))) return brand;
  }
  return null;
}

export interface Lookalike {
  brand: string;
  how: "confusable" | "typosquat" | "brand-with-lure" | "brand-as-subdomain";
}

/** A label, or one of its hyphenated parts, that reads as a brand but is spelled otherwise. */
function confusableBrand(label: string): string | null {
  for (const part of new Set([label, ...label.split("-")])) {
    const reading = skeleton(part);
    const brand = Object.keys(BRANDS).find((name) => reading === name);
    if (brand && part !== brand) return brand;
  }
  return null;
}

/** `paypal-login`, `appleid-support`, `steam-trade`: a brand's name beside a lure word. */
function brandWithLure(label: string): string | null {
  const parts = label.split("-");
  if (parts.length < 2 || !parts.some((part) => LURE_WORDS.has(part))) return null;
  return Object.keys(BRANDS).find((brand) => parts.some((part) => part.startsWith(brand))) ?? null;
}

/**
 * Whether `host` (ASCII, lowercase) imitates a brand: a label that reads as the brand but is
 * spelled otherwise, a registered name one typo from the brand's, the brand's name beside a
 * lure word, or a brand's domain used as a subdomain of someone else's.
 * `unicodeHost` is the same host with punycode decoded.
 */
export function lookalikeOf(host: string, unicodeHost: string): Lookalike | null {
  if (ownedBy(host)) return null;
  const labels = unicodeHost.split(".");
  for (const label of labels) {
    const brand = confusableBrand(label);
    if (brand) return { brand, how: "confusable" };
  }
  const registrable = registrableDomain(host);
  const name = registrable.split(".")[0] as string;
  const squatted = BRAND_NAMES.find((candidate) => oneEditApart(name, candidate.name));
  if (squatted) return { brand: squatted.brand, how: "typosquat" };
  for (const label of labels) {
    const brand = brandWithLure(label);
    if (brand) return { brand, how: "brand-with-lure" };
  }
  for (const [brand, domains] of Object.entries(BRANDS)) {
    const imitated = domains.find((domain) => host.includes(`${domain}.`));
    if (imitated && !hostWithin(registrable, imitated)) return { brand, how: "brand-as-subdomain" };
  }
  return null;
}

/** Scripts mixed inside one label: Latin with Cyrillic or Greek is never a real name. */
export function mixesScripts(label: string): boolean {
  const latin = /\p{Script=Latin}/u.test(label);
  return latin && (/\p{Script=Cyrillic}/u.test(label) || /\p{Script=Greek}/u.test(label));
}
