import { mediaKeyOf } from "../../core/media/photo-rules";
import type { ResumeData } from "../../core/resume/schema";
import { checkOutsideUrl } from "../../core/security/outside-url";
import { resumeFontUrl } from "../../core/share/page";
import {
  type FontFace,
  fontFaces,
  renderResumeDocument,
  resolveDocumentStyle,
  templateInfo,
} from "../../core/templates";
import { subsetsForText } from "../../core/templates/fonts";
import type { Env } from "../env";
import type { Logger } from "../logger";
import { photoBytes } from "../media/photos";

/**
 * Everything the PDF's HTML needs, made self-contained: template fonts as data: URLs (read
 * from the static assets the build copies them to) and the person's photo — read from R2
 * when it was uploaded here, otherwise fetched — inlined, so the page the browser prints
 * never makes a request.
 */
type AssetEnv = Pick<Env, "ASSETS" | "DB" | "FILES">;

/** Font files never change between deploys of the same build: one read per isolate. */
const fontCache = new Map<string, Promise<string | null>>();

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function loadFont(env: AssetEnv, face: FontFace): Promise<string | null> {
  const path = resumeFontUrl(face);
  let cached = fontCache.get(path);
  if (!cached) {
    cached = env.ASSETS.fetch(new Request(new URL(path, "https://assets.invalid"))).then(
      async (response) => {
        if (!response.ok) return null;
        const bytes = new Uint8Array(await response.arrayBuffer());
        return `data:font/woff2;base64,${base64(bytes)}`;
      },
    );
    // A miss (apps not built) is not remembered, so a later build is picked up.
    cached.then((url) => url ?? fontCache.delete(path)).catch(() => fontCache.delete(path));
    fontCache.set(path, cached);
  }
  return cached;
}

const PHOTO_TYPES = new Set(["image/png", "image/jpeg", "image/webp"]);
const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
const PHOTO_TIMEOUT_MS = 5_000;
/** Redirects followed at most, each one checked like the first address. */
const PHOTO_MAX_REDIRECTS = 3;

export interface PhotoFetchOptions {
  logger?: Logger;
  /** The network; tests pass their own to see which requests would leave. */
  fetch?: typeof fetch;
}

/**
 * The response for a photo address, following at most 3 redirects by hand so every hop
 * passes the outside-address rules (core/security/outside-url.ts) before it is connected
 * to; null (nothing fetched) when one does not.
 */
async function fetchOutside(
  address: string,
  fetchFn: typeof fetch,
  signal: AbortSignal,
  logger?: Logger,
): Promise<Response | null> {
  let target = address;
  for (let hop = 0; hop <= PHOTO_MAX_REDIRECTS; hop++) {
    const check = checkOutsideUrl(target);
    if (!check.ok) {
      logger?.warn("export photo refused", { reason: check.reason, hop });
      return null;
    }
    const response = await fetchFn(check.url.href, {
      redirect: "manual",
      signal,
      headers: { Accept: "image/png, image/jpeg, image/webp" },
    });
    const location = response.headers.get("location");
    if (response.status < 300 || response.status > 399 || !location) return response;
    await response.body?.cancel();
    target = new URL(location, check.url).href;
  }
  logger?.warn("export photo refused", { reason: "too many redirects" });
  return null;
}

/**
 * The photo as a data: URL, or null to show initials instead: only a public https address
 * (every redirect hop too), only PNG, JPEG or WebP by content type, at most 2 MB, within
 * 5 s. A photo that fails any of these is dropped rather than failing the export.
 */
export async function inlinePhoto(
  url: string,
  { logger, fetch: fetchFn = fetch }: PhotoFetchOptions = {},
): Promise<string | null> {
  try {
    const response = await fetchOutside(
      url,
      fetchFn,
      AbortSignal.timeout(PHOTO_TIMEOUT_MS),
      logger,
    );
    if (!response) return null;
    const type = response.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";
    const length = Number(response.headers.get("content-length") ?? "0");
    if (!response.ok || !PHOTO_TYPES.has(type) || length > PHOTO_MAX_BYTES) {
      await response.body?.cancel();
      return null;
    }
    const reader = response.body?.getReader();
    if (!reader) return null;
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > PHOTO_MAX_BYTES) {
        await reader.cancel();
        return null;
      }
      chunks.push(value);
    }
    const bytes = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return `data:${type};base64,${base64(bytes)}`;
  } catch (error) {
    logger?.warn("export photo dropped", { reason: error instanceof Error ? error.message : "" });
    return null;
  }
}

/** An uploaded photo (README "Photos") as a data: URL from R2; null once it was deleted. */
export async function inlineUploadedPhoto(
  env: Pick<Env, "DB" | "FILES">,
  key: string,
  logger?: Logger,
): Promise<string | null> {
  const photo = await photoBytes(env, key);
  if (!photo) {
    logger?.warn("export photo dropped", { reason: "uploaded photo not found" });
    return null;
  }
  return `data:${photo.contentType};base64,${base64(photo.bytes)}`;
}

export interface PrintableHtml {
  html: string;
  /** False when the font files were not found (apps not built): fallback stacks print. */
  fontsEmbedded: boolean;
}

/** The resume as a self-contained HTML document for the PDF, in the chosen template. */
export async function printableHtml(
  env: AssetEnv,
  data: ResumeData,
  options: { template?: string; pageSize?: "A4" | "Letter" },
  logger?: Logger,
): Promise<PrintableHtml> {
  const style = resolveDocumentStyle(data, {
    template: options.template,
    style: options.pageSize ? { pageSize: options.pageSize } : undefined,
  });
  let document = data;
  const image = typeof data.basics?.image === "string" ? data.basics.image.trim() : "";
  const uploaded = mediaKeyOf(image);
  // A photo uploaded here (`/media/{key}`) is read straight from R2. Only an absolute https
  // address is ever fetched. Anything else — a relative reference (`photo.png`, valid JSON
  // Resume), another scheme — is left to the template, which shows initials for it
  // (core/templates/portrait.ts `safeImage`): never a request to our origin.
  if (templateInfo(style.template).photo && (uploaded || /^https:/i.test(image))) {
    const inlined = uploaded
      ? await inlineUploadedPhoto(env, uploaded, logger)
      : await inlinePhoto(image, { logger });
    document = { ...data, basics: { ...data.basics, image: inlined ?? "" } };
  }
  // Subsets from the document as rendered, not its data: the headings of an Arabic document
  // need Arabic glyphs even when everything the person typed is Latin.
  const subsets = subsetsForText(
    renderResumeDocument(document, {
      template: style.template,
      style: { pageSize: style.pageSize },
    }),
  );
  const faces = fontFaces(style.font, subsets);
  const urls = new Map<string, string | null>();
  await Promise.all(
    faces.map(async (face) => urls.set(face.file, await loadFont(env, face).catch(() => null))),
  );
  const fontsEmbedded = faces.every((face) => urls.get(face.file));
  if (!fontsEmbedded && faces.length) {
    logger?.warn("export fonts missing from static assets; printing with fallback fonts", {
      font: style.font,
    });
  }
  const html = renderResumeDocument(document, {
    template: style.template,
    style: { pageSize: style.pageSize },
    ...(fontsEmbedded && faces.length
      ? { fonts: (face: FontFace) => urls.get(face.file) as string, fontSubsets: subsets }
      : {}),
  });
  return { html, fontsEmbedded };
}
