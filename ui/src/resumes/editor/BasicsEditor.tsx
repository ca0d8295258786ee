import { For, type JSX } from "solid-js";
import { updateBasics } from "../document";
import { EntryList } from "./EntryList";
import { useEditor } from "./editor-state";
import { Field } from "./fields";
import { ResumePhoto } from "./ResumePhoto";
import type { FieldKind } from "./sections";

interface BasicsField {
  key: string;
  label: string;
  kind: FieldKind;
  help?: string;
  autocomplete?: JSX.InputHTMLAttributes<HTMLInputElement>["autocomplete"];
}

const PERSON: BasicsField[] = [
  { key: "name", label: "Full name", kind: "text", autocomplete: "name" },
  { key: "label", label: "Headline", kind: "text", help: "Your role, e.g. Product designer" },
  { key: "email", label: "Email", kind: "email", autocomplete: "email" },
  { key: "phone", label: "Phone", kind: "tel", autocomplete: "tel" },
  { key: "url", label: "Website", kind: "url", help: "Starting with https://" },
  {
    key: "image",
    label: "Photo URL",
    // text, not url: an uploaded photo's address is a same-origin path (/media/…)
    kind: "text",
    help: "Upload a photo below, or give an https:// address for your exports; public pages show only uploaded photos, which we check first",
  },
  { key: "summary", label: "Summary", kind: "rich" },
];

const LOCATION: BasicsField[] = [
  { key: "address", label: "Address", kind: "text", autocomplete: "street-address" },
  { key: "postalCode", label: "Postal code", kind: "text", autocomplete: "postal-code" },
  { key: "city", label: "City", kind: "text", autocomplete: "address-level2" },
  { key: "region", label: "Region", kind: "text", autocomplete: "address-level1" },
  { key: "countryCode", label: "Country code", kind: "text", help: "Like US, DE or GB" },
];

/** Name, contacts, summary, location and profiles: the resume's header. */
export function BasicsEditor() {
  const editor = useEditor();
  const basics = () => (editor.doc.basics ?? {}) as Record<string, unknown>;
  const location = () => (editor.doc.basics?.location ?? {}) as Record<string, unknown>;

  const fields = (list: BasicsField[], where: "basics" | "location") => (
    <For each={list}>
      {(field) => {
        const path = where === "basics" ? `basics.${field.key}` : `basics.location.${field.key}`;
        return (
          <Field
            id={`basics-${where}-${field.key}`}
            label={field.label}
            kind={field.kind}
            help={field.help}
            autocomplete={field.autocomplete}
            value={(where === "basics" ? basics() : location())[field.key]}
            error={editor.errors().get(path)}
            onValue={(value) =>
              editor.edit(
                (doc) =>
                  where === "basics"
                    ? updateBasics(doc, { [field.key]: value })
                    : updateBasics(doc, {}, { [field.key]: value }),
                path,
              )
            }
          />
        );
      }}
    </For>
  );

  return (
    <div class="ds-stack">
      <fieldset class="editor-group">
        <legend>About you</legend>
        <div class="entry__fields">{fields(PERSON, "basics")}</div>
        <ResumePhoto />
      </fieldset>
      <fieldset class="editor-group">
        <legend>Location</legend>
        <div class="entry__fields">{fields(LOCATION, "location")}</div>
      </fieldset>
      <fieldset class="editor-group">
        <legend>Profiles</legend>
        <EntryList list="basics.profiles" sectionTitle="Profiles" />
      </fieldset>
    </div>
  );
}
