import { createResource } from "solid-js";
import { api, currentUser } from "~/auth/session";
import type { UserFeatures } from "~core/config/feature-flags";

/**
 * The signed-in user's feature flags (README "Live configuration"), asked once per account and
 * page load. Until they are known, or if the answer fails, a feature counts as on: the Worker
 * still refuses it with `feature_disabled`, and the button only hides what would be refused.
 */
const asked = new Map<string, Promise<UserFeatures>>();

function flagsOf(userId: string): Promise<UserFeatures> {
  let pending = asked.get(userId);
  if (!pending) {
    pending = api.get<UserFeatures>("/api/features");
    pending.catch(() => asked.delete(userId));
    asked.set(userId, pending);
  }
  return pending;
}

/** Whether `flag` is on for the signed-in user: true until known to be off. */
export function useFeature(flag: string): () => boolean {
  const [features] = createResource(() => currentUser()?.id, flagsOf);
  return () => (features.error ? true : (features.latest?.flags[flag] ?? true));
}
