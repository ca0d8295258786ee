import type { SignupPlan, User } from "./auth";
import type { ApiClient } from "./client";

export type OnboardingStep = "profile" | "plan" | "done";

export interface Profile {
  headline: string | null;
  location: string | null;
  website: string | null;
  locale: string | null;
  timezone: string | null;
  onboarding_step: OnboardingStep;
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
  /** The plan chosen during onboarding; billing takes the subscription over later. */
  plan?: SignupPlan;
}

export const fetchProfile = (api: ApiClient, signal?: AbortSignal) =>
  api.get<ProfileResponse>("/api/profile", { signal });

export const updateProfile = (api: ApiClient, changes: ProfileChanges) =>
  api.patch<ProfileResponse>("/api/profile", changes);
