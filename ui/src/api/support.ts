import type { TicketCreateRequest, TicketThread, TicketView } from "~core/contract/support";
import type { ApiClient } from "~kit/api/client";

/** The signed-in person's support tickets (README "Support"). */

export type { TicketThread, TicketView } from "~core/contract/support";

export const TICKETS_PER_PAGE = 20;
const TICKETS = "/api/support/tickets";
const ticketPath = (id: string) => `${TICKETS}/${encodeURIComponent(id)}`;
/** The key makes a retried send return the first answer rather than post twice. */
const once = (key: string) => ({ headers: { "Idempotency-Key": key } });

export const listOwnTickets = (api: ApiClient, page: number) =>
  api.list<TicketView>(TICKETS, { query: { page, per_page: TICKETS_PER_PAGE } });

export const openTicket = (api: ApiClient, body: TicketCreateRequest, key: string) =>
  api.post<TicketThread>(TICKETS, body, once(key));

export const getOwnTicket = (api: ApiClient, id: string) => api.get<TicketThread>(ticketPath(id));

export const writeInTicket = (api: ApiClient, id: string, body: string, key: string) =>
  api.post<TicketThread>(`${ticketPath(id)}/messages`, { body }, once(key));
