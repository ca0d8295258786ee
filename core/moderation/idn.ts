/**
 * How an internationalised host reads: its `xn--` labels decoded with punycode.js (RFC 3492),
 * the library Node itself shipped. The platform's URL parser only encodes, so the lookalike check
 * needs this to see the characters a reader sees.
 */
import { toUnicode } from "punycode/punycode.es6.js";

/** A host as a reader sees it: every `xn--` label decoded; a malformed one left as it is. */
export function unicodeHost(host: string): string {
  return host
    .split(".")
    .map((label) => {
      if (!label.startsWith("xn--")) return label;
      try {
        return toUnicode(label);
      } catch {
        return label;
      }
    })
    .join(".");
}
