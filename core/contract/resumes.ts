import { z } from "zod";
import { SHARE_PUBLICATION_STATES } from "../moderation/model";
import { resumeDataSchema } from "../resume/schema";

/**
 * The wire shapes of `/api/resumes/*`: summaries and documents, the list, writes, the bin,
 * saved versions, import and the public share link. The resume document itself is
 * `core/resume/schema.ts`.
 */

export const titleSchema = z.string().trim().min(1, "Give the resume a title").max(120);
export const templateIdSchema = z.string().regex(/^[a-z0-9-]{1,40}$/, "Not a template id");

export const resumeSummarySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    template: z.string(),
    version: z.number().int(),
    created_at: z.string(),
    updated_at: z.string(),
    deleted_at: z.string().nullable(),
    read_only: z.boolean().meta({
      description:
        "Beyond the plan's resume count (after a downgrade): readable, exportable and deletable, not editable (403 `plan_limit`)",
    }),
  })
  .meta({ id: "ResumeSummary" });
export type ResumeSummary = z.output<typeof resumeSummarySchema>;

/**
 * The summary and its document. An intersection, not `.extend`, so the OpenAPI document
 * writes it as `allOf` the `ResumeSummary` component plus `data`.
 */
export const resumeSchema = z
  .intersection(resumeSummarySchema, z.object({ data: resumeDataSchema }))
  .meta({ id: "Resume" });
export type Resume = z.output<typeof resumeSchema>;

export const RESUME_SORTS = ["updated_at", "created_at", "title"] as const;
export type ResumeSort = (typeof RESUME_SORTS)[number];
export const SORT_ORDERS = ["asc", "desc"] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** Search and order of `GET /api/resumes` (the route adds the page and the bin flag). */
export const resumeListQuerySchema = z.object({
  q: z.string().trim().max(120).optional(),
  sort: z.enum(RESUME_SORTS).default("updated_at"),
  order: z.enum(SORT_ORDERS).optional(),
});
export type ResumeListFilter = z.input<typeof resumeListQuerySchema>;

export const createResumeSchema = z.object({
  title: titleSchema,
  template: templateIdSchema.optional(),
  data: resumeDataSchema.optional(),
});
export type CreateResume = z.input<typeof createResumeSchema>;

export const updateResumeSchema = z
  .object({ title: titleSchema.optional(), data: resumeDataSchema.optional() })
  .refine((body) => body.title !== undefined || body.data !== undefined, "Nothing to change");
export type UpdateResume = z.input<typeof updateResumeSchema>;

export const cloneResumeSchema = z.object({ title: titleSchema.optional() });

export const deletedResumeSchema = z.object({ deleted: z.literal(true) });

/** `POST /api/resumes/import?title=`: the document is the body (JSON or a file). */
export const importResumeQuerySchema = z.object({ title: titleSchema.optional() });

/**
 * A saved version (README "Version history"): autosaves of one editing session share one,
 * so `created_at` is when the session began and `updated_at` its latest save.
 */
export const resumeVersionSchema = z
  .object({
    version: z.number().int(),
    title: z.string(),
    reason: z.string(),
    name: z.string().nullable(),
    pinned: z.boolean().meta({ description: "Kept whatever the plan's version allowance" }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: "ResumeVersion" });

export const VERSION_NAME_MAX = 80;
const versionName = z
  .string()
  .trim()
  .min(1, "Give the version a name")
  .max(VERSION_NAME_MAX, `Use at most ${VERSION_NAME_MAX} characters`);

/** `POST /api/resumes/{id}/versions`: names (and pins) the resume as it is now. */
export const nameVersionSchema = z.object({ name: versionName }).strict();
export type NameVersion = z.input<typeof nameVersionSchema>;

/** `PATCH /api/resumes/{id}/versions/{v}`: naming pins unless `pinned: false` is sent too. */
export const markVersionSchema = z
  .object({
    name: versionName.nullable().optional().meta({ description: "null removes the name" }),
    pinned: z.boolean().optional(),
  })
  .strict()
  .refine((body) => body.name !== undefined || body.pinned !== undefined, "Nothing to change");
export type MarkVersion = z.input<typeof markVersionSchema>;
export type ResumeVersion = z.output<typeof resumeVersionSchema>;

/** One saved version with its document (`allOf` the `ResumeVersion` component, as above). */
export const resumeVersionDetailSchema = z.intersection(
  resumeVersionSchema,
  z.object({ data: resumeDataSchema }),
);
export type ResumeVersionDetail = z.output<typeof resumeVersionDetailSchema>;

export const SHARE_PASSWORD_MIN = 6;
export const SHARE_PASSWORD_MAX = 128;

export const shareLinkSchema = z
  .object({
    slug: z.string(),
    url: z.string().url(),
    enabled: z.boolean(),
    has_password: z.boolean(),
    noindex: z.boolean(),
    views: z.number().int(),
    downloads: z.number().int(),
    publication: z
      .object({
        state: z.enum(SHARE_PUBLICATION_STATES).meta({
          description:
            "checking: not public until its first check passes; live: shows the content that last passed; withheld: offline while a moderator looks; taken_down: offline after a violation until changed content passes",
        }),
        published_at: z.string().datetime().nullable(),
        changes_pending: z
          .boolean()
          .meta({ description: "Newer saved content is being checked; the page shows the older" }),
      })
      .meta({ id: "SharePublication" }),
  })
  .meta({ id: "ShareLink" });
export type ShareLink = z.output<typeof shareLinkSchema>;

export const shareSettingsSchema = z
  .object({
    enabled: z.boolean(),
    password: z
      .string()
      .min(SHARE_PASSWORD_MIN, `Use at least ${SHARE_PASSWORD_MIN} characters`)
      .max(SHARE_PASSWORD_MAX)
      .nullable()
      .optional()
      .meta({ description: "A new password; null removes it; leave it out to keep it" }),
    noindex: z
      .boolean()
      .optional()
      .meta({ description: "Ask search engines not to index the page (default true)" }),
  })
  .strict();
export type ShareSettings = z.input<typeof shareSettingsSchema>;
