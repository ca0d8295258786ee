/**
 * A stored section over the code's defaults, entry by entry (README "Live configuration"): an
 * entry the code added after the version was written keeps its default, a field of an entry
 * likewise, and a stored entry the code no longer has is ignored.
 */
export function overlay<T extends Record<string, object>>(
  defaults: T,
  stored: Record<string, unknown> | null,
): T {
  if (!stored) return defaults;
  const result: Record<string, object> = {};
  for (const [name, fallback] of Object.entries(defaults)) {
    const entry = stored[name];
    result[name] =
      typeof entry === "object" && entry !== null ? { ...fallback, ...entry } : fallback;
  }
  return result as T;
}
