import type { User } from "~kit/api/auth";
import type { ApiClient } from "~kit/api/client";
import type { PaidPlan } from "./billing";

export type OnboardingStep = "profile" | "plan" | "done";

export interface Profile {
  headline: string | null;
  location: string | null;
  website: string | null;
  locale: string | null;
  timezone: string | null;
  onboarding_step: OnboardingStep;
  /** A paid plan chosen at sign-up or onboarding, for checkout; never the account's plan. */
  plan_intent: PaidPlan | null;
}

export interface ProfileResponse {
  profile: Profile;
  user: User;
}

export interface ProfileChanges {
  headline?: string | null;
  location?: string | null;
  website?: string | null;
  locale?: string;
  timezone?: string;
  onboarding_step?: OnboardingStep;
  /** The paid plan to check out, or null for none. The plan itself changes only by billing. */
  plan_intent?: PaidPlan | null;
}

export const fetchProfile = (api: ApiClient, signal?: AbortSignal) =>
  api.get<ProfileResponse>("/api/profile", { signal });

export const updateProfile = (api: ApiClient, changes: ProfileChanges) =>
  api.patch<ProfileResponse>("/api/profile", changes);
