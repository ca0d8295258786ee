import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { jsonTextNestsDeeperThan } from "../../core/json/nesting";
import { PHOTO_LIMITS } from "../../core/media/photo-rules";
import { LIMITS } from "../../core/resume/schema";
import { AppError } from "../../server/errors";
import type { AppEnv } from "../app-env";

/**
 * One cap on every request body, checked before anything parses it: the largest thing the
 * API takes is a resume document (1 MB, `LIMITS.documentBytes`), so no body may be larger
 * — `POST /api/resumes` and `PATCH` refuse what import refuses. Only the import form gets
 * room for its multipart framing on top, and a photo upload its 5 MB image. Stripe's events
 * are a few kilobytes.
 */
export const BODY_MAX_BYTES = LIMITS.documentBytes;
const IMPORT_FORM_MAX_BYTES = LIMITS.documentBytes + 64 * 1024;
const IMPORT_PATH = "/api/resumes/import";

/**
 * No JSON body nests deeper than a resume document inside a request (16 levels, plus the
 * request's own object): checked on the raw text, so a value a million levels deep is
 * refused in one pass before `JSON.parse` or anything recursive sees it.
 */
export const JSON_BODY_MAX_DEPTH = LIMITS.documentDepth + 4;

export const payloadTooLarge = (maxBytes: number) =>
  new AppError(
    413,
    "payload_too_large",
    `The request body is larger than ${Math.round(maxBytes / 1000).toLocaleString("en")} kB`,
    { max_bytes: maxBytes },
  );

export const nestedTooDeep = (maxDepth: number, location: string) =>
  new AppError(400, "validation_failed", `The JSON nests deeper than ${maxDepth} levels`, [
    { path: [], message: `Nested deeper than ${maxDepth} levels`, location },
  ]);

const limitTo = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw payloadTooLarge(maxSize);
    },
  });
const anyBody = limitTo(BODY_MAX_BYTES);
const importForm = limitTo(IMPORT_FORM_MAX_BYTES);
/** A photo upload's body is the image file itself: up to PHOTO_LIMITS.maxBytes (README "Photos"). */
const photoBody = limitTo(PHOTO_LIMITS.maxBytes);
const PHOTO_PATH = /^\/api\/(profile\/avatar|resumes\/[^/]+\/photo)$/;

const limitFor = (path: string) =>
  path === IMPORT_PATH ? importForm : PHOTO_PATH.test(path) ? photoBody : anyBody;

/** 413 `payload_too_large` for a body over the cap (by Content-Length, or while reading it). */
export const bodySizeLimit = createMiddleware<AppEnv>((c, next) => limitFor(c.req.path)(c, next));

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

/** 400 `validation_failed` for a JSON body nested deeper than JSON_BODY_MAX_DEPTH. */
export const jsonDepthLimit = createMiddleware<AppEnv>(async (c, next) => {
  const mediaType = c.req.header("content-type")?.split(";")[0]?.trim() ?? "";
  if (c.req.raw.body && JSON_MEDIA_TYPE.test(mediaType)) {
    // Hono keeps the text, so the route's validator (or raw read) gets the same body.
    if (jsonTextNestsDeeperThan(await c.req.text(), JSON_BODY_MAX_DEPTH)) {
      throw nestedTooDeep(JSON_BODY_MAX_DEPTH, "json");
    }
  }
  await next();
});
