/** An epoch-millisecond time as the API writes it (ISO 8601), or null for none. */
export const isoOrNull = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
