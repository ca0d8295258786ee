import { eq } from "drizzle-orm";
import { createDb } from "../../db/client";
import { type ProfileRow, profiles, users } from "../../db/schema";
import type { Env } from "../env";

export interface ProfileView {
  headline: string | null;
  location: string | null;
  website: string | null;
  locale: string;
  timezone: string;
  onboarding_step: ProfileRow["onboardingStep"];
}

export const toProfileView = (row: ProfileRow): ProfileView => ({
  headline: row.headline,
  location: row.location,
  website: row.website,
  locale: row.locale,
  timezone: row.timezone,
  onboarding_step: row.onboardingStep,
});

/** The profile, created on first read if the signup workflow has not made it yet. */
export async function getOrCreateProfile(
  env: Pick<Env, "DB">,
  userId: string,
): Promise<ProfileRow> {
  const db = createDb(env.DB);
  const now = Date.now();
  await db
    .insert(profiles)
    .values({ userId, createdAt: now, updatedAt: now })
    .onConflictDoNothing();
  const row = await db.query.profiles.findFirst({ where: eq(profiles.userId, userId) });
  if (!row) throw new Error(`profile of ${userId} vanished`);
  return row;
}

export interface ProfileChanges {
  headline?: string | null;
  location?: string | null;
  website?: string | null;
  locale?: string;
  timezone?: string;
  onboarding_step?: ProfileRow["onboardingStep"];
  /** Chosen during onboarding; billing owns the subscription from its issue on. */
  plan?: string;
}

export async function updateProfile(env: Pick<Env, "DB">, userId: string, changes: ProfileChanges) {
  await getOrCreateProfile(env, userId);
  const db = createDb(env.DB);
  const now = Date.now();
  const { plan, onboarding_step, ...fields } = changes;
  await db.batch([
    db
      .update(profiles)
      .set({
        ...fields,
        ...(onboarding_step ? { onboardingStep: onboarding_step } : {}),
        updatedAt: now,
      })
      .where(eq(profiles.userId, userId)),
    db
      .update(users)
      .set({ ...(plan ? { plan } : {}), updatedAt: now })
      .where(eq(users.id, userId)),
  ]);
}
