import { Zip, ZipDeflate, ZipPassThrough } from "fflate";
import { EXPORT_FORMATS, exportKey } from "../../core/export/formats";
import { dataExportZipKey } from "../../core/gdpr/data-export";
import type { Env } from "../env";
import { CATEGORIES, type Category, type Gathered, partKey, type Subject } from "./export-gather";
import { dataExportReadme } from "./export-readme";

type ZipEnv = Pick<Env, "FILES">;

/**
 * R2 multipart uploads need every part but the last to be the same size and at least 5 MiB;
 * 8 MiB keeps the step's memory to a few parts while the zip streams out.
 */
const PART_BYTES = 8 * 1024 * 1024;
/**
 * Files (exports, photos) are added until their sizes reach this; the rest are listed in
 * README.txt as left out. fflate writes no ZIP64, so the zip must stay under 4 GiB.
 */
export const MAX_FILE_BYTES = 1024 * 1024 * 1024;

/** Collects the zip's output and uploads it in equal parts as it grows. */
class PartWriter {
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  private readonly parts: R2UploadedPart[] = [];
  size = 0;

  constructor(private readonly upload: R2MultipartUpload) {}

  push(chunk: Uint8Array) {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    this.size += chunk.length;
  }

  private take(bytes: number): Uint8Array {
    const out = new Uint8Array(bytes);
    let filled = 0;
    while (filled < bytes) {
      const chunk = this.chunks[0] as Uint8Array;
      const used = Math.min(chunk.length, bytes - filled);
      out.set(chunk.subarray(0, used), filled);
      filled += used;
      if (used === chunk.length) this.chunks.shift();
      else this.chunks[0] = chunk.subarray(used);
    }
    this.buffered -= bytes;
    return out;
  }

  async flush() {
    while (this.buffered >= PART_BYTES) {
      this.parts.push(await this.upload.uploadPart(this.parts.length + 1, this.take(PART_BYTES)));
    }
  }

  async complete() {
    await this.flush();
    if (this.buffered > 0 || this.parts.length === 0) {
      this.parts.push(
        await this.upload.uploadPart(this.parts.length + 1, this.take(this.buffered)),
      );
    }
    await this.upload.complete(this.parts);
  }
}

interface FileEntry {
  name: string;
  key: string;
  /** Already compressed (PDF, DOCX, images): stored as is. */
  stored: boolean;
}

const json = async (env: ZipEnv, key: string) => {
  const object = await env.FILES.get(key);
  if (!object) throw new Error(`data export part ${key} is missing`);
  return object.json<Record<string, unknown>>();
};

/** The export files and photos named in the gathered parts, as zip entries. */
async function fileEntries(env: ZipEnv, subject: Subject): Promise<FileEntry[]> {
  const exports = (await json(env, partKey(subject, "exports/index.json"))).exports as {
    id: string;
    status: string;
    result: { format?: string; filename?: string } | null;
  }[];
  const photos = (await json(env, partKey(subject, "photos/index.json"))).photos as {
    key: string;
  }[];
  const entries: FileEntry[] = [];
  for (const job of exports) {
    const format = EXPORT_FORMATS.find((known) => known === job.result?.format);
    if (job.status !== "succeeded" || !format) continue;
    entries.push({
      name: `exports/${job.id}/${job.result?.filename ?? `export.${format}`}`,
      key: exportKey(format, job.id),
      stored: format === "pdf" || format === "docx",
    });
  }
  for (const photo of photos) {
    entries.push({ name: `photos/${photo.key}`, key: photo.key, stored: true });
  }
  return entries;
}

export interface ZipInput {
  resumeIds: string[];
  gathered: Gathered;
  generatedAt: number;
}

/**
 * Writes the account's zip to R2 (`data-exports/{userId}/{exportId}.zip`) as it is built:
 * the JSON parts compressed, the files streamed from R2 into it, the output uploaded in
 * parts, so the step's memory stays a few parts whatever the account holds.
 */
export async function writeDataExportZip(
  env: ZipEnv,
  subject: Subject,
  input: ZipInput,
): Promise<{ key: string; size: number }> {
  const key = dataExportZipKey(subject.userId, subject.exportId);
  const writer = new PartWriter(
    await env.FILES.createMultipartUpload(key, {
      httpMetadata: { contentType: "application/zip" },
      customMetadata: { user_id: subject.userId, export_id: subject.exportId },
    }),
  );
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else writer.push(chunk);
  });
  const addBytes = async (name: string, bytes: Uint8Array) => {
    const entry = new ZipDeflate(name, { level: 6 });
    zip.add(entry);
    entry.push(bytes, true);
    await writer.flush();
  };

  const names = [
    ...(Object.keys(CATEGORIES) as Category[]),
    ...input.resumeIds.map((id) => `resumes/${id}.json`),
  ];
  for (const name of names) {
    const object = await env.FILES.get(partKey(subject, name));
    if (!object) throw new Error(`data export part ${name} is missing`);
    await addBytes(name, new Uint8Array(await object.arrayBuffer()));
  }

  const skipped: string[] = [];
  let fileBytes = 0;
  for (const file of await fileEntries(env, subject)) {
    const object = await env.FILES.get(file.key);
    if (!object) continue;
    if (fileBytes + object.size > MAX_FILE_BYTES) {
      skipped.push(file.name);
      await object.body.cancel();
      continue;
    }
    fileBytes += object.size;
    const entry = file.stored ? new ZipPassThrough(file.name) : new ZipDeflate(file.name);
    zip.add(entry);
    const reader = object.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      entry.push(value, false);
      await writer.flush();
    }
    entry.push(new Uint8Array(0), true);
    await writer.flush();
  }

  const readme = dataExportReadme({ ...input, skipped });
  await addBytes("README.txt", new TextEncoder().encode(readme));
  zip.end();
  if (failure) throw failure;
  await writer.complete();
  return { key, size: writer.size };
}

/** Deletes the gather steps' parts (after the zip is written, or when the export failed). */
export async function deleteDataExportParts(env: ZipEnv, prefix: string): Promise<void> {
  for (let cursor: string | undefined; ; ) {
    const listed = await env.FILES.list({ prefix, cursor, limit: 1000 });
    if (listed.objects.length > 0) await env.FILES.delete(listed.objects.map((o) => o.key));
    if (!listed.truncated) return;
    cursor = listed.cursor;
  }
}
