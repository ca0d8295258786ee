import type { ListRef, ListSection } from "../document";

/**
 * What each list of entries holds, as data: one generic list editor renders them all.
 * `text`-like kinds are one-line inputs; `rich` is the Markdown-subset editor; `lines` is
 * one item per line (highlights, courses); `tags` a comma-separated list; `end-date` is a
 * date with a "Present" checkbox.
 */
export type FieldKind =
  | "text"
  | "date"
  | "end-date"
  | "url"
  | "email"
  | "tel"
  | "rich"
  | "lines"
  | "tags";

export interface FieldSpec {
  key: string;
  label: string;
  kind: FieldKind;
  help?: string;
  /** Offers writing help: each line is an achievement bullet. */
  assist?: "bullet";
}

export interface ListSpec {
  /** Singular, for buttons and legends: "Add position". */
  noun: string;
  fields: FieldSpec[];
  /** Fields that name an entry in its legend, first non-empty ones joined. */
  titleKeys: string[];
}

const DATE_HELP = "Like 2021, 2021-06 or 2021-06-30";
const text = (key: string, label: string): FieldSpec => ({ key, label, kind: "text" });
const date = (key: string, label: string): FieldSpec => ({
  key,
  label,
  kind: "date",
  help: DATE_HELP,
});
const url = (key = "url", label = "Website"): FieldSpec => ({
  key,
  label,
  kind: "url",
  help: "Starting with https://",
});
const rich = (key: string, label: string): FieldSpec => ({ key, label, kind: "rich" });
const lines = (key: string, label: string, help = "One per line"): FieldSpec => ({
  key,
  label,
  kind: "lines",
  help,
  ...(key === "highlights" ? { assist: "bullet" as const } : {}),
});
const tags = (key: string, label: string): FieldSpec => ({
  key,
  label,
  kind: "tags",
  help: "Separated by commas",
});
const period = [
  date("startDate", "Start date"),
  { ...date("endDate", "End date"), kind: "end-date" as const },
];

export const LIST_SPECS: Record<ListSection | "profiles" | "custom", ListSpec> = {
  profiles: {
    noun: "profile",
    fields: [text("network", "Network"), text("username", "Username"), url("url", "Profile URL")],
    titleKeys: ["network", "username"],
  },
  work: {
    noun: "position",
    fields: [
      text("position", "Position"),
      text("name", "Company"),
      text("location", "Location"),
      url(),
      ...period,
      rich("summary", "Summary"),
      lines("highlights", "Highlights", "One achievement per line"),
    ],
    titleKeys: ["position", "name"],
  },
  volunteer: {
    noun: "role",
    fields: [
      text("position", "Role"),
      text("organization", "Organization"),
      url(),
      ...period,
      rich("summary", "Summary"),
      lines("highlights", "Highlights"),
    ],
    titleKeys: ["position", "organization"],
  },
  education: {
    noun: "school",
    fields: [
      text("institution", "Institution"),
      text("studyType", "Degree"),
      text("area", "Field of study"),
      ...period,
      text("score", "Grade"),
      url(),
      lines("courses", "Courses"),
    ],
    titleKeys: ["studyType", "area", "institution"],
  },
  awards: {
    noun: "award",
    fields: [
      text("title", "Title"),
      text("awarder", "Awarded by"),
      date("date", "Date"),
      rich("summary", "Summary"),
    ],
    titleKeys: ["title", "awarder"],
  },
  certificates: {
    noun: "certificate",
    fields: [text("name", "Name"), text("issuer", "Issuer"), date("date", "Date"), url()],
    titleKeys: ["name", "issuer"],
  },
  publications: {
    noun: "publication",
    fields: [
      text("name", "Title"),
      text("publisher", "Publisher"),
      date("releaseDate", "Release date"),
      url(),
      rich("summary", "Summary"),
    ],
    titleKeys: ["name", "publisher"],
  },
  skills: {
    noun: "skill",
    fields: [text("name", "Skill"), text("level", "Level"), tags("keywords", "Keywords")],
    titleKeys: ["name"],
  },
  languages: {
    noun: "language",
    fields: [text("language", "Language"), text("fluency", "Fluency")],
    titleKeys: ["language", "fluency"],
  },
  interests: {
    noun: "interest",
    fields: [text("name", "Interest"), tags("keywords", "Keywords")],
    titleKeys: ["name"],
  },
  references: {
    noun: "reference",
    fields: [text("name", "Name"), rich("reference", "Reference")],
    titleKeys: ["name"],
  },
  projects: {
    noun: "project",
    fields: [
      text("name", "Name"),
      text("entity", "Organization"),
      text("type", "Type"),
      ...period,
      url(),
      rich("description", "Description"),
      lines("highlights", "Highlights"),
      tags("roles", "Roles"),
      tags("keywords", "Keywords"),
    ],
    titleKeys: ["name", "entity"],
  },
  custom: {
    noun: "entry",
    fields: [
      text("title", "Title"),
      text("subtitle", "Subtitle"),
      text("date", "Date"),
      url(),
      rich("summary", "Summary"),
      lines("highlights", "Highlights"),
    ],
    titleKeys: ["title", "subtitle"],
  },
};

export function specOf(ref: ListRef): ListSpec {
  if (ref === "basics.profiles") return LIST_SPECS.profiles;
  if (ref.startsWith("custom-")) return LIST_SPECS.custom;
  return LIST_SPECS[ref as ListSection];
}

/** The path of an entry's field in the document, as validation issues name it. */
export function fieldPath(
  ref: ListRef,
  customIndex: number,
  entryIndex: number,
  key: string,
): string {
  if (ref.startsWith("custom-")) return `customSections.${customIndex}.items.${entryIndex}.${key}`;
  return `${ref}.${entryIndex}.${key}`;
}

/** How an entry is named in its legend and in announcements. */
export function entryLabel(spec: ListSpec, entry: Record<string, unknown>): string {
  const parts = spec.titleKeys
    .map((key) => entry[key])
    .filter((value): value is string => typeof value === "string" && value.trim() !== "");
  return parts.length ? parts.join(" · ") : `New ${spec.noun}`;
}
