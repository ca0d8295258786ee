// punycode.js ships no types; the one function the moderation code uses.
declare module "punycode/punycode.es6.js" {
  export function toUnicode(domain: string): string;
}
