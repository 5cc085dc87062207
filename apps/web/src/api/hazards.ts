import type {
  AddHazardFilesResponse,
  AddStandardItemRequest,
  ConfirmHazardRequest,
  CreateHazardRequest,
  DecideHazardExtensionRequest,
  EvaluationRequest,
  FixOnSpotRequest,
  HazardResponse,
  HazardSettings,
  HazardStandardsResponse,
  HazardStatsResponse,
  ListHazardRequest,
  ListHazardsResponse,
  RecordAcceptanceRequest,
  RequestHazardExtensionRequest,
  UpdatePlanRequest,
} from '@duban/shared/contracts/hazards';
import { api } from './client.ts';

/** The hazard register and its closed loop. Types only from the shared contracts. */
export type { HazardResponse, HazardSettings, HazardStandardsResponse, HazardStatsResponse, ListHazardsResponse };

export interface HazardFilters {
  status?: string;
  level?: string;
  channel?: string;
  year?: number;
  listed?: '1' | '0';
  overdue?: '1';
  stock?: '1';
  q?: string;
  enterpriseId?: number;
  limit?: number;
  offset?: number;
}

export const fetchHazards = (f: HazardFilters, signal?: AbortSignal) =>
  api.get<ListHazardsResponse>('/api/hazards', { query: { ...f }, signal });
export const fetchHazard = (id: number, signal?: AbortSignal) =>
  api.get<HazardResponse>(`/api/hazards/${id}`, { signal });
export const fetchHazardStats = (year: number, signal?: AbortSignal) =>
  api.get<HazardStatsResponse>('/api/hazards/stats', { query: { year }, signal });
export const fetchHazardStandards = (signal?: AbortSignal) =>
  api.get<HazardStandardsResponse>('/api/hazard-standards', { signal });
/** The office adds an item to a standard of the catalogue (its source is required). */
export const addStandardItem = (standardId: number, json: AddStandardItemRequest) =>
  api.post<HazardStandardsResponse>(`/api/hazard-standards/${standardId}/items`, { json });
export const fetchHazardSettings = (signal?: AbortSignal) =>
  api.get<HazardSettings>('/api/hazard-settings', { signal });
export const saveHazardSettings = (json: HazardSettings) => api.put<HazardSettings>('/api/hazard-settings', { json });
export const createHazard = (json: Partial<CreateHazardRequest>) => api.post<HazardResponse>('/api/hazards', { json });

type Step = (id: number, json: object) => Promise<HazardResponse>;
const step =
  (path: string): Step =>
  (id, json) =>
    api.post<HazardResponse>(`/api/hazards/${id}/${path}`, { json });

export const hazardSteps = {
  confirm: step('confirm') as (id: number, json: ConfirmHazardRequest) => Promise<HazardResponse>,
  plan: step('plan') as (id: number, json: UpdatePlanRequest) => Promise<HazardResponse>,
  startRectification: step('start-rectification'),
  evaluation: step('evaluation') as (id: number, json: EvaluationRequest) => Promise<HazardResponse>,
  requestAcceptance: step('request-acceptance'),
  acceptance: step('acceptance') as (id: number, json: RecordAcceptanceRequest) => Promise<HazardResponse>,
  close: step('close'),
  fixOnSpot: step('fix-on-spot') as (id: number, json: FixOnSpotRequest) => Promise<HazardResponse>,
  listing: step('listing') as (id: number, json: ListHazardRequest) => Promise<HazardResponse>,
  extension: step('extensions') as (id: number, json: RequestHazardExtensionRequest) => Promise<HazardResponse>,
  explanation: step('explanation') as (id: number, json: { text: string }) => Promise<HazardResponse>,
};

export const decideHazardExtension = (id: number, extensionId: number, json: DecideHazardExtensionRequest) =>
  api.post<HazardResponse>(`/api/hazards/${id}/extensions/${extensionId}/decision`, { json });

export function uploadHazardFiles(id: number, kind: string, files: File[]): Promise<AddHazardFilesResponse> {
  const form = new FormData();
  for (const f of files) form.append('file', f);
  return api.post<AddHazardFilesResponse>(`/api/hazards/${id}/files`, { form, query: { kind } });
}

export const hazardFileUrl = (id: number, fileId: number) => `/api/hazards/${id}/files/${fileId}`;
export const hazardStatsExportUrl = (year: number) => `/api/hazards/stats/export?year=${year}`;
