/**
 * Paths that reach the Worker because no static file matched. Client-side routes get their
 * app's index.html; anything that looks like a file (a missing build chunk, a typo in an
 * asset URL) gets a real 404, so a broken deploy is visible instead of served as HTML.
 */
export function appShellFor(pathname: string): "/" | "/admin/" | null {
  const lastSegment = pathname.slice(pathname.lastIndexOf("/") + 1);
  const looksLikeFile = lastSegment.includes(".");
  const isBuildAsset = /^\/(admin\/)?_build\//.test(pathname) || pathname.startsWith("/vendor/");
  if (looksLikeFile || isBuildAsset) return null;
  if (pathname === "/admin" || pathname.startsWith("/admin/")) return "/admin/";
  return "/";
}
