import type { Context } from "hono";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { getCookie, setCookie } from "hono/cookie";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import { reportFormSchema } from "../../core/contract/moderation";
import { contentDisposition } from "../../core/export/formats";
import { resumeDataSchema } from "../../core/resume/schema";
import { sha256Hex } from "../../core/security/crypto";
import {
  documentCsp,
  messagePage,
  notFoundPage,
  PAGE_CSP,
  passwordPage,
  reportPage,
  resumeFontUrl,
  withBranding,
  withDownloadLink,
  withReportLink,
} from "../../core/share/page";
import { EVERY_SUBSET, renderResumeDocument } from "../../core/templates";
import { verifyAccessToken } from "../../server/auth/tokens";
import { brandingRemoved } from "../../server/billing/entitlements";
import { planTable } from "../../server/config/plan-table";
import { AppError } from "../../server/errors";
import { errorFields } from "../../server/logger";
import { withPublishablePhoto } from "../../server/media/photos";
import { fileReport } from "../../server/moderation/reports";
import { enforceLimit } from "../../server/ops/rate-limits";
import { countDownload, sharePdf } from "../../server/resumes/share-pdf";
import { unlockShare } from "../../server/resumes/share-unlock";
import { countView, findPublicShare, type PublicShare } from "../../server/resumes/shares";
import type { AppEnv } from "../app-env";
import { ACCESS_COOKIE } from "../lib/auth-cookies";
import { clientKey } from "../lib/request";
import {
  SHARE_ACCESS_COOKIE,
  SHARE_ACCESS_TTL_SECONDS,
  signShareAccess,
  verifyShareAccess,
} from "../lib/share-access";
import { requestContext } from "../middleware/request-context";
import { securityHeaders } from "../middleware/security";
import { threatIntel } from "../middleware/threat-intel";

/**
 * `/r/{slug}`: the public page of a shared resume, rendered here with the same template
 * function as the editor preview and the PDF. It is its own small app rather than part of
 * the JSON API: every answer is an HTML page (a missing link is a 404 page, not an
 * envelope), and the password form's POST only ever grants a read cookie for one link, so
 * it needs none of the API's session-CSRF machinery (a signed-in visitor's cookies would
 * otherwise have it refused).
 */
type ShareContext = Context<AppEnv>;

function htmlPage(
  c: ShareContext,
  html: string,
  status: ContentfulStatusCode,
  headers: Record<string, string> = {},
) {
  return c.html(html, status, {
    "Content-Security-Policy": PAGE_CSP,
    "X-Robots-Tag": "noindex",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "private, no-store",
    ...headers,
  });
}

const notFound = (c: ShareContext) => htmlPage(c, notFoundPage(), 404);

/** Who is signed in, by cookie or bearer token; null for anyone else. */
async function signedInUserId(c: ShareContext): Promise<string | null> {
  const token =
    c.req
      .header("authorization")
      ?.match(/^Bearer\s+(.+)$/i)?.[1]
      ?.trim() ?? getCookie(c, ACCESS_COOKIE);
  if (!token) return null;
  try {
    const verified = await verifyAccessToken(c.env, token);
    return verified?.claims.sub ?? null;
  } catch {
    // No signing keys configured: nobody is signed in.
    return null;
  }
}

/** Whether this visitor may read a link: an open one, its owner, or the password given. */
async function mayRead(c: ShareContext, share: PublicShare, owner: boolean): Promise<boolean> {
  if (!share.passwordHash || owner) return true;
  return verifyShareAccess(
    c.env,
    getCookie(c, SHARE_ACCESS_COOKIE),
    share.slug,
    share.passwordHash,
    c.get("now"),
  );
}

/** Whether the request comes from the resume's owner. */
const isOwner = async (c: ShareContext, share: PublicShare) =>
  (await signedInUserId(c)) === share.ownerId;

const cookieOptions = (slug: string) =>
  ({
    path: `/r/${slug}`,
    httpOnly: true,
    secure: true,
    sameSite: "Lax",
  }) as const;

/** A link whose content is not (or no longer) public: what visitors see instead. */
function unpublished(c: ShareContext, share: PublicShare) {
  switch (share.publicationState) {
    case "taken_down":
      return htmlPage(
        c,
        messagePage(
          "This resume was taken down",
          "It was removed because it broke the content rules. Its owner has been told.",
        ),
        410,
      );
    case "withheld":
      return htmlPage(
        c,
        messagePage(
          "This resume is being reviewed",
          "It is offline while a moderator looks at it. Try again later.",
        ),
        503,
        { "Retry-After": "3600" },
      );
    default:
      // Its first content check usually takes a second or two.
      return htmlPage(
        c,
        messagePage(
          "This resume is almost ready",
          "It is being checked before it goes public. Reload the page in a few seconds.",
        ),
        503,
        { "Retry-After": "5" },
      );
  }
}

/**
 * The resume as it last passed content moderation (README "Content moderation"), not as it is
 * saved now: newer edits show once their check passes.
 */
async function renderShare(c: ShareContext, share: PublicShare, owner: boolean) {
  if (share.publicationState !== "live" || share.publishedJson === null) {
    return unpublished(c, share);
  }
  const published = resumeDataSchema.parse(JSON.parse(share.publishedJson));
  let html = renderResumeDocument(await withPublishablePhoto(c.env, published), {
    noindex: share.noindex,
    fonts: resumeFontUrl,
    fontSubsets: EVERY_SUBSET,
  });
  const owned = { plan: share.ownerPlan, plans: await planTable(c.env) };
  if (!brandingRemoved(owned)) html = withBranding(html);
  html = withDownloadLink(withReportLink(html, share.slug), share.slug);
  if (!owner && c.req.method !== "HEAD") await countView(c.env, share, clientKey(c), c.get("now"));
  return c.html(html, 200, {
    "Content-Security-Policy": `${documentCsp(html)}; frame-ancestors 'none'`,
    // The slug is the link's only secret when it has no password: never send it onwards.
    "Referrer-Policy": "no-referrer",
    "Cache-Control": share.passwordHash ? "private, no-store" : "private, no-cache",
    ...(share.noindex ? { "X-Robots-Tag": "noindex" } : {}),
  });
}

const passwordFormSchema = z.object({
  password: z.string().min(1, "Enter the password.").max(128, "That password is too long."),
});

/** The password form is one short field: a larger body is refused before anything reads it. */
const PASSWORD_FORM_MAX_BYTES = 4 * 1024;
const passwordFormLimit = bodyLimit({
  maxSize: PASSWORD_FORM_MAX_BYTES,
  onError: (c) =>
    htmlPage(c, messagePage("Too large", "That form is larger than a password needs."), 413),
});

/** The report form: a category and at most 1,000 characters. */
const reportFormLimit = bodyLimit({
  maxSize: 8 * 1024,
  onError: (c) =>
    htmlPage(c, messagePage("Too large", "That report is longer than we accept."), 413),
});

export const publicShareApp = new Hono<AppEnv>()
  .use("*", requestContext, securityHeaders, threatIntel)
  .get("/r/:slug", async (c) => {
    const share = await findPublicShare(c.env, c.req.param("slug"));
    if (!share) return notFound(c);
    const owner = await isOwner(c, share);
    if (!(await mayRead(c, share, owner))) return htmlPage(c, passwordPage(share.slug), 200);
    return renderShare(c, share, owner);
  })
  .get("/r/:slug/pdf", async (c) => {
    const share = await findPublicShare(c.env, c.req.param("slug"));
    if (!share) return notFound(c);
    const owner = await isOwner(c, share);
    // The password form lives on the page itself, whose button leads back here once unlocked.
    if (!(await mayRead(c, share, owner))) return c.redirect(`/r/${share.slug}`, 303);
    if (share.publicationState !== "live" || share.publishedJson === null) {
      return unpublished(c, share);
    }
    if (!owner) await enforceLimit(c.env, "sharePdfPerAddress", clientKey(c), c.get("now"));
    const pdf = await sharePdf(c.env, share, c.get("logger"));
    if (!owner && c.req.method !== "HEAD") await countDownload(c.env, share.resumeId);
    return c.body(pdf.bytes, 200, {
      "Content-Type": "application/pdf",
      "Content-Disposition": contentDisposition(pdf.filename),
      "Referrer-Policy": "no-referrer",
      "Cache-Control": "private, no-store",
      "X-Robots-Tag": "noindex",
    });
  })
  .post("/r/:slug", passwordFormLimit, async (c) => {
    const share = await findPublicShare(c.env, c.req.param("slug"));
    if (!share) return notFound(c);
    // An open link has nothing to unlock: back to the page.
    if (!share.passwordHash) return c.redirect(`/r/${share.slug}`, 303);
    const form = passwordFormSchema.safeParse(await c.req.parseBody().catch(() => ({})));
    if (!form.success) {
      const message = form.error.issues[0]?.message ?? "Enter the password.";
      return htmlPage(c, passwordPage(share.slug, message), 400);
    }
    const unlock = await unlockShare(
      c.env,
      {
        slug: share.slug,
        passwordHash: share.passwordHash,
        visitor: clientKey(c),
        password: form.data.password,
      },
      c.get("now"),
    );
    if (unlock.outcome === "limited") {
      const minutes = Math.ceil(unlock.retryAfterSeconds / 60);
      return htmlPage(
        c,
        messagePage(
          "Too many tries",
          `Too many wrong passwords for this link. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
        ),
        429,
        { "Retry-After": String(unlock.retryAfterSeconds) },
      );
    }
    if (unlock.outcome === "wrong") {
      return htmlPage(c, passwordPage(share.slug, "That password is not right. Try again."), 401);
    }
    setCookie(
      c,
      SHARE_ACCESS_COOKIE,
      await signShareAccess(c.env, share.slug, share.passwordHash, c.get("now")),
      {
        ...cookieOptions(share.slug),
        maxAge: SHARE_ACCESS_TTL_SECONDS,
      },
    );
    return c.redirect(`/r/${share.slug}`, 303);
  })
  .get("/r/:slug/report", async (c) => {
    const share = await findPublicShare(c.env, c.req.param("slug"));
    if (share?.publicationState !== "live") return notFound(c);
    return htmlPage(c, reportPage(share.slug), 200);
  })
  .post("/r/:slug/report", reportFormLimit, async (c) => {
    const share = await findPublicShare(c.env, c.req.param("slug"));
    if (share?.publicationState !== "live") return notFound(c);
    const form = reportFormSchema.safeParse(await c.req.parseBody().catch(() => ({})));
    if (!form.success) {
      return htmlPage(c, reportPage(share.slug, "Choose what the problem is."), 400);
    }
    const userId = await signedInUserId(c);
    if (userId === share.ownerId) {
      return htmlPage(
        c,
        messagePage("This is your resume", "To change what it shows, edit it in the editor."),
        400,
      );
    }
    const address = clientKey(c);
    const outcome = await fileReport(
      c.env,
      {
        share,
        category: form.data.category,
        message: form.data.message,
        reporterKey: await sha256Hex(userId ? `user:${userId}` : `address:${address}`),
        reporterUserId: userId,
        address,
      },
      c.get("now"),
    );
    return htmlPage(
      c,
      messagePage(
        "Thank you",
        outcome === "filed"
          ? "Your report was sent. Moderators will look at this resume."
          : "You have already reported this resume; moderators will look at it.",
      ),
      200,
    );
  })
  .all("*", (c) => notFound(c))
  .onError((error, c) => {
    // The resume left the bin's reach between the two look-ups, say.
    if (error instanceof AppError && error.status === 404) return notFound(c);
    if (error instanceof AppError && error.status === 429) {
      return htmlPage(c, messagePage("Please wait", error.message), 429, error.headers);
    }
    if (error instanceof AppError && error.status === 503) {
      return htmlPage(
        c,
        messagePage("Temporarily unavailable", "This page cannot be shown right now."),
        503,
      );
    }
    c.get("logger")?.error("share page failed", errorFields(error));
    return htmlPage(
      c,
      messagePage("Something went wrong", "This page could not be shown. Try again later."),
      500,
    );
  });
