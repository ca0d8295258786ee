import type { ApiClient, ListPage } from "~kit/api/client";

/** GET /api/dev/outbox — an email the local outbox stored instead of sending it. */
export interface OutboxEmail {
  id: string;
  to: string;
  subject: string;
  template: string;
  text: string;
  html: string;
  status: "stored" | "sent" | "failed";
  transport: "outbox" | "cloudflare";
  error: string | null;
  created_at: string;
  sent_at: string | null;
}

export const OUTBOX_PER_PAGE = 20;

export const listOutbox = (
  api: ApiClient,
  filters: { to?: string; page: number },
): Promise<ListPage<OutboxEmail>> =>
  api.list<OutboxEmail>("/api/dev/outbox", { query: { ...filters, per_page: OUTBOX_PER_PAGE } });

export const getOutboxEmail = (api: ApiClient, id: string): Promise<OutboxEmail> =>
  api.get<OutboxEmail>(`/api/dev/outbox/${encodeURIComponent(id)}`);
