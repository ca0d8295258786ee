import { eq } from "drizzle-orm";
import { type PaidPlan, planIntentOf } from "../../core/auth/identity";
import { createDb } from "../../db/client";
import { type ProfileRow, profiles, type UserRow, users } from "../../db/schema";
import type { Env } from "../env";

export interface ProfileView {
  headline: string | null;
  location: string | null;
  website: string | null;
  locale: string;
  timezone: string;
  onboarding_step: ProfileRow["onboardingStep"];
  plan_intent: PaidPlan | null;
}

export const toProfileView = (row: ProfileRow, user: Pick<UserRow, "planIntent">): ProfileView => ({
  headline: row.headline,
  location: row.location,
  website: row.website,
  locale: row.locale,
  timezone: row.timezone,
  onboarding_step: row.onboardingStep,
  plan_intent: planIntentOf(user.planIntent),
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
  /** The paid plan to check out (null: none). Never the plan itself, which billing sets. */
  plan_intent?: PaidPlan | null;
}

export async function updateProfile(env: Pick<Env, "DB">, userId: string, changes: ProfileChanges) {
  await getOrCreateProfile(env, userId);
  const db = createDb(env.DB);
  const now = Date.now();
  const { plan_intent, onboarding_step, ...fields } = changes;
  const checkoutIntent = plan_intent === undefined ? {} : { planIntent: plan_intent };
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
      .set({ ...checkoutIntent, updatedAt: now })
      .where(eq(users.id, userId)),
  ]);
}
