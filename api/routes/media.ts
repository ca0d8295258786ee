import { Hono } from "hono";
import { MEDIA_KEY_PATTERN } from "../../core/media/photo-rules";
import { readPhoto } from "../../server/media/photos";
import type { AppEnv } from "../app-env";
import { requestContext } from "../middleware/request-context";

/**
 * `GET /media/{key}`: an uploaded photo, served by the Worker from R2 (README "Photos").
 *
 * Who may read what: the address is the capability. Keys carry an HMAC only this deployment
 * can compute (server/media/photos.ts), so an address is known only to its owner (the API
 * answers) and to whoever sees a page that shows it — a resume photo on the public share
 * page is meant to be seen; an avatar appears on no public page, so in practice only its
 * owner has its address. A deleted or replaced photo is a 404 at once (its row is gone).
 *
 * Its own small app, like the share pages: the answer is image bytes (or a plain 404), not
 * an envelope, and it needs no session.
 */
const notFound = () =>
  new Response("Not found", {
    status: 404,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });

/** The same key never names other bytes: a browser may keep it for a year without asking. */
const CACHE_CONTROL = "private, max-age=31536000, immutable";

export const mediaApp = new Hono<AppEnv>()
  .use("*", requestContext)
  .on(["GET", "HEAD"], "/media/:key", async (c) => {
    const key = c.req.param("key");
    if (!MEDIA_KEY_PATTERN.test(key)) return notFound();
    const etag = `"${key.slice(0, 64)}"`;
    const photo = await readPhoto(c.env, key);
    if (!photo) return notFound();
    const headers = new Headers({
      "Content-Type": photo.contentType,
      "Content-Length": String(photo.size),
      ETag: etag,
      "Cache-Control": CACHE_CONTROL,
      // An image is never a document: nothing runs in it even if opened on its own.
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Referrer-Policy": "no-referrer",
      // Not same-origin: the editor's preview is a sandboxed frame with an opaque origin,
      // and its <img> must still load the photo. The unguessable address is the guard.
      "Cross-Origin-Resource-Policy": "cross-origin",
      "Content-Disposition": "inline",
    });
    const notModified = c.req.header("if-none-match") === etag;
    if (notModified || c.req.method === "HEAD") {
      await photo.body.cancel();
      if (notModified) headers.delete("Content-Length");
      return new Response(null, { status: notModified ? 304 : 200, headers });
    }
    return new Response(photo.body, { status: 200, headers });
  })
  .all("*", () => notFound());
