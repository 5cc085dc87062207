import type { ListEnterprisesResponse } from '@duban/shared/contracts/enterprises';
import type {
  ArticleView,
  CreateArticleRequest as CreateArticleRequestSchema,
  ListArticlesResponse as ListArticlesResponseSchema,
  UpdateArticleRequest as UpdateArticleRequestSchema,
} from '@duban/shared/contracts/public-portal';
import type {
  DecideRewardRequest as DecideRewardRequestSchema,
  IdentityResponse,
  ListRewardsResponse as ListRewardsResponseSchema,
  ListWhistleReportsQuery as ListWhistleReportsQuerySchema,
  ListWhistleReportsResponse,
  PayRewardRequest as PayRewardRequestSchema,
  ReportHandlersResponse as ReportHandlersResponseSchema,
  RewardView,
  SetReportHandlerRequest as SetReportHandlerRequestSchema,
  SetReportHandlerResponse as SetReportHandlerResponseSchema,
  WhistleReportView,
} from '@duban/shared/contracts/whistleblowing';
import type { z } from 'zod';
import { api, request } from './client.ts';
import { invalidating, WRITES_CHANGE } from './query.ts';

/**
 * 举报 handling, rewards and knowledge articles (office side). Types only from the shared contracts. A handling step
 * marks the queue stale, and the hazard register too (a verified report creates a hazard).
 */
export type { ArticleView, IdentityResponse, RewardView, WhistleReportView };
export type ListWhistleReportsQuery = z.infer<typeof ListWhistleReportsQuerySchema>;
type ListRewardsResponse = z.infer<typeof ListRewardsResponseSchema>;
type ListArticlesResponse = z.infer<typeof ListArticlesResponseSchema>;

export const fetchWhistleReports = (q: ListWhistleReportsQuery, signal?: AbortSignal) =>
  api.get<ListWhistleReportsResponse>('/api/whistle/reports', { query: { ...q }, signal });
export const whistleAction = (id: number, action: string, json: unknown) =>
  invalidating(api.post<WhistleReportView>(`/api/whistle/reports/${id}/${action}`, { json }), WRITES_CHANGE.whistle);
/** The reporter's identity, opened on demand (the server audits every opening); a read, nothing to refresh. */
export const openIdentity = (id: number) => api.get<IdentityResponse>(`/api/whistle/reports/${id}/identity`);
export const attachmentUrl = (id: number, attachmentId: number) =>
  `/api/whistle/reports/${id}/attachments/${attachmentId}`;
export const proposeReward = (id: number, json: unknown) =>
  invalidating(api.post<RewardView>(`/api/whistle/reports/${id}/reward`, { json }), WRITES_CHANGE.reward);

/** Registry enterprises to link a verified report's hazard to (the office reads the whole registry). */
export const fetchEnterpriseOptions = (q: string) =>
  api.get<ListEnterprisesResponse>('/api/enterprises', { query: { q, limit: 20 } });

export const fetchRewards = (signal?: AbortSignal) => api.get<ListRewardsResponse>('/api/whistle/rewards', { signal });
export const decideReward = (id: number, json: z.input<typeof DecideRewardRequestSchema>) =>
  invalidating(api.post<ListRewardsResponse>(`/api/whistle/rewards/${id}/decide`, { json }), WRITES_CHANGE.reward);
export const payReward = (id: number, json: z.input<typeof PayRewardRequestSchema>) =>
  invalidating(api.post<ListRewardsResponse>(`/api/whistle/rewards/${id}/paid`, { json }), WRITES_CHANGE.reward);
export const openPayee = (id: number) => api.get<{ payee: string | null }>(`/api/whistle/rewards/${id}/payee`);
export const REWARD_LEDGER_URL = '/api/whistle/rewards/export';

export const fetchArticles = (signal?: AbortSignal) => api.get<ListArticlesResponse>('/api/articles', { signal });
export const createArticle = (json: z.input<typeof CreateArticleRequestSchema>) =>
  invalidating(api.post<ArticleView>('/api/articles', { json }), WRITES_CHANGE.article);
export const updateArticle = (id: number, json: z.input<typeof UpdateArticleRequestSchema>) =>
  invalidating(api.patch<ArticleView>(`/api/articles/${id}`, { json }), WRITES_CHANGE.article);
export const fetchReportHandlers = (signal?: AbortSignal) =>
  api.get<z.infer<typeof ReportHandlersResponseSchema>>('/api/users/report-handlers', { signal });
export const setReportHandler = (userId: number, canHandleReports: boolean) =>
  request<z.infer<typeof SetReportHandlerResponseSchema>>('PUT', `/api/users/${userId}/report-handler`, {
    json: { canHandleReports } satisfies z.infer<typeof SetReportHandlerRequestSchema>,
  });
