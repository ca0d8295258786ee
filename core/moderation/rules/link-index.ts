/**
 * The links of one document, read once per check (README "Content moderation"). The links
 * detector, the link-farm scan and every admin domain rule look at the same parsed addresses
 * instead of each parsing every link again, and the work is bounded: 30 kB of published text
 * can carry thousands of addresses (`www.a.bc www.a.bc …`), so repeats of an address share one
 * parse, and only the first LINKS_EXAMINED distinct addresses are examined at all. The rest
 * are counted and kept as evidence; the links detector sends such a document to a person
 * rather than passing links nobody looked at.
 */
import { urlsInText } from "../document";
import type { ModerationDocument, ModerationLink } from "../model";
import { type LinkParts, linkParts } from "../url-parts";

/**
 * Distinct addresses examined per document. Honest resumes link a handful of sites (the
 * corpus's busiest, a designer's portfolio, links eight); a hundred leaves room for a long
 * project list and keeps the per-link work (URL parsing, lookalike checks) to a few ms.
 */
export const LINKS_EXAMINED = 100;
/** How many of the unexamined links are kept to show the moderator where they are. */
const UNEXAMINED_KEPT = 5;

/** One distinct address, parsed once however often it is written. */
export interface ExaminedAddress {
  url: string;
  parts: LinkParts | null;
  /** The hosts of the addresses written inside `url`, for domain rules; filled on first use. */
  domainHosts?: string[];
}

export interface IndexedLink {
  link: ModerationLink;
  address: ExaminedAddress;
}

export class LinkIndex {
  /** Every link whose address is examined, in document order, repeats included. */
  readonly links: IndexedLink[] = [];
  /** How many distinct addresses past the limit were not examined. */
  unexamined = 0;
  /** The first few links that were not examined (to point a moderator at them). */
  readonly unexaminedLinks: ModerationLink[] = [];
  private readonly fieldText = new Map<string, string>();
  private readonly spans = new Map<string, { start: number; end: number }>();

  constructor(doc: ModerationDocument) {
    // The first field with a path is the one a link's span is looked up in.
    for (const { path, text } of doc.fields) {
      if (!this.fieldText.has(path)) this.fieldText.set(path, text);
    }
    const addresses = new Map<string, ExaminedAddress>();
    const skipped = new Set<string>();
    for (const link of doc.links) {
      let address = addresses.get(link.url);
      if (!address) {
        if (addresses.size >= LINKS_EXAMINED) {
          if (!skipped.has(link.url)) {
            skipped.add(link.url);
            if (this.unexaminedLinks.length < UNEXAMINED_KEPT) this.unexaminedLinks.push(link);
          }
          continue;
        }
        address = { url: link.url, parts: linkParts(link.url) };
        addresses.set(link.url, address);
      }
      this.links.push({ link, address });
    }
    this.unexamined = skipped.size;
  }

  /** Where a link sits: inside its field's text when it was written there, else the whole field. */
  span(link: ModerationLink): { start: number; end: number } {
    const key = `${link.path}\u0000${link.url}`;
    const known = this.spans.get(key);
    if (known) return known;
    const text = this.fieldText.get(link.path);
    const start = text === undefined ? -1 : text.indexOf(link.url);
    const span =
      start >= 0 ? { start, end: start + link.url.length } : { start: 0, end: link.url.length };
    this.spans.set(key, span);
    return span;
  }

  /** The hosts a domain rule is compared with: of every address written in the link's value. */
  domainHosts(address: ExaminedAddress): string[] {
    address.domainHosts ??= urlsInText(address.url).flatMap(({ url }) => {
      const host = linkParts(url)?.host;
      return host ? [host] : [];
    });
    return address.domainHosts;
  }
}

export function indexLinks(doc: ModerationDocument): LinkIndex {
  return new LinkIndex(doc);
}
