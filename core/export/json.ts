import type { ResumeData } from "../resume/schema";

const SCHEMA = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json";

/**
 * The JSON Resume document exactly as stored: every standard section, fields other tools
 * added, custom sections and `meta` (layout and styling) all survive, so
 * `POST /api/resumes/import` takes it back without losing anything. `$schema` is only
 * added when the document has none, and the editor's own data sits where JSON Resume
 * allows extensions (`meta`, extra fields).
 */
export function resumeToJson(data: ResumeData): string {
  const document = data.$schema ? data : { $schema: SCHEMA, ...data };
  return `${JSON.stringify(document, null, 2)}\n`;
}
