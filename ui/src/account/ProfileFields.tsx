import { createSignal } from "solid-js";
import type { Profile } from "~core/contract/profile";
import { TextField } from "~kit/design-system/components/TextField";
import { normalizeWebsite } from "~kit/forms/fields";

/**
 * Headline, location and website: what a new resume's basics start from (README "Profile and
 * security emails"), asked at onboarding and edited on the profile page with the same fields,
 * checks and normalising.
 */

// The API's bound (core/contract/profile.ts), checked here first so the message is specific.
const TEXT_MAX = 120;

/** Also the form's message for the API's refusal of the address. */
export const WEBSITE_MESSAGE = "Enter a web address like https://example.com.";

type ProfileField = "headline" | "location" | "website";

export function createProfileFields(initial: Pick<Profile, ProfileField>) {
  const [headline, setHeadline] = createSignal(initial.headline ?? "");
  const [location, setLocation] = createSignal(initial.location ?? "");
  const [website, setWebsite] = createSignal(initial.website ?? "");
  const tooLong = (value: string, what: string) =>
    value.trim().length > TEXT_MAX ? `Keep the ${what} to ${TEXT_MAX} characters.` : undefined;
  return {
    headline,
    setHeadline,
    location,
    setLocation,
    website,
    setWebsite,
    /** The three fields' problems, for the form's `validate`. */
    problems: () => ({
      headline: tooLong(headline(), "headline"),
      location: tooLong(location(), "location"),
      website: website().trim() && !normalizeWebsite(website()) ? WEBSITE_MESSAGE : undefined,
    }),
    /** What to send; the website is shown as it will be saved (`https://` added). */
    values: () => {
      const url = normalizeWebsite(website());
      if (url) setWebsite(url);
      return {
        headline: headline().trim() || null,
        location: location().trim() || null,
        website: url,
      };
    },
  };
}

type Bind = <T>(
  field: ProfileField,
  value: () => T,
  setValue: (next: T) => void,
) => { readonly value: T; onChange(next: T): void; readonly error: string | undefined };

export function ProfileFields(props: {
  fields: ReturnType<typeof createProfileFields>;
  bind: Bind;
  /** Element ids, unique on the page, as the form's `fields` names them. */
  ids: Record<ProfileField, string>;
  headlineHint: string;
  websiteHint?: string;
}) {
  const fields = props.fields;
  return (
    <>
      <TextField
        id={props.ids.headline}
        label="Headline"
        description={props.headlineHint}
        maxLength={TEXT_MAX}
        {...props.bind("headline", fields.headline, fields.setHeadline)}
      />
      <TextField
        id={props.ids.location}
        label="Location"
        description="City and country, or “Remote”."
        autocomplete="address-level2"
        maxLength={TEXT_MAX}
        {...props.bind("location", fields.location, fields.setLocation)}
      />
      <TextField
        id={props.ids.website}
        label="Website"
        type="url"
        inputMode="url"
        autocomplete="url"
        description={props.websiteHint}
        {...props.bind("website", fields.website, fields.setWebsite)}
      />
    </>
  );
}
