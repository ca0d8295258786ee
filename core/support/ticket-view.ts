// What both apps show and send for support tickets (README "Support"): labels, tones, the
// admin queue's filters from the URL, and the forms checked against the API's own schemas so
// a person sees the same rule before sending. Pure; relative imports so unit tests load it.
import { ticketCreateRequestSchema, ticketMessageRequestSchema } from "../contract/support";
import { formatAge, type SlaState, slaState } from "./sla";
import {
  TICKET_CATEGORIES,
  TICKET_STATUSES,
  type TicketCategory,
  type TicketStatus,
} from "./tickets";

export type Tone = "neutral" | "info" | "success" | "warning" | "error";

export const TICKET_CATEGORY_LABELS: Record<TicketCategory, string> = {
  account: "Account and sign-in",
  billing: "Billing and plans",
  export: "Exports and downloads",
  editor: "Editing a resume",
  sharing: "Sharing links",
  other: "Something else",
};

/** As the user reads it: whose turn it is. */
export const OWN_TICKET_STATUS_LABELS: Record<TicketStatus, string> = {
  open: "Waiting for support",
  pending: "Support replied",
  solved: "Solved",
};

/** As support reads it. */
export const STAFF_TICKET_STATUS_LABELS: Record<TicketStatus, string> = {
  open: "Open",
  pending: "Pending (waiting on the user)",
  solved: "Solved",
};

export const ticketStatusTone = (status: TicketStatus): Tone =>
  status === "open" ? "info" : status === "pending" ? "warning" : "success";

const SLA_TONES: Record<SlaState, Tone> = {
  none: "neutral",
  ok: "success",
  due_soon: "warning",
  overdue: "error",
};

/** The queue's age cell: how long the ticket has waited and how that stands against the SLA. */
export function ticketAge(ticket: {
  status: TicketStatus;
  waiting_ms: number;
  sla_hours: number;
}): {
  text: string;
  tone: Tone;
  late: boolean;
} {
  const state = slaState(ticket.status, ticket.waiting_ms);
  const age = formatAge(ticket.waiting_ms);
  const text =
    state === "overdue"
      ? `${age} — over the ${ticket.sla_hours} h target`
      : state === "none"
        ? `${age} in this status`
        : age;
  return { text, tone: SLA_TONES[state], late: state === "overdue" };
}

export interface TicketFilters {
  /** Absent: every status (open first). */
  status: TicketStatus | undefined;
  category: TicketCategory | undefined;
  q: string | undefined;
  page: number;
}

const pageOf = (value: string | undefined): number => {
  const page = Number(value);
  return Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1;
};

/**
 * The queue's filters from the URL query: open tickets unless another status (or `all`) is
 * asked; unknown values are dropped rather than sent.
 */
export function parseTicketFilters(
  search: Partial<Record<"status" | "category" | "q" | "page", string>>,
): TicketFilters {
  const q = search.q?.trim().slice(0, 200);
  return {
    status:
      search.status === "all"
        ? undefined
        : (TICKET_STATUSES.find((status) => status === search.status) ?? "open"),
    category: TICKET_CATEGORIES.find((category) => category === search.category),
    q: q ? q : undefined,
    page: pageOf(search.page),
  };
}

export interface TicketForm {
  subject: string;
  category: string;
  message: string;
  /** "" for none. */
  resumeId: string;
}

export type FormCheck<T, F extends string> =
  | { ok: true; request: T }
  | { ok: false; errors: Partial<Record<F, string>> };

/** The new-ticket form as the API takes it, or the first problem of each field. */
export function checkTicketForm(
  form: TicketForm,
): FormCheck<
  ReturnType<typeof ticketCreateRequestSchema.parse>,
  "subject" | "category" | "message" | "resume_id"
> {
  const parsed = ticketCreateRequestSchema.safeParse({
    subject: form.subject,
    category: form.category || undefined,
    message: form.message,
    resume_id: form.resumeId || null,
  });
  if (parsed.success) return { ok: true, request: parsed.data };
  const errors: Partial<Record<"subject" | "category" | "message" | "resume_id", string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as keyof typeof errors;
    errors[field] ??= field === "category" ? "Pick what it is about" : issue.message;
  }
  return { ok: false, errors };
}

/** A reply as the API takes it, or why not. */
export function checkReply(body: string): FormCheck<{ body: string }, "body"> {
  const parsed = ticketMessageRequestSchema.safeParse({ body });
  if (parsed.success) return { ok: true, request: parsed.data };
  return { ok: false, errors: { body: parsed.error.issues[0]?.message ?? "Write a message" } };
}

/** A fresh key per send, so a retried post of the same form is not added twice. */
export const newIdempotencyKey = (): string => `support-${crypto.randomUUID()}`;
