import { eq } from "drizzle-orm";
import { planIntentOf } from "../../core/auth/identity";
import type { Profile, ValidProfileChanges } from "../../core/contract/profile";
import type { Basics } from "../../core/resume/schema";
import { createDb } from "../../db/client";
import { type ProfileRow, profiles, type UserRow, users } from "../../db/schema";
import type { Env } from "../env";

/** What the API shows of a profile (the wire contract's `Profile`). */
export const toProfileView = (row: ProfileRow, user: Pick<UserRow, "planIntent">): Profile => ({
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
  now: number,
): Promise<ProfileRow> {
  const db = createDb(env.DB);
  await db
    .insert(profiles)
    .values({ userId, createdAt: now, updatedAt: now })
    .onConflictDoNothing();
  const row = await db.query.profiles.findFirst({ where: eq(profiles.userId, userId) });
  if (!row) throw new Error(`profile of ${userId} vanished`);
  return row;
}

export async function updateProfile(
  env: Pick<Env, "DB">,
  userId: string,
  changes: ValidProfileChanges,
  now: number,
) {
  await getOrCreateProfile(env, userId, now);
  const db = createDb(env.DB);
  const { plan_intent, onboarding_step, name, ...fields } = changes;
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
      .set({ ...checkoutIntent, ...(name === undefined ? {} : { name }), updatedAt: now })
      .where(eq(users.id, userId)),
  ]);
}

/**
 * What a new resume's basics start from (README "Resumes": new resumes): the account's name
 * and email, and the headline, location and website given at onboarding or on the profile
 * page. The location is free text ("Berlin, Germany"), so it goes whole into `city`, the field
 * templates print first.
 */
export async function resumeBasicsOf(
  env: Pick<Env, "DB">,
  user: Pick<UserRow, "id" | "name" | "email">,
): Promise<Basics> {
  const row = await createDb(env.DB).query.profiles.findFirst({
    where: eq(profiles.userId, user.id),
  });
  return {
    name: user.name,
    email: user.email,
    ...(row?.headline ? { label: row.headline } : {}),
    ...(row?.location ? { location: { city: row.location } } : {}),
    ...(row?.website ? { url: row.website } : {}),
    profiles: [],
  };
}
