import type {
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
import { api, request } from './client.ts';

/** 企业名录, the catalogue, import and the 安全生产监管责任清单. Types only from the shared contracts. */
export type {
  CatalogueResponse,
  EnterpriseResponse,
  EnterpriseVersionsResponse,
  ImportEnterprisesResponse,
  ListEnterprisesResponse,
  SupervisionListResponse,
};

export interface EnterpriseFilters {
  q?: string;
  industry?: string;
  status?: string;
  limit?: number;
  offset?: number;
}

export const fetchEnterprises = (f: EnterpriseFilters, signal?: AbortSignal) =>
  api.get<ListEnterprisesResponse>('/api/enterprises', { query: { ...f }, signal });
export const fetchEnterprise = (id: number, signal?: AbortSignal) =>
  api.get<EnterpriseResponse>(`/api/enterprises/${id}`, { signal });
export const fetchEnterpriseVersions = (id: number, signal?: AbortSignal) =>
  api.get<EnterpriseVersionsResponse>(`/api/enterprises/${id}/versions`, { signal });
export const fetchCatalogue = (signal?: AbortSignal) =>
  api.get<CatalogueResponse>('/api/enterprise-catalogue', { signal });
export const createEnterprise = (json: CreateEnterpriseRequest) =>
  api.post<EnterpriseResponse>('/api/enterprises', { json });
export const updateEnterprise = (id: number, json: UpdateEnterpriseRequest) =>
  request<EnterpriseResponse>('PUT', `/api/enterprises/${id}`, { json });
export const changeEnterpriseStatus = (id: number, json: ChangeEnterpriseStatusRequest) =>
  api.post<EnterpriseResponse>(`/api/enterprises/${id}/status`, { json });
export const bindEnterpriseAccount = (id: number, username: string) =>
  api.post<{ userId: number; username: string; enterpriseId: number }>(`/api/enterprises/${id}/accounts`, {
    json: { username },
  });

export function importEnterprises(file: File, dryRun: boolean): Promise<ImportEnterprisesResponse> {
  const form = new FormData();
  form.append('file', file);
  return api.post<ImportEnterprisesResponse>('/api/enterprises/import', {
    form,
    query: { dryRun: dryRun ? '1' : '0' },
  });
}

export const fetchSupervisionList = (query: { q?: string; limit: number; offset: number }, signal?: AbortSignal) =>
  api.get<SupervisionListResponse>('/api/supervision-list', { query, signal });
export const supervisionListExportUrl = (format: 'xlsx' | 'pdf') => `/api/supervision-list/export?format=${format}`;
