import type { ResumeData } from "../../core/resume/schema";
import fullJson from "../fixtures/resumes/full.json";
import sampleJson from "../fixtures/resumes/json-resume-sample.json";
import twoPageJson from "../fixtures/resumes/two-page.json";

const FIXTURES = { full: fullJson, "json-resume-sample": sampleJson, "two-page": twoPageJson };

/** A fresh copy of a fixture, so a test can change it freely. */
export const loadResume = (name: keyof typeof FIXTURES): ResumeData =>
  structuredClone(FIXTURES[name]) as unknown as ResumeData;

/**
 * Everything in a document that could make a browser fetch or navigate: tags that load
 * things, and each src, href, srcset, poster, action, url(...) and @import with the tag it
 * sits in.
 */
export function references(html: string): { kind: string; value: string; tag: string }[] {
  const found: { kind: string; value: string; tag: string }[] = [];
  for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) {
    for (const match of tag.matchAll(
      /\s(src|href|srcset|poster|action|formaction|background|data)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/gi,
    )) {
      found.push({
        kind: match[1]!.toLowerCase(),
        value: match[3] ?? match[4] ?? match[5] ?? "",
        tag,
      });
    }
  }
  for (const match of html.matchAll(/url\(\s*(["']?)([^"')]*)\1\s*\)/gi))
    found.push({ kind: "url()", value: match[2] ?? "", tag: "style" });
  for (const match of html.matchAll(/@import[^;]*/gi))
    found.push({ kind: "@import", value: match[0], tag: "style" });
  return found;
}

/** The text between `<style>` and `</style>`. */
export const styleOf = (html: string) => /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? "";

/** Section ids in document order. */
export const sectionOrder = (html: string) =>
  [...html.matchAll(/<section class="[^"]*\b(section-[a-z0-9-]+)"/g)].map((m) => m[1]);

/** A deep copy, so a test can change a fixture freely. */
export const clone = <T>(value: T): T => structuredClone(value);
