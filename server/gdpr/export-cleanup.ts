import { and, eq, inArray, lte } from "drizzle-orm";
import { createDb } from "../../db/client";
import { dataExports } from "../../db/schema";
import type { Env } from "../env";

/** Rows per cron run: a few R2 deletes each; the next run takes the rest. */
const BATCH = 100;

/**
 * Deletes the zips of data exports past their 7 days and marks them `expired` (README "Your
 * data"); their links answer 410 from then on. Run by the five-minute cron, at its
 * scheduled time, so a retried run decides the same.
 */
export async function expireDataExports(
  env: Pick<Env, "DB" | "FILES">,
  now: number,
): Promise<{ expired: number }> {
  const db = createDb(env.DB);
  const due = await db
    .select({ id: dataExports.id, r2Key: dataExports.r2Key })
    .from(dataExports)
    .where(and(eq(dataExports.state, "ready"), lte(dataExports.expiresAt, now)))
    .limit(BATCH);
  if (due.length === 0) return { expired: 0 };
  const keys = due.flatMap((row) => (row.r2Key ? [row.r2Key] : []));
  // The object first: a row marked expired never points at a zip still stored.
  if (keys.length > 0) await env.FILES.delete(keys);
  await db
    .update(dataExports)
    .set({ state: "expired", r2Key: null })
    .where(
      and(
        inArray(
          dataExports.id,
          due.map((row) => row.id),
        ),
        eq(dataExports.state, "ready"),
      ),
    );
  return { expired: due.length };
}
