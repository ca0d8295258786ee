import { resumeToDocx } from "../../core/export/docx";
import { EXPORT_CONTENT_TYPES, type ExportFormat } from "../../core/export/formats";
import { resumeToJson } from "../../core/export/json";
import { setPdfInfo } from "../../core/export/pdf-info";
import { resumeToText } from "../../core/export/text";
import type { ResumeData } from "../../core/resume/schema";
import type { Env } from "../env";
import type { Logger } from "../logger";
import { renderPdf } from "./export-pdf";

export interface RenderedFile {
  bytes: Uint8Array;
  contentType: string;
  /** Chromium's own `page.pdf()` time, for the PDF; null for the other formats. */
  pdfMs: number | null;
}

/** The picks made in the export dialog, applied the way the editor previews them. */
export function withExportOptions(
  data: ResumeData,
  options: { template?: string; pageSize?: "A4" | "Letter" },
): ResumeData {
  if (!options.template && !options.pageSize) return data;
  const style = { ...(data.meta?.style ?? {}) };
  if (options.template) style.template = options.template;
  if (options.pageSize) style.pageSize = options.pageSize;
  return { ...data, meta: { ...(data.meta ?? {}), style } };
}

const encoder = new TextEncoder();

/**
 * The file for one format. The PDF prints the HTML the "render HTML" step made; the others
 * are built from the document itself. JSON is the stored document untouched, so importing
 * it gives back exactly what was exported.
 */
export async function renderExportFile(
  env: Pick<Env, "BROWSER">,
  format: ExportFormat,
  input: { data: ResumeData; html: string | null; title: string; author: string },
  logger?: Logger,
): Promise<RenderedFile> {
  const contentType = EXPORT_CONTENT_TYPES[format];
  switch (format) {
    case "pdf": {
      if (input.html === null) throw new Error("PDF export without its HTML");
      const { pdf, blocked, pdfMs } = await renderPdf(env, input.html).catch((error: unknown) => {
        // What the job (and so the person) reads: which part failed, then the raw cause.
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`The PDF renderer (headless Chromium) failed: ${reason}`);
      });
      if (blocked.length) logger?.warn("export page requests blocked", { count: blocked.length });
      let bytes = pdf;
      try {
        bytes = setPdfInfo(pdf, { title: input.title, author: input.author });
      } catch (error) {
        // Chromium changed its PDF layout: the file is still right, only the author is missing.
        logger?.warn("PDF author not set", { reason: error instanceof Error ? error.message : "" });
      }
      return { bytes, contentType, pdfMs };
    }
    case "docx":
      return { bytes: await resumeToDocx(input.data), contentType, pdfMs: null };
    case "txt":
      return { bytes: encoder.encode(resumeToText(input.data)), contentType, pdfMs: null };
    case "json":
      return { bytes: encoder.encode(resumeToJson(input.data)), contentType, pdfMs: null };
  }
}
