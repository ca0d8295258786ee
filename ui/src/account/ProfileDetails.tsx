import { createSignal, Show } from "solid-js";
import { updateProfile } from "~/api/profile";
import { api, updateCurrentUser } from "~/auth/session";
import type { ProfileResult } from "~core/contract/profile";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { Card } from "~kit/design-system/components/Card";
import { ErrorSummary } from "~kit/design-system/components/ErrorSummary";
import { TextField } from "~kit/design-system/components/TextField";
import { createForm } from "~kit/forms/create-form";
import { createProfileFields, ProfileFields, WEBSITE_MESSAGE } from "./ProfileFields";

// The API's bound (core/contract/profile.ts), checked here first so the message is specific.
const NAME_MAX = 100;

/**
 * Name, headline, location and website: what the account shows and what a new resume's
 * basics start from (README "Profile and security emails").
 */
export function ProfileDetails(props: {
  loaded: ProfileResult;
  onSaved: (r: ProfileResult) => void;
}) {
  const [name, setName] = createSignal(props.loaded.user.name);
  const fields = createProfileFields(props.loaded.profile);
  const [saved, setSaved] = createSignal(false);

  const form = createForm({
    fields: {
      name: "profile-name",
      headline: "profile-headline",
      location: "profile-location",
      website: "profile-website",
    },
    validate: () => ({
      name: !name().trim()
        ? "Enter your name."
        : name().trim().length > NAME_MAX
          ? `Keep the name to ${NAME_MAX} characters.`
          : undefined,
      ...fields.problems(),
    }),
    fieldMessages: { website: WEBSITE_MESSAGE },
  });

  const submit = (event: SubmitEvent) =>
    form.submit(event, async () => {
      setSaved(false);
      const response = await updateProfile(api, { name: name().trim(), ...fields.values() });
      updateCurrentUser(response.user);
      props.onSaved(response);
      setSaved(true);
    });

  return (
    <Card title="Your details">
      <div class="ds-stack">
        <Show when={saved()}>
          <Alert tone="success">Saved. New resumes start with these details.</Alert>
        </Show>
        <ErrorSummary problems={form.problems()} focusKey={form.summaryFocus()} />
        <form class="auth-form security__form" onSubmit={submit} noValidate>
          <TextField
            id="profile-name"
            label="Name"
            autocomplete="name"
            maxLength={NAME_MAX}
            required
            {...form.bind("name", name, setName)}
          />
          <ProfileFields
            fields={fields}
            bind={form.bind}
            ids={{
              headline: "profile-headline",
              location: "profile-location",
              website: "profile-website",
            }}
            headlineHint="The line under your name on a new resume, e.g. “Senior product designer”."
          />
          <div>
            <Button type="submit" loading={form.pending()}>
              Save details
            </Button>
          </div>
        </form>
      </div>
    </Card>
  );
}
