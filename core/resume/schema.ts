import { z } from "zod";
import { valueNestsDeeperThan } from "../json/nesting";

/**
 * The resume document (README "Resumes"): a JSON Resume document (https://jsonresume.org/schema)
 * with every standard section, plus custom sections, layout and styling under `meta`.
 * Objects are loose: fields this schema does not know are kept, so an imported document
 * comes back out with everything it went in with. This one schema validates the API,
 * types the editor and describes the OpenAPI document.
 */

/** Every text field has a ceiling: a resume is pages, not a database. */
export const LIMITS = {
  shortText: 200,
  url: 2048,
  longText: 10_000,
  listItems: 100,
  sectionItems: 200,
  customSections: 20,
  /** A whole document as JSON, the same however it arrives (API body, import, file). */
  documentBytes: 1_000_000,
  /**
   * Nesting of the whole document (the deepest standard path, a custom section's entry's
   * highlights, is 6): fields the schema keeps without knowing them stay this shallow.
   */
  documentDepth: 16,
} as const;

const short = z.string().trim().max(LIMITS.shortText);
const long = z.string().max(LIMITS.longText);

/** JSON Resume dates are ISO 8601 with optional precision: 2014, 2014-06 or 2014-06-29. */
export const partialDate = z
  .string()
  .trim()
  .regex(
    /^(\d{4})(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/,
    "Use a date like 2021, 2021-06 or 2021-06-30",
  );
/** An empty string means "not set" in documents written by other tools. */
const optionalDate = z.union([partialDate, z.literal("")]).optional();

const url = z
  .string()
  .trim()
  .max(LIMITS.url)
  .refine(
    (value) => value === "" || /^(https?:\/\/|mailto:)/i.test(value),
    "Use a web address starting with https:// or http://",
  );
const email = z.union([
  z.string().trim().email("Enter an email address like name@example.com").max(254),
  z.literal(""),
]);
const stringList = z.array(long).max(LIMITS.listItems);

/**
 * What every entry may carry besides its JSON Resume fields: a stable id for the editor's
 * reordering and undo, and whether it is hidden from the rendered resume.
 */
const entryControls = {
  id: z.string().max(64).optional(),
  hidden: z.boolean().optional(),
};

const entry = <T extends z.ZodRawShape>(shape: T) => z.looseObject({ ...entryControls, ...shape });

export const locationSchema = z.looseObject({
  address: long.optional(),
  postalCode: short.optional(),
  city: short.optional(),
  countryCode: short.optional(),
  region: short.optional(),
});

export const profileSchema = entry({
  network: short.optional(),
  username: short.optional(),
  url: url.optional(),
});

/**
 * JSON Resume's `image` is any URI reference (`photo.png` next to the file, too), so any
 * address is kept; only an https one is ever shown or fetched (core/templates/portrait.ts,
 * server/exports/export-assets.ts), anything else prints initials.
 */
const imageReference = z.string().trim().max(LIMITS.url);

export const basicsSchema = z.looseObject({
  name: short.optional(),
  label: short.optional(),
  image: imageReference.optional(),
  email: email.optional(),
  phone: short.optional(),
  url: url.optional(),
  summary: long.optional(),
  location: locationSchema.optional(),
  profiles: z.array(profileSchema).max(LIMITS.listItems).optional(),
});

const dated = { startDate: optionalDate, endDate: optionalDate };

export const workSchema = entry({
  name: short.optional(),
  position: short.optional(),
  url: url.optional(),
  location: short.optional(),
  description: short.optional(),
  ...dated,
  summary: long.optional(),
  highlights: stringList.optional(),
});

export const volunteerSchema = entry({
  organization: short.optional(),
  position: short.optional(),
  url: url.optional(),
  ...dated,
  summary: long.optional(),
  highlights: stringList.optional(),
});

export const educationSchema = entry({
  institution: short.optional(),
  url: url.optional(),
  area: short.optional(),
  studyType: short.optional(),
  ...dated,
  score: short.optional(),
  courses: stringList.optional(),
});

export const awardSchema = entry({
  title: short.optional(),
  date: optionalDate,
  awarder: short.optional(),
  summary: long.optional(),
});

export const certificateSchema = entry({
  name: short.optional(),
  date: optionalDate,
  issuer: short.optional(),
  url: url.optional(),
});

export const publicationSchema = entry({
  name: short.optional(),
  publisher: short.optional(),
  releaseDate: optionalDate,
  url: url.optional(),
  summary: long.optional(),
});

export const skillSchema = entry({
  name: short.optional(),
  level: short.optional(),
  keywords: z.array(short).max(LIMITS.listItems).optional(),
});

export const languageSchema = entry({
  language: short.optional(),
  fluency: short.optional(),
});

export const interestSchema = entry({
  name: short.optional(),
  keywords: z.array(short).max(LIMITS.listItems).optional(),
});

export const referenceSchema = entry({
  name: short.optional(),
  reference: long.optional(),
});

export const projectSchema = entry({
  name: short.optional(),
  description: long.optional(),
  ...dated,
  url: url.optional(),
  roles: z.array(short).max(LIMITS.listItems).optional(),
  entity: short.optional(),
  type: short.optional(),
  highlights: stringList.optional(),
  keywords: z.array(short).max(LIMITS.listItems).optional(),
});

/** A section the standard does not have ("Speaking", "Patents"): titled entries. */
export const customEntrySchema = entry({
  title: short.optional(),
  subtitle: short.optional(),
  date: short.optional(),
  url: url.optional(),
  summary: long.optional(),
  highlights: stringList.optional(),
});

export const customSectionSchema = z.looseObject({
  id: z.string().regex(/^custom-[a-z0-9-]{1,40}$/, "Custom section ids look like custom-speaking"),
  title: short.min(1, "Give the section a title"),
  hidden: z.boolean().optional(),
  items: z.array(customEntrySchema).max(LIMITS.sectionItems),
});

export const STANDARD_SECTIONS = [
  "basics",
  "work",
  "volunteer",
  "education",
  "awards",
  "certificates",
  "publications",
  "skills",
  "languages",
  "interests",
  "references",
  "projects",
] as const;
export type StandardSection = (typeof STANDARD_SECTIONS)[number];
/** A standard section name or a custom section's id. */
export type SectionKey = StandardSection | `custom-${string}`;

const sectionKey = z
  .string()
  .refine(
    (key) =>
      (STANDARD_SECTIONS as readonly string[]).includes(key) ||
      /^custom-[a-z0-9-]{1,40}$/.test(key),
    "Not a section",
  );

export const PAGE_SIZES = ["A4", "Letter"] as const;
export const FONTS = [
  "inter",
  "source-serif",
  "ibm-plex-sans",
  "lora",
  "roboto-slab",
  "source-sans",
  "eb-garamond",
  "jetbrains-mono",
  "system",
] as const;

export const styleSchema = z.object({
  template: z.string().regex(/^[a-z0-9-]{1,40}$/, "Not a template id"),
  accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, "Use a colour like #2563eb"),
  font: z.enum(FONTS),
  /** Body size in points. */
  fontSize: z.number().min(8).max(14),
  lineSpacing: z.number().min(1).max(2),
  /** Page margins in millimetres. */
  marginMm: z.number().min(5).max(40),
  pageSize: z.enum(PAGE_SIZES),
});
export type ResumeStyle = z.infer<typeof styleSchema>;

export const DEFAULT_STYLE: ResumeStyle = {
  template: "classic",
  accentColor: "#1d4ed8",
  font: "inter",
  fontSize: 10.5,
  lineSpacing: 1.35,
  marginMm: 16,
  pageSize: "A4",
};

/**
 * Headings a person can rename: every standard section but the header, the summary, and the
 * contact block two-column templates give a heading.
 */
export const HEADING_KEYS = [
  ...(STANDARD_SECTIONS.filter((key) => key !== "basics") as Exclude<StandardSection, "basics">[]),
  "summary",
  "contact",
] as const;
export type HeadingKey = (typeof HEADING_KEYS)[number];

const sectionKeys = z.array(sectionKey).max(STANDARD_SECTIONS.length + LIMITS.customSections);

export const layoutSchema = z.object({
  /** Sections in reading order; sections missing here follow in the standard order. */
  order: sectionKeys,
  hidden: sectionKeys,
  /**
   * Sections the person put in the side column of a two-column template; absent, each
   * template places them itself (its `side` in core/templates/index.ts).
   */
  side: sectionKeys.optional(),
  /** Renamed headings, e.g. `{ work: "Berufserfahrung" }`; absent ones keep the default. */
  titles: z
    .partialRecord(
      z.enum(HEADING_KEYS),
      z.string().trim().min(1, "Give the heading a name").max(60),
    )
    .optional(),
});

/** A BCP 47 tag ("de", "pt-BR", "ar-EG") as the platform's Intl accepts it; 35 is RFC 5646's buffer. */
export function isLanguageTag(value: unknown): value is string {
  if (typeof value !== "string" || value.length < 2 || value.length > 35) return false;
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

export const TEXT_DIRECTIONS = ["ltr", "rtl"] as const;
export type TextDirection = (typeof TEXT_DIRECTIONS)[number];

export const resumeMetaSchema = z.looseObject({
  canonical: url.optional(),
  version: short.optional(),
  lastModified: short.optional(),
  /** The document's language (README "Layout, headings and language"): headings, dates. */
  language: z
    .string()
    .trim()
    .max(35)
    .refine(isLanguageTag, "Use a language code such as de, pt-BR or ar")
    .optional(),
  /** Absent: the language's own direction. */
  direction: z.enum(TEXT_DIRECTIONS).optional(),
  layout: layoutSchema.optional(),
  style: styleSchema.partial().optional(),
});

export const resumeDataSchema = z
  .looseObject({
    $schema: z.string().max(LIMITS.url).optional(),
    basics: basicsSchema.optional(),
    work: z.array(workSchema).max(LIMITS.sectionItems).optional(),
    volunteer: z.array(volunteerSchema).max(LIMITS.sectionItems).optional(),
    education: z.array(educationSchema).max(LIMITS.sectionItems).optional(),
    awards: z.array(awardSchema).max(LIMITS.sectionItems).optional(),
    certificates: z.array(certificateSchema).max(LIMITS.sectionItems).optional(),
    publications: z.array(publicationSchema).max(LIMITS.sectionItems).optional(),
    skills: z.array(skillSchema).max(LIMITS.sectionItems).optional(),
    languages: z.array(languageSchema).max(LIMITS.sectionItems).optional(),
    interests: z.array(interestSchema).max(LIMITS.sectionItems).optional(),
    references: z.array(referenceSchema).max(LIMITS.sectionItems).optional(),
    projects: z.array(projectSchema).max(LIMITS.sectionItems).optional(),
    customSections: z.array(customSectionSchema).max(LIMITS.customSections).optional(),
    meta: resumeMetaSchema.optional(),
  })
  // Unknown fields are kept, but not at any depth: a deep value would cost every read,
  // render and export that recurses over it (checked without recursion itself).
  .superRefine((document, ctx) => {
    if (valueNestsDeeperThan(document, LIMITS.documentDepth)) {
      ctx.addIssue({
        code: "custom",
        message: `The document nests deeper than ${LIMITS.documentDepth} levels`,
      });
    }
  });

export type ResumeData = z.infer<typeof resumeDataSchema>;
export type Basics = z.infer<typeof basicsSchema>;
export type WorkEntry = z.infer<typeof workSchema>;
export type CustomSection = z.infer<typeof customSectionSchema>;
