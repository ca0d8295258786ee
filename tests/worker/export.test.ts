import { env, introspectWorkflow } from "cloudflare:test";
import { extractText, getDocumentProxy, getMeta } from "unpdf";
import { describe, expect, it } from "vitest";
import type { ResumeData } from "../../core/resume/schema";
import { FONT_INFO, type FontId } from "../../core/templates/fonts";
import { resolveDocumentStyle, styleAtCreation } from "../../core/templates/index";
import full from "../fixtures/resumes/full.json";
import { signedInPerson } from "./auth-support";
import { download, fetchDownload, personWithResume, requestExport, unzip } from "./export-support";
import { api, countRows, waitForJob } from "./helpers";

const TIMEOUT = 60_000;

async function finishedExport(
  person: { headers: Record<string, string>; resumeId: string },
  body: Record<string, unknown>,
) {
  await using _workflows = await introspectWorkflow(env.EXPORT_WORKFLOW);
  const requested = await requestExport(person.headers, person.resumeId, body);
  expect(requested.status, JSON.stringify(requested.body)).toBe(202);
  const jobId = requested.body.data.job_id as string;
  expect(requested.response.headers.get("location")).toBe(`/api/jobs/${jobId}`);
  await waitForJob(jobId, "succeeded", 45_000);
  const job = await api(`/api/jobs/${jobId}`, { headers: person.headers });
  return { jobId, job: job.body.data };
}

async function jobSteps(jobId: string) {
  const { results } = await env.DB.prepare(
    "SELECT status, step, percent FROM job_events WHERE job_id = ? ORDER BY id",
  )
    .bind(jobId)
    .all<{ status: string; step: string | null; percent: number }>();
  return results;
}

describe("PDF export", () => {
  it(
    "renders the resume in Chromium: text, pages, page size, metadata, links, one file, one email",
    async () => {
      const person = await personWithResume(full);
      const { jobId, job } = await finishedExport(person, {
        format: "pdf",
        options: { page_size: "Letter" },
      });
      expect(job).toMatchObject({
        status: "succeeded",
        percent: 100,
        error: null,
        result: {
          format: "pdf",
          filename: "Platform-engineer-CV.pdf",
          content_type: "application/pdf",
          download_path: `/api/exports/${jobId}/download`,
          resume_id: person.resumeId,
          version: 2,
        },
      });
      const steps = await jobSteps(jobId);
      expect(steps[0]?.status).toBe("queued");
      const names = steps.map((event) => event.step);
      expect(names.indexOf("rendering")).toBeGreaterThan(-1);
      expect(names.indexOf("uploading")).toBeGreaterThan(names.indexOf("rendering"));
      expect(steps.at(-1)?.status).toBe("succeeded");
      const percents = steps.map((event) => event.percent);
      expect(percents).toEqual([...percents].sort((a, b) => a - b));

      const { response, bytes } = await download(person.headers, jobId);
      expect(response.headers.get("content-type")).toBe("application/pdf");
      expect(response.headers.get("content-disposition")).toContain("Platform-engineer-CV.pdf");
      expect(response.headers.get("cache-control")).toBe("private, no-store");
      expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe("%PDF-");
      expect(job.result.size).toBe(bytes.byteLength);

      const pdf = await getDocumentProxy(new Uint8Array(bytes));
      expect(pdf.numPages).toBeGreaterThanOrEqual(1);
      expect(pdf.numPages).toBeLessThanOrEqual(3);
      const first = await pdf.getPage(1);
      const [, , width, height] = first.view;
      expect(Math.round(width ?? 0)).toBe(612);
      expect(Math.round(height ?? 0)).toBe(792);
      const { text } = await extractText(pdf, { mergePages: true });
      const flat = text.replace(/\s+/g, " ");
      for (const expected of [
        "Amara Okafor",
        "Senior Platform Engineer",
        "amara.okafor@example.com",
        full.work[0]!.name,
        full.work[0]!.position,
        full.education[0]!.institution,
      ]) {
        expect(flat).toContain(expected);
      }
      expect(flat).not.toMatch(/Marker/);
      const { info } = await getMeta(pdf);
      expect(info.Title).toBe("Amara Okafor — Resume");
      expect(info.Author).toBe("Amara Okafor");
      const annotations = await first.getAnnotations();
      const links = annotations.map((annotation: { url?: string }) => annotation.url);
      expect(links).toContain("https://amara.example.com/");
      expect(links).toContain("mailto:amara.okafor@example.com");

      const listed = await env.FILES.list({ prefix: "exports/pdf/" });
      expect(listed.objects.filter((object) => object.key.includes(jobId))).toHaveLength(1);

      // The email's link downloads without signing in, and only that file, only untampered.
      const mails = await env.DB.prepare(
        "SELECT text_body FROM email_outbox WHERE to_address = ? AND template = 'export_ready'",
      )
        .bind(person.email)
        .all<{ text_body: string }>();
      expect(mails.results).toHaveLength(1);
      const link = mails.results[0]!.text_body.match(
        /https?:\/\/\S+\/api\/exports\/(export-[0-9a-f-]+)\/download\?token=([\w.%-]+)/,
      );
      expect(link?.[1]).toBe(jobId);
      const signed = `/api/exports/${jobId}/download?token=${link?.[2]}`;
      const anonymous = await fetchDownload(signed);
      expect(anonymous.status).toBe(200);
      expect(new Uint8Array(await anonymous.arrayBuffer())).toEqual(bytes);
      const tampered = await fetchDownload(`${signed.slice(0, -2)}xx`);
      expect(tampered.status).toBe(401);
      expect((await tampered.json<{ error: { code: string } }>()).error.code).toBe("token_invalid");
      const unsigned = await fetchDownload(`/api/exports/${jobId}/download`);
      expect(unsigned.status).toBe(401);
    },
    TIMEOUT,
  );

  it("keeps another person out of the job, the download and the list (404)", async () => {
    const person = await personWithResume({ basics: { name: "Grace Hopper" } });
    const { jobId } = await finishedExport(person, { format: "txt" });
    const stranger = await signedInPerson();
    expect((await api(`/api/jobs/${jobId}`, { headers: stranger.headers })).status).toBe(404);
    const theirs = await fetchDownload(`/api/exports/${jobId}/download`, stranger.headers);
    expect(theirs.status).toBe(404);
    const list = await api("/api/exports", { headers: stranger.headers });
    expect(list.body.data).toEqual([]);
    const other = await requestExport(stranger.headers, person.resumeId, { format: "pdf" });
    expect(other.status).toBe(404);

    const mine = await api("/api/exports", { headers: person.headers });
    expect(mine.body.data).toEqual([
      expect.objectContaining({
        job_id: jobId,
        status: "succeeded",
        format: "txt",
        resume_id: person.resumeId,
        resume_title: "Platform engineer CV",
        filename: "Platform-engineer-CV.txt",
        download_path: `/api/exports/${jobId}/download`,
      }),
    ]);
    expect(mine.body.pagination).toMatchObject({ total: 1, page: 1 });
  });
});

describe("DOCX, TXT and JSON exports", () => {
  it("writes a DOCX with real headings, bullet lists and hyperlinks", async () => {
    const person = await personWithResume(full);
    const { jobId, job } = await finishedExport(person, { format: "docx" });
    expect(job.result.content_type).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    const { bytes } = await download(person.headers, jobId);
    expect(bytes[0]).toBe(0x50);
    expect(bytes[1]).toBe(0x4b);
    const files = await unzip(bytes);
    expect([...files.keys()]).toEqual(
      expect.arrayContaining(["[Content_Types].xml", "word/document.xml", "docProps/core.xml"]),
    );
    const documentXml = files.get("word/document.xml")!;
    expect(documentXml).toContain('<w:pStyle w:val="Title"/>');
    expect(documentXml).toContain('<w:pStyle w:val="Heading1"/>');
    expect(documentXml).toContain('<w:pStyle w:val="Heading2"/>');
    expect(documentXml).toContain("<w:numPr>");
    expect(documentXml).toContain("<w:hyperlink");
    expect(documentXml).toContain("Amara Okafor");
    expect(documentXml).toContain("Experience");
    expect(documentXml).toContain(full.work[0]!.position);
    expect(documentXml).not.toContain("Marker");
    const relations = files.get("word/_rels/document.xml.rels")!;
    expect(relations).toContain('Target="https://amara.example.com/"');
    expect(relations).toContain('TargetMode="External"');
    expect(files.get("docProps/core.xml")).toContain("Amara Okafor — Resume");
    expect(files.get("word/numbering.xml")).toContain("w:numFmt");
    // The rich text's **bold** and _italic_ are real runs, not stripped markup.
    expect(documentXml).toMatch(/<w:rPr><w:b\/>(<w:bCs\/>)?<\/w:rPr><w:t[^>]*>ten years<\/w:t>/);
    expect(documentXml).toMatch(/<w:rPr><w:i\/>(<w:iCs\/>)?<\/w:rPr><w:t[^>]*>one<\/w:t>/);
    expect(documentXml).not.toContain("**");
    // The template's font (as the PDF prints it) is the document's default font.
    const family = FONT_INFO[resolveDocumentStyle(full as ResumeData).font as FontId].family;
    expect(family).toBeTruthy();
    expect(files.get("word/styles.xml")).toContain(`<w:rFonts w:ascii="${family}"`);
  });

  it("sends no email to an address that is not confirmed yet", async () => {
    const person = await personWithResume(full);
    await env.DB.prepare("UPDATE users SET email_verified_at = NULL WHERE id = ?")
      .bind(person.userId)
      .run();
    await using workflows = await introspectWorkflow(env.EXPORT_WORKFLOW);
    const requested = await requestExport(person.headers, person.resumeId, { format: "txt" });
    expect(requested.status).toBe(202);
    await waitForJob(requested.body.data.job_id, "succeeded", 45_000);
    const [instance] = workflows.get();
    await instance!.waitForStatus("complete");
    expect(await instance!.waitForStepResult({ name: "notify" })).toEqual({ sent: false });
    expect(
      await countRows(
        "SELECT count(*) AS n FROM email_outbox WHERE to_address = ? AND template = 'export_ready'",
        person.email,
      ),
    ).toBe(0);
  });

  it("writes plain ATS text: the same facts, headings in capitals, no markup", async () => {
    const person = await personWithResume(full);
    const { jobId } = await finishedExport(person, { format: "txt" });
    const { response, bytes } = await download(person.headers, jobId);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith("AMARA OKAFOR\nSenior Platform Engineer\n")).toBe(true);
    expect(text).toContain("\nEXPERIENCE\n");
    expect(text).toContain("ten years");
    expect(text).not.toMatch(/\*\*|<\/?[a-z]+>/);
    expect(text).toContain("- fast, boring deploys");
    expect(text).toContain("my notes (https://amara.example.com/notes)");
    expect(text).not.toContain("Marker");
  });

  it("writes the JSON Resume document that imports back without losing anything", async () => {
    const person = await personWithResume(full);
    const { jobId } = await finishedExport(person, { format: "json" });
    const { bytes } = await download(person.headers, jobId);
    const exported = JSON.parse(new TextDecoder().decode(bytes));
    const stored = await api(`/api/resumes/${person.resumeId}`, { headers: person.headers });
    const { $schema: _schema, ...rest } = exported;
    expect(rest).toEqual(stored.body.data.data);

    const imported = await api("/api/resumes/import", {
      method: "POST",
      headers: { ...person.headers, "Content-Type": "application/json" },
      body: new TextDecoder().decode(bytes),
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    const { $schema: _again, ...back } = imported.body.data.data;
    // Nothing lost; a document that names no look gets its template's font and colour.
    const original = stored.body.data.data;
    expect(back).toEqual({
      ...original,
      meta: { ...original.meta, style: styleAtCreation(original.meta?.style, undefined) },
    });
    expect(
      await countRows("SELECT count(*) AS n FROM resumes WHERE user_id = ?", person.userId),
    ).toBe(2);
  });
});
