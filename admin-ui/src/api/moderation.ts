import type {
  BulkDecisionRequest,
  DecisionResult,
  ModerationCase,
  ModerationCaseDetail,
  ModerationRuleView,
  ModeratorDecisionRequest,
  RuleTestResult,
} from "~core/contract/moderation";
import type {
  ModerationCaseStatus,
  ModerationCategory,
  ModerationLayer,
  ModerationSource,
} from "~core/moderation/model";
import type { ModerationRule } from "~core/moderation/rules/schema";
import type { ApiClient, ListPage } from "~kit/api/client";

/** README "Content moderation": the review queue, a case, decisions and the rules. */

export type {
  DecisionResult,
  ModerationCase,
  ModerationCaseDetail,
  ModerationCasePhoto,
  ModerationDecisionView,
  ModerationRuleView,
  RuleTestResult,
} from "~core/contract/moderation";
export type { ModerationRule } from "~core/moderation/rules/schema";

/** The queue's status filter: `open` is "in review or escalated", the queue proper. */
export type QueueStatus = ModerationCaseStatus | "open";

export interface QueueFilters {
  status: QueueStatus;
  category?: ModerationCategory;
  layer?: ModerationLayer;
  source?: ModerationSource;
  page: number;
}

export const CASES_PER_PAGE = 25;

const CASES = "/api/admin/moderation/cases";
const RULES = "/api/admin/moderation/rules";
const casePath = (id: string) => `${CASES}/${encodeURIComponent(id)}`;
const rulePath = (id: string) => `${RULES}/${encodeURIComponent(id)}`;

export const listModerationCases = (
  api: ApiClient,
  filters: QueueFilters,
): Promise<ListPage<ModerationCase>> =>
  api.list<ModerationCase>(CASES, { query: { ...filters, per_page: CASES_PER_PAGE } });

export const getModerationCase = (api: ApiClient, id: string): Promise<ModerationCaseDetail> =>
  api.get<ModerationCaseDetail>(casePath(id));

/**
 * A photo case's image exactly as checked: bytes, not an envelope, so it is fetched through
 * `fetchBlob` (the admin app's authenticated blob fetch). 404 when the copy was erased.
 */
export const fetchModerationCasePhoto = (
  fetchBlob: (path: string, signal?: AbortSignal) => Promise<Blob>,
  id: string,
  signal?: AbortSignal,
): Promise<Blob> => fetchBlob(`${casePath(id)}/photo`, signal);

/** 409 `conflict` when the case was decided otherwise before or is not waiting for review. */
export const decideModerationCase = (
  api: ApiClient,
  id: string,
  decision: ModeratorDecisionRequest,
): Promise<DecisionResult> => api.post<DecisionResult>(`${casePath(id)}/decision`, decision);

/** One result per case: a refusal of one case is reported in its result, not thrown. */
export const decideModerationCases = (
  api: ApiClient,
  request: BulkDecisionRequest,
): Promise<DecisionResult[]> => api.post<DecisionResult[]>(`${CASES}/decisions`, request);

export const listModerationRules = (api: ApiClient): Promise<ModerationRuleView[]> =>
  api.get<ModerationRuleView[]>(RULES);

export const saveModerationRule = (
  api: ApiClient,
  rule: ModerationRule,
): Promise<ModerationRuleView> => api.put<ModerationRuleView>(rulePath(rule.id), rule);

/** A custom rule disappears; an edited built-in rule goes back to its default. */
export const removeModerationRule = (api: ApiClient, id: string): Promise<{ removed: true }> =>
  api.delete<{ removed: true }>(rulePath(id));

/** Where the rule matches the sample text; 400 with issues when the rule is invalid. */
export const testModerationRule = (
  api: ApiClient,
  rule: ModerationRule,
  text: string,
): Promise<RuleTestResult> => api.post<RuleTestResult>(`${RULES}/test`, { rule, text });
