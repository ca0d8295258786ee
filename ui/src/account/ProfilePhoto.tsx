import { createResource, Show } from "solid-js";
import { fetchAvatar, removeAvatar, uploadAvatar } from "~/api/media";
import { api } from "~/auth/session";
import { PhotoPicker } from "~/media/PhotoPicker";
import { Card } from "~kit/design-system/components/Card";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { LoadError } from "~kit/forms/LoadError";

/**
 * The account's avatar (README "Photos"): upload, replace or remove it. Its address is
 * given only to its owner; no public page shows it.
 */
export function ProfilePhoto() {
  const [avatar, { mutate, refetch }] = createResource(async () => (await fetchAvatar(api)).photo);
  return (
    <Card title="Profile photo">
      <Show
        when={!avatar.loading}
        fallback={<SkeletonText lines={2} label="Loading your photo…" />}
      >
        <Show
          when={!avatar.error}
          fallback={<LoadError what="Your photo" error={avatar.error} onRetry={refetch} />}
        >
          <PhotoPicker
            id="account-avatar-upload"
            current={avatar()?.url ?? null}
            moderation={avatar()?.moderation ?? null}
            alt="Your profile photo"
            upload={(file) => uploadAvatar(api, file)}
            onUploaded={(photo) => mutate(photo)}
            remove={
              avatar()
                ? async () => {
                    await removeAvatar(api);
                    mutate(null);
                  }
                : undefined
            }
          />
        </Show>
      </Show>
    </Card>
  );
}
