import type {
  AppealDecisionRequest,
  AppealDetail,
  AppealQueueItem,
  AppealView,
} from "~core/contract/appeals";
import { APPEAL_STATUSES } from "~core/moderation/appeals";
import type { ApiClient, ListPage } from "~kit/api/client";
import type { AppealFilters } from "../appeals/appeal-view";

/** README "Appeals": the moderators' queue of appeals, one appeal, and its decision. */

export type {
  AppealDecisionRequest,
  AppealDetail,
  AppealQueueItem,
  AppealView,
} from "~core/contract/appeals";

export type { AppealFilters } from "../appeals/appeal-view";

export const APPEALS_PER_PAGE = 25;

const APPEALS = "/api/admin/moderation/appeals";
const appealPath = (id: string) => `${APPEALS}/${encodeURIComponent(id)}`;

export const listAppeals = (
  api: ApiClient,
  filters: AppealFilters,
): Promise<ListPage<AppealQueueItem>> =>
  api.list<AppealQueueItem>(APPEALS, { query: { ...filters, per_page: APPEALS_PER_PAGE } });

/**
 * Every appeal of a decision taken on a moderation case, whatever its status (a case leads to
 * a strike or two, each appealed at most once). The server filters by case; the rows are
 * checked again here so another case's appeal is never shown against this one.
 */
export async function listCaseAppeals(api: ApiClient, caseId: string): Promise<AppealQueueItem[]> {
  const pages = await Promise.all(
    APPEAL_STATUSES.map((status) =>
      api.list<AppealQueueItem>(APPEALS, { query: { status, case_id: caseId, per_page: 100 } }),
    ),
  );
  return pages.flatMap((page) => page.items).filter((appeal) => appeal.case_id === caseId);
}

export const getAppeal = (api: ApiClient, id: string): Promise<AppealDetail> =>
  api.get<AppealDetail>(appealPath(id));

/**
 * Accepts (the strike is removed and what it caused lifted) or rejects. Needs a recent second
 * factor. The same decision sent again answers the appeal as decided (no key needed); 409
 * `same_moderator` when the reviewer took the contested decision, 409 `appeal_decided` when
 * it was decided otherwise.
 */
export const decideAppeal = (
  api: ApiClient,
  id: string,
  body: AppealDecisionRequest,
): Promise<AppealView> => api.post<AppealView>(`${appealPath(id)}/decision`, body);
