import type { ArticleView } from '@duban/shared/contracts/public-portal';
import type { IdentityResponse, RewardView, WhistleReportView } from '@duban/shared/contracts/whistleblowing';
import { api, request } from './client.ts';

/** 举报 handling, rewards and knowledge articles (office side). Types only from the shared contracts. */
export type { ArticleView, IdentityResponse, RewardView, WhistleReportView };

export const fetchWhistleReports = (status: string | null, signal?: AbortSignal) =>
  api.get<{ reports: WhistleReportView[] }>('/api/whistle/reports', { query: { status }, signal });
export const whistleAction = (id: number, action: string, json: unknown) =>
  api.post<WhistleReportView>(`/api/whistle/reports/${id}/${action}`, { json });
export const openIdentity = (id: number) => api.get<IdentityResponse>(`/api/whistle/reports/${id}/identity`);
export const attachmentUrl = (id: number, attachmentId: number) =>
  `/api/whistle/reports/${id}/attachments/${attachmentId}`;
export const proposeReward = (id: number, json: unknown) =>
  api.post<RewardView>(`/api/whistle/reports/${id}/reward`, { json });

/** Registry enterprises to link a verified report's hazard to (the office reads the whole registry). */
export const fetchEnterpriseOptions = (q: string) =>
  api.get<{ enterprises: { id: number; name: string }[] }>('/api/enterprises', { query: { q, limit: 20 } });

export const fetchRewards = (signal?: AbortSignal) =>
  api.get<{ rewards: RewardView[] }>('/api/whistle/rewards', { signal });
export const decideReward = (id: number, json: unknown) =>
  api.post<{ rewards: RewardView[] }>(`/api/whistle/rewards/${id}/decide`, { json });
export const payReward = (id: number, json: unknown) =>
  api.post<{ rewards: RewardView[] }>(`/api/whistle/rewards/${id}/paid`, { json });
export const openPayee = (id: number) => api.get<{ payee: string | null }>(`/api/whistle/rewards/${id}/payee`);
export const REWARD_LEDGER_URL = '/api/whistle/rewards/export';

export const fetchArticles = (signal?: AbortSignal) =>
  api.get<{ articles: ArticleView[] }>('/api/articles', { signal });
export const createArticle = (json: unknown) => api.post<ArticleView>('/api/articles', { json });
export const updateArticle = (id: number, json: unknown) => api.patch<ArticleView>(`/api/articles/${id}`, { json });
export const fetchReportHandlers = (signal?: AbortSignal) =>
  api.get<{ userIds: number[] }>('/api/users/report-handlers', { signal });
export const setReportHandler = (userId: number, canHandleReports: boolean) =>
  request<{ userId: number; canHandleReports: boolean }>('PUT', `/api/users/${userId}/report-handler`, {
    json: { canHandleReports },
  });
