const withoutTrailingSlash = (path: string) => path.replace(/\/+$/, "") || "/";

/**
 * Whether a navigation entry is the current page: its path exactly, or (unless it matches only
 * exactly) a page under it — but not a page under a more specific entry, so on
 * /moderation/appeals the "Appeals" entry is current and "Moderation" is not. Paths are as
 * the browser shows them (with the app's base).
 */
export function isCurrentNav(
  here: string,
  item: { path: string; end?: boolean },
  /** Every entry's path, this one's included. */
  paths: readonly string[],
): boolean {
  const at = withoutTrailingSlash(here);
  const there = withoutTrailingSlash(item.path);
  if (at === there) return true;
  if (item.end) return false;
  const under = (path: string) => at === path || at.startsWith(`${path}/`);
  if (!under(there)) return false;
  return !paths
    .map(withoutTrailingSlash)
    .some((other) => other.length > there.length && other.startsWith(`${there}/`) && under(other));
}
