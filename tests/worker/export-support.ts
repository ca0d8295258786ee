import { env } from "cloudflare:test";
import { expect } from "vitest";
import { postJson, signedInPerson } from "./auth-support";
import { api } from "./helpers";

type Headers = Record<string, string>;

/** A signed-in person with a confirmed address on `plan`, with one resume holding `data`. */
export async function personWithResume(data: Record<string, unknown>, plan = "standard") {
  const person = await signedInPerson();
  await env.DB.prepare("UPDATE users SET plan = ?, email_verified_at = ? WHERE id = ?")
    .bind(plan, Date.now(), person.userId)
    .run();
  const created = await api(
    "/api/resumes",
    postJson({ title: "Platform engineer CV" }, person.headers),
  );
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.data.id as string;
  const saved = await api(`/api/resumes/${id}`, {
    method: "PATCH",
    headers: { ...person.headers, "Content-Type": "application/json", "If-Match": '"1"' },
    body: JSON.stringify({ data }),
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  return { ...person, resumeId: id };
}

export async function requestExport(
  headers: Headers,
  resumeId: string,
  body: Record<string, unknown>,
) {
  return api(`/api/resumes/${resumeId}/export`, postJson(body, headers));
}

/** Reads the file of a finished export as its owner. */
export async function download(headers: Headers, jobId: string) {
  const response = await fetchDownload(`/api/exports/${jobId}/download`, headers);
  expect(response.status).toBe(200);
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

export const fetchDownload = (path: string, headers: Headers = {}) =>
  import("cloudflare:test").then(({ SELF }) => SELF.fetch(`http://localhost${path}`, { headers }));

/**
 * The entries of a ZIP file (a DOCX is one), by name. Central directory → local headers →
 * stored or deflated data: enough for the files Word and `docx` write.
 */
export async function unzip(bytes: Uint8Array): Promise<Map<string, string>> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new Error("not a zip file");
  const entries = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const files = new Map<string, string>();
  for (let i = 0; i < entries; i++) {
    const method = view.getUint16(offset + 10, true);
    const compressed = view.getUint32(offset + 20, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const local = view.getUint32(offset + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    const localName = view.getUint16(local + 26, true);
    const localExtra = view.getUint16(local + 28, true);
    const start = local + 30 + localName + localExtra;
    const raw = bytes.subarray(start, start + compressed);
    const data =
      method === 0
        ? raw
        : new Uint8Array(
            await new Response(
              new Blob([raw]).stream().pipeThrough(new DecompressionStream("deflate-raw")),
            ).arrayBuffer(),
          );
    files.set(name, new TextDecoder().decode(data));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}
