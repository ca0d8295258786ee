/**
 * Support tickets (README "Support"): the vocabulary shared by the Worker and both apps. A
 * ticket is open while support owes an answer, pending while the user does, solved when done
 * (a new message from the user opens it again). Pure.
 */
export const TICKET_STATUSES = ["open", "pending", "solved"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_CATEGORIES = [
  "account",
  "billing",
  "export",
  "editor",
  "sharing",
  "other",
] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];

/** Who wrote a message in a ticket's thread. */
export const TICKET_AUTHOR_KINDS = ["user", "staff"] as const;
export type TicketAuthorKind = (typeof TICKET_AUTHOR_KINDS)[number];

export const TICKET_LIMITS = { subject: 150, message: 5000 } as const;
