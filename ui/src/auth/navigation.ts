/**
 * Where to go after signing in: `next` when it is a path inside this app, else the
 * dashboard. Anything that could leave the site ("//evil", "https://…", "/\\evil") is
 * ignored.
 */
export function safeNext(next: string | null | undefined, fallback = "/dashboard"): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
    return fallback;
  }
  if (next.startsWith("/admin") || next.startsWith("/api")) return fallback;
  return next;
}

export const loginPath = (next: string) => `/login?next=${encodeURIComponent(next)}`;
