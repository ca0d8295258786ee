import { describe, expect, it } from "vitest";
import { contentDisposition, exportFilename } from "../../core/export/formats";
import { resumeToJson } from "../../core/export/json";
import { setPdfInfo } from "../../core/export/pdf-info";
import { resumeToText } from "../../core/export/text";
import full from "../fixtures/resumes/full.json";

/** The smallest PDF with a classic xref table and trailer, as Chromium (Skia) writes them. */
function tinyPdf(): Uint8Array {
  const objects = [
    "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
    "2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  for (const object of objects) {
    offsets.push(body.length);
    body += object;
  }
  const xref = body.length;
  body += `xref\n0 3\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

describe("export file names", () => {
  it("derives a safe ASCII name from the title and keeps the original for RFC 5987", () => {
    expect(exportFilename("Jane Doe — CV (2026)", "pdf")).toBe("Jane-Doe-CV-2026.pdf");
    expect(exportFilename("Zoë Ångström", "docx")).toBe("Zoe-Angstrom.docx");
    expect(exportFilename("../../etc/passwd", "txt")).toBe("etc-passwd.txt");
    expect(exportFilename("★★★", "json")).toBe("resume.json");
    expect(contentDisposition('Résumé "final".pdf')).toBe(
      `attachment; filename="R_sum_ _final_.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22.pdf`,
    );
  });
});

describe("PDF metadata update", () => {
  it("appends an info dictionary with title and author that chains to the original xref", () => {
    const original = tinyPdf();
    const updated = setPdfInfo(original, { title: "Zoë — Resume", author: "Zoë" });
    expect(updated.subarray(0, original.length)).toEqual(original);
    const tail = new TextDecoder("latin1").decode(updated.subarray(original.length));
    // UTF-16BE with a byte-order mark: "Zoë" is 005A 006F 00EB
    expect(tail).toContain("/Author <FEFF005A006F00EB>");
    expect(tail).toMatch(/trailer\n<< \/Size 4 \/Root 1 0 R \/Info 3 0 R \/Prev \d+ >>/);
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(tail)?.[1]);
    const text = new TextDecoder("latin1").decode(updated);
    expect(text.slice(startxref, startxref + 4)).toBe("xref");
    const entry = /xref\n3 1\n(\d{10}) 00000 n \n/.exec(tail);
    expect(text.slice(Number(entry?.[1]), Number(entry?.[1]) + 7)).toBe("3 0 obj");
  });

  it("refuses a file without a classic trailer instead of corrupting it", () => {
    expect(() =>
      setPdfInfo(new TextEncoder().encode("%PDF-1.7\n"), { title: "a", author: "b" }),
    ).toThrow();
  });
});

describe("text and JSON exports", () => {
  it("keeps the person's order, leaves hidden entries out and strips markup", () => {
    const text = resumeToText(full);
    expect(text).not.toContain("Marker");
    expect(text).not.toMatch(/\*\*|\]\(/);
    const headings = text.split("\n").filter((line) => /^[A-Z][A-Z ]+$/.test(line));
    expect(headings[0]).toBe("AMARA OKAFOR");
    expect(headings).toContain("EXPERIENCE");
  });

  it("writes the document itself with a $schema, nothing dropped", () => {
    const parsed = JSON.parse(resumeToJson(full));
    const { $schema, ...rest } = parsed;
    expect($schema).toMatch(/^https:\/\//);
    expect(rest).toEqual(full);
  });
});
