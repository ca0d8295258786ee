import { notFoundPage, PAGE_CSP } from "../../core/share/page";
import { siteForHost } from "../../server/custom-domains/host";
import type { Env } from "../../server/env";
import { publicShareApp } from "./public-share";

/**
 * Requests to a customer's own hostname (README "Custom domains"): `/` is the share page
 * they picked, rendered by the `/r/{slug}` app with its moderation, view counting and its
 * "Download PDF" and report links; every other path, and everything on a hostname that is not
 * (or no longer) active, is a 404 page. No API, no app, and no cookies either way.
 */

const READS = new Set(["GET", "HEAD"]);

/** The share app's path for a request on the custom host; null for anything else. */
function sharePath(slug: string, pathname: string, method: string): string | null {
  const page = `/r/${slug}`;
  if (pathname === "/" && READS.has(method)) return page;
  if (pathname === `${page}/pdf` && READS.has(method)) return pathname;
  if (pathname === `${page}/report` && (READS.has(method) || method === "POST")) return pathname;
  return null;
}

const notFound = () =>
  new Response(notFoundPage(), {
    status: 404,
    headers: {
      "Content-Type": "text/html; charset=UTF-8",
      "Content-Security-Policy": PAGE_CSP,
      "X-Robots-Tag": "noindex",
      "Cache-Control": "private, no-store",
    },
  });

/** The answer for a custom hostname; null when the host is ours (the app handles it). */
export async function serveCustomHost(
  request: Request,
  env: Env,
  ctx: ExecutionContext,
): Promise<Response | null> {
  const url = new URL(request.url);
  const site = await siteForHost(env, url.hostname);
  if (site.kind === "ours") return null;
  const path = site.kind === "page" ? sharePath(site.slug, url.pathname, request.method) : null;
  if (!path) return notFound();
  const forwarded = new Request(new URL(path, url.origin), request);
  // Nothing of a session reaches the page from here, and nothing is set on the customer's host.
  forwarded.headers.delete("Cookie");
  forwarded.headers.delete("Authorization");
  const answer = await publicShareApp.fetch(forwarded, env, ctx);
  const response = new Response(answer.body, answer);
  response.headers.delete("Set-Cookie");
  return response;
}
