import type {
  StaffTicketMessage,
  TicketDetail,
  TicketQueueItem,
  TicketView,
} from "~core/contract/support";
import type { TicketFilters } from "~core/support/ticket-view";
import type { TicketStatus } from "~core/support/tickets";
import type { ApiClient, ListPage } from "~kit/api/client";

/** README "Support": support's ticket queue, one ticket, a reply and a status change. */

export type { TicketDetail, TicketQueueItem } from "~core/contract/support";

export const TICKETS_PER_PAGE = 25;
const TICKETS = "/api/admin/support/tickets";
const ticketPath = (id: string) => `${TICKETS}/${encodeURIComponent(id)}`;

export const listTickets = (
  api: ApiClient,
  filters: TicketFilters,
): Promise<ListPage<TicketQueueItem>> =>
  api.list<TicketQueueItem>(TICKETS, { query: { ...filters, per_page: TICKETS_PER_PAGE } });

export const getTicket = (api: ApiClient, id: string) => api.get<TicketDetail>(ticketPath(id));

/** The key makes a retried send return the first reply instead of posting (and mailing) twice. */
export const replyToTicket = (api: ApiClient, id: string, body: string, key: string) =>
  api.post<StaffTicketMessage>(
    `${ticketPath(id)}/messages`,
    { body },
    {
      headers: { "Idempotency-Key": key },
    },
  );

export const setTicketStatus = (api: ApiClient, id: string, status: TicketStatus) =>
  api.post<TicketView>(`${ticketPath(id)}/status`, { status });
