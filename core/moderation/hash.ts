/**
 * Content hashes for the hash cache (README "Content moderation"): a verdict is remembered per
 * hash, so the same published content is never checked twice. The canonical form makes
 * re-saves that change nothing a visitor sees (field order, spacing, compatibility forms of
 * characters) hash the same, and any change to what is published hash differently.
 */
import type { ModerationDocument } from "./model";

const encoder = new TextEncoder();

/** NFKC folds compatibility forms (full-width letters, ligatures) the way a reader sees them. */
export function canonicalText(value: string): string {
  return value.normalize("NFKC").replace(/\s+/gu, " ").trim();
}

function hex(buffer: ArrayBuffer): string {
  return [...new Uint8Array(buffer)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

const byPath = <T extends { path: string }>(a: T, b: T) =>
  a.path < b.path ? -1 : a.path > b.path ? 1 : 0;

/**
 * The canonical form: fields sorted by path, then links, one JSON value so no separator in a
 * text can forge another field. The owner's contacts are not content: they decide what counts
 * as leakage, not what is published, and the published contact fields are already fields.
 */
export function canonicalDocument(doc: ModerationDocument): string {
  const fields = doc.fields
    .map((field) => ({ path: field.path, text: canonicalText(field.text) }))
    .filter((field) => field.text !== "")
    .sort(byPath)
    .map((field) => [field.path, field.text]);
  const links = doc.links
    .map((link) => ({ path: link.path, url: canonicalText(link.url) }))
    .sort((a, b) => byPath(a, b) || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))
    .map((link) => [link.path, link.url]);
  return JSON.stringify({ v: 1, fields, links });
}

/** SHA-256 hex of the document's canonical form. */
export async function contentHash(doc: ModerationDocument): Promise<string> {
  return bytesHash(encoder.encode(canonicalDocument(doc)));
}

/** SHA-256 hex of raw bytes (an uploaded image, after EXIF stripping). */
export async function bytesHash(bytes: Uint8Array): Promise<string> {
  return hex(await crypto.subtle.digest("SHA-256", bytes));
}
