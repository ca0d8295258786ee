// "Download PDF" on a public share page (README "Templates and sharing"): the resume as it
// last passed moderation, printed by the export's renderer and kept in R2 under a hash of
// the document as the templates render it, so visitors of an unchanged resume never start
// Chromium again, and a deploy that changes a template prints anew.

import { eq, sql } from "drizzle-orm";
import { exportFilename } from "../../core/export/formats";
import { type ResumeData, resumeDataSchema } from "../../core/resume/schema";
import { sha256Hex } from "../../core/security/crypto";
import { renderResumeDocument } from "../../core/templates";
import { createDb } from "../../db/client";
import { resumeShares } from "../../db/schema";
import type { Env } from "../env";
import { printableHtml } from "../exports/export-assets";
import { renderExportFile } from "../exports/export-render";
import type { Logger } from "../logger";
import { withPublishablePhoto } from "../media/photos";
import type { PublicShare } from "./shares";

type SharePdfEnv = Pick<Env, "ASSETS" | "BROWSER" | "DB" | "FILES">;

const prefixOf = (resumeId: string) => `share-pdf/${resumeId}/`;

export interface SharePdf {
  bytes: Uint8Array<ArrayBuffer>;
  filename: string;
  /** Whether it came from R2 (true) or was printed for this request. */
  cached: boolean;
}

const nameOf = (data: ResumeData) =>
  typeof data.basics?.name === "string" ? data.basics.name.trim() : "";

/**
 * The PDF of a live link's published document. The photo is the one the page may show
 * (an unchecked image never reaches a visitor in the PDF either), and it is part of what the
 * key hashes, so a photo that goes live or is removed prints anew.
 */
export async function sharePdf(
  env: SharePdfEnv,
  share: Pick<PublicShare, "resumeId" | "publishedJson">,
  logger?: Logger,
): Promise<SharePdf> {
  if (share.publishedJson === null) throw new Error("share PDF of an unpublished link");
  const data = await withPublishablePhoto(
    env,
    resumeDataSchema.parse(JSON.parse(share.publishedJson)),
  );
  const name = nameOf(data);
  const filename = exportFilename(name ? `${name} Resume` : "Resume", "pdf");
  // the rendered markup and CSS, not the JSON: a template's new look must not be served stale
  const key = `${prefixOf(share.resumeId)}${await sha256Hex(renderResumeDocument(data))}`;
  const stored = await env.FILES.get(key);
  if (stored) return { bytes: new Uint8Array(await stored.arrayBuffer()), filename, cached: true };

  const { html } = await printableHtml(env, data, {}, logger);
  const file = await renderExportFile(
    env,
    "pdf",
    { data, html, title: name ? `${name} — Resume` : "Resume", author: name },
    logger,
  );
  await env.FILES.put(key, file.bytes, { httpMetadata: { contentType: file.contentType } });
  // Earlier versions of this resume's PDF are never served again.
  const older = await env.FILES.list({ prefix: prefixOf(share.resumeId) });
  const stale = older.objects.map((object) => object.key).filter((other) => other !== key);
  if (stale.length) await env.FILES.delete(stale);
  // A copy typed as a plain ArrayBuffer's view, which a Response body takes.
  return { bytes: new Uint8Array(file.bytes), filename, cached: false };
}

/** One more download on the owner's counter: called once per PDF response to a visitor. */
export async function countDownload(env: Pick<Env, "DB">, resumeId: string): Promise<void> {
  await createDb(env.DB)
    .update(resumeShares)
    .set({ downloads: sql`${resumeShares.downloads} + 1` })
    .where(eq(resumeShares.resumeId, resumeId));
}
