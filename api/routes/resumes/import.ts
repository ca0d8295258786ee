import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { importResumeQuerySchema, resumeSchema } from "../../../core/contract/resumes";
import { jsonTextNestsDeeperThan } from "../../../core/json/nesting";
import { LIMITS, resumeDataSchema } from "../../../core/resume/schema";
import { AppError } from "../../../server/errors";
import { createResume } from "../../../server/resumes/resumes";
import type { AppEnv } from "../../app-env";
import { ok } from "../../lib/envelope";
import { createRouter } from "../../lib/router";
import {
  bearerSecurity,
  envelopeOf,
  errorEnvelopeSchema,
  errorResponses,
  jsonResponse,
} from "../../lib/schemas";
import { nestedTooDeep } from "../../middleware/body-limits";
import { requireUser } from "../../middleware/principal";
import { etagOf, ownerOf, toResumeBody } from "./schemas";

/** A resume document is kilobytes; anything near this is not one. */
const MAX_IMPORT_BYTES = LIMITS.documentBytes;

const importRoute = createRoute({
  tags: ["Resumes"],
  security: bearerSecurity,
  middleware: [requireUser],
  method: "post",
  path: "/import",
  summary: "Import a JSON Resume document (JSON body, or a file upload in field `file`)",
  description:
    "Fields the schema does not know are kept. A document that does not validate gets 400 with each wrong field's path.",
  request: {
    query: importResumeQuerySchema,
    body: {
      required: true,
      content: {
        "application/json": { schema: resumeDataSchema },
        "multipart/form-data": {
          schema: z.object({
            file: z.any().optional().openapi({ type: "string", format: "binary" }),
          }),
        },
      },
    },
  },
  responses: {
    201: jsonResponse(envelopeOf(resumeSchema), "Imported"),
    403: jsonResponse(errorEnvelopeSchema, "The plan's limit is reached"),
    413: jsonResponse(errorEnvelopeSchema, "The document is larger than 1 MB"),
    ...errorResponses,
  },
});

const tooLarge = () => new AppError(413, "payload_too_large", "The document is larger than 1 MB");
const notJson = (where: string) =>
  new AppError(400, "invalid_json", `The ${where} is not a JSON document`);

/** The uploaded file or the body, as parsed JSON; validation happens after. */
async function readDocument(c: Context<AppEnv>): Promise<{ document: unknown; location: string }> {
  const declared = Number(c.req.header("content-length") ?? 0);
  if (declared > MAX_IMPORT_BYTES) throw tooLarge();
  const type = c.req.header("content-type") ?? "";
  let text: string;
  let location = "json";
  if (type.startsWith("multipart/form-data")) {
    let form: FormData | null = null;
    try {
      form = await c.req.formData();
    } catch {
      // A body that does not parse as a form is answered like a form without the file.
    }
    const file = form?.get("file");
    if (!file || typeof file === "string") {
      throw new AppError(400, "validation_failed", "Attach the document as the file field", [
        { path: ["file"], message: "Required", location: "form" },
      ]);
    }
    if (file.size > MAX_IMPORT_BYTES) throw tooLarge();
    text = await file.text();
    location = "file";
  } else if (type.startsWith("application/json")) {
    text = await c.req.text();
  } else {
    throw new AppError(400, "validation_failed", "Send JSON, or a form with the file", [
      {
        path: ["content-type"],
        message: "Expected application/json or multipart/form-data",
        location: "header",
      },
    ]);
  }
  if (text.length > MAX_IMPORT_BYTES) throw tooLarge();
  // Before parsing, without recursion: a file a million levels deep is refused in one pass.
  if (jsonTextNestsDeeperThan(text, LIMITS.documentDepth)) {
    throw nestedTooDeep(LIMITS.documentDepth, location);
  }
  try {
    return { document: JSON.parse(text), location };
  } catch {
    throw notJson(location === "file" ? "file" : "request body");
  }
}

/** "Ada Lovelace — Engineer": the person and the role, as a resume list names it. */
const titleFrom = (data: z.infer<typeof resumeDataSchema>) =>
  [data.basics?.name, data.basics?.label]
    .map((part) => (typeof part === "string" ? part.replace(/\s+/g, " ").trim() : ""))
    .filter(Boolean)
    .join(" — ")
    .slice(0, 120) || "Imported resume";

export const resumeImportRoutes = createRouter().openapi(
  importRoute,
  // The body is read by hand: the route accepts two media types, one of them a file.
  async (c) => {
    const { document, location } = await readDocument(c);
    const parsed = resumeDataSchema.safeParse(document);
    if (!parsed.success) {
      throw new AppError(
        400,
        "validation_failed",
        "The document is not a valid JSON Resume",
        parsed.error.issues.map((issue) => ({ ...issue, location })),
      );
    }
    const title = c.req.valid("query").title ?? titleFrom(parsed.data);
    const created = await createResume(
      c.env,
      await ownerOf(c),
      { title, data: parsed.data },
      c.get("now"),
      "import",
    );
    c.header("ETag", etagOf(created.version));
    return ok(c, toResumeBody(created), 201);
  },
);
