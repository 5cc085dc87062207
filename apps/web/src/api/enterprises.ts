import type {
  BindAccountRequest,
  BindAccountResponse as BindAccountResponseSchema,
  CatalogueResponse,
  ChangeEnterpriseStatusRequest,
  CreateEnterpriseRequest,
  EnterpriseResponse,
  EnterpriseVersionsResponse,
  ImportEnterprisesResponse,
  ListEnterprisesResponse,
  SupervisionListResponse,
  UpdateEnterpriseRequest,
} from '@duban/shared/contracts/enterprises';
import type { z } from 'zod';
import { api, request } from './client.ts';
import { invalidating, type ListEnterprisesParams, type SupervisionListParams, WRITES_CHANGE } from './query.ts';

/**
 * 企业名录, the catalogue, import and the 安全生产监管责任清单. Types only from the shared contracts. Writes mark the
 * enterprise domain stale (lists, pages, the 监管责任清单) and the hazard register (it shows enterprise names).
 */
export type {
  CatalogueResponse,
  EnterpriseResponse,
  EnterpriseVersionsResponse,
  ImportEnterprisesResponse,
  ListEnterprisesParams,
  ListEnterprisesResponse,
  SupervisionListParams,
  SupervisionListResponse,
};

type BindAccountResponse = z.infer<typeof BindAccountResponseSchema>;

export const fetchEnterprises = (f: ListEnterprisesParams, signal?: AbortSignal) =>
  api.get<ListEnterprisesResponse>('/api/enterprises', { query: { ...f }, signal });
export const fetchEnterprise = (id: number, signal?: AbortSignal) =>
  api.get<EnterpriseResponse>(`/api/enterprises/${id}`, { signal });
export const fetchEnterpriseVersions = (id: number, signal?: AbortSignal) =>
  api.get<EnterpriseVersionsResponse>(`/api/enterprises/${id}/versions`, { signal });
export const fetchCatalogue = (signal?: AbortSignal) =>
  api.get<CatalogueResponse>('/api/enterprise-catalogue', { signal });
export const createEnterprise = (json: CreateEnterpriseRequest) =>
  invalidating(api.post<EnterpriseResponse>('/api/enterprises', { json }), WRITES_CHANGE.enterprise);
export const updateEnterprise = (id: number, json: UpdateEnterpriseRequest) =>
  invalidating(request<EnterpriseResponse>('PUT', `/api/enterprises/${id}`, { json }), WRITES_CHANGE.enterprise);
export const changeEnterpriseStatus = (id: number, json: ChangeEnterpriseStatusRequest) =>
  invalidating(api.post<EnterpriseResponse>(`/api/enterprises/${id}/status`, { json }), WRITES_CHANGE.enterprise);
export const bindEnterpriseAccount = (id: number, username: string) =>
  invalidating(
    api.post<BindAccountResponse>(`/api/enterprises/${id}/accounts`, {
      json: { username } satisfies BindAccountRequest,
    }),
    [...WRITES_CHANGE.enterprise, 'users'],
  );

export function importEnterprises(file: File, dryRun: boolean): Promise<ImportEnterprisesResponse> {
  const form = new FormData();
  form.append('file', file);
  const write = api.post<ImportEnterprisesResponse>('/api/enterprises/import', {
    form,
    query: { dryRun: dryRun ? '1' : '0' },
  });
  // A dry run writes nothing.
  return dryRun ? write : invalidating(write, WRITES_CHANGE.enterprise);
}

export const fetchSupervisionList = (query: SupervisionListParams, signal?: AbortSignal) =>
  api.get<SupervisionListResponse>('/api/supervision-list', { query, signal });
export const supervisionListExportUrl = (format: 'xlsx' | 'pdf') => `/api/supervision-list/export?format=${format}`;
