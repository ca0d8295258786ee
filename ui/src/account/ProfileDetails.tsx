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
import { normalizeWebsite } from "~kit/forms/fields";

// The API's bounds (core/contract/profile.ts), checked here first so the message is specific.
const NAME_MAX = 100;
const TEXT_MAX = 120;

/**
 * Name, headline, location and website: what the account shows and what a new resume's
 * basics start from (README "Profile and security emails").
 */
export function ProfileDetails(props: {
  loaded: ProfileResult;
  onSaved: (r: ProfileResult) => void;
}) {
  const [name, setName] = createSignal(props.loaded.user.name);
  const [headline, setHeadline] = createSignal(props.loaded.profile.headline ?? "");
  const [location, setLocation] = createSignal(props.loaded.profile.location ?? "");
  const [website, setWebsite] = createSignal(props.loaded.profile.website ?? "");
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
      headline:
        headline().trim().length > TEXT_MAX
          ? `Keep the headline to ${TEXT_MAX} characters.`
          : undefined,
      location:
        location().trim().length > TEXT_MAX
          ? `Keep the location to ${TEXT_MAX} characters.`
          : undefined,
      website:
        website().trim() && !normalizeWebsite(website())
          ? "Enter a web address like https://example.com."
          : undefined,
    }),
    fieldMessages: { website: "Enter a web address like https://example.com." },
  });

  const submit = (event: SubmitEvent) =>
    form.submit(event, async () => {
      setSaved(false);
      const url = normalizeWebsite(website());
      if (url) setWebsite(url);
      const response = await updateProfile(api, {
        name: name().trim(),
        headline: headline().trim() || null,
        location: location().trim() || null,
        website: url,
      });
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
          <TextField
            id="profile-headline"
            label="Headline"
            description="The line under your name on a new resume, e.g. “Senior product designer”."
            maxLength={TEXT_MAX}
            {...form.bind("headline", headline, setHeadline)}
          />
          <TextField
            id="profile-location"
            label="Location"
            description="City and country, or “Remote”."
            autocomplete="address-level2"
            maxLength={TEXT_MAX}
            {...form.bind("location", location, setLocation)}
          />
          <TextField
            id="profile-website"
            label="Website"
            type="url"
            inputMode="url"
            autocomplete="url"
            {...form.bind("website", website, setWebsite)}
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
