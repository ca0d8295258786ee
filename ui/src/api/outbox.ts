import type { OutboxEmail } from "~core/contract/outbox";
import type { ApiClient, ListPage } from "~kit/api/client";

export const OUTBOX_PER_PAGE = 20;

export const listOutbox = (
  api: ApiClient,
  filters: { to?: string; page: number },
): Promise<ListPage<OutboxEmail>> =>
  api.list<OutboxEmail>("/api/dev/outbox", { query: { ...filters, per_page: OUTBOX_PER_PAGE } });

export const getOutboxEmail = (api: ApiClient, id: string): Promise<OutboxEmail> =>
  api.get<OutboxEmail>(`/api/dev/outbox/${encodeURIComponent(id)}`);
