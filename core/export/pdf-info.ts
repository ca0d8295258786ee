/**
 * Chromium's `page.pdf()` writes the document title into the PDF but has no author field.
 * This appends an incremental update (PDF 1.7 §7.5.6): a new document-information
 * dictionary plus an xref section pointing at it, chained to the original with `/Prev`.
 * The original bytes are untouched, so nothing Chromium wrote can be damaged.
 */
export interface PdfInfo {
  title: string;
  author: string;
  subject?: string;
}

const latin1 = new TextDecoder("latin1");

/** A PDF text string as UTF-16BE hex: any character, nothing to escape. */
function pdfText(value: string): string {
  let hex = "FEFF";
  for (let i = 0; i < value.length; i++) hex += value.charCodeAt(i).toString(16).padStart(4, "0");
  return `<${hex.toUpperCase()}>`;
}

export function setPdfInfo(pdf: Uint8Array, info: PdfInfo, now = new Date()): Uint8Array {
  // The trailer and startxref live in the last kilobytes; reading them as latin1 keeps
  // byte offsets equal to string offsets.
  const tail = latin1.decode(pdf.subarray(Math.max(0, pdf.length - 4096)));
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  const trailerAt = tail.lastIndexOf("trailer");
  if (!startxref || trailerAt < 0) throw new Error("PDF has no classic trailer to update");
  const trailer = tail.slice(trailerAt);
  const size = /\/Size\s+(\d+)/.exec(trailer);
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(trailer);
  if (!size || !root) throw new Error("PDF trailer lacks /Size or /Root");
  const id = /\/ID\s*(\[[^\]]*\])/.exec(trailer);
  const objectNumber = Number(size[1]);
  const date = `D:${now.toISOString().replace(/[-:T]/g, "").slice(0, 14)}Z`;
  const fields = [
    `/Title ${pdfText(info.title)}`,
    `/Author ${pdfText(info.author)}`,
    info.subject ? `/Subject ${pdfText(info.subject)}` : "",
    "/Creator (Resume Builder)",
    "/Producer (Chromium via Resume Builder)",
    `/CreationDate (${date})`,
  ].filter(Boolean);
  const separator = pdf[pdf.length - 1] === 0x0a ? "" : "\n";
  const objectOffset = pdf.length + separator.length;
  const object = `${objectNumber} 0 obj\n<< ${fields.join(" ")} >>\nendobj\n`;
  const xrefOffset = objectOffset + object.length;
  const update =
    separator +
    object +
    `xref\n${objectNumber} 1\n${String(objectOffset).padStart(10, "0")} 00000 n \n` +
    `trailer\n<< /Size ${objectNumber + 1} /Root ${root[1]} /Info ${objectNumber} 0 R /Prev ${startxref[1]}${id ? ` /ID ${id[1]}` : ""} >>\n` +
    `startxref\n${xrefOffset}\n%%EOF\n`;
  const bytes = new Uint8Array(pdf.length + update.length);
  bytes.set(pdf);
  for (let i = 0; i < update.length; i++) bytes[pdf.length + i] = update.charCodeAt(i);
  return bytes;
}
