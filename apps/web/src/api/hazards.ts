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
import { invalidating, type ListHazardsParams, WRITES_CHANGE } from './query.ts';

/**
 * The hazard register and its closed loop. Types only from the shared contracts. Every write names what it changes
 * (the hazard, the register, the statistics of the dashboard's hazards section, the roll-up): see api/query.ts.
 */
export type {
  HazardResponse,
  HazardSettings,
  HazardStandardsResponse,
  HazardStatsResponse,
  ListHazardsParams,
  ListHazardsResponse,
};

export const fetchHazards = (f: ListHazardsParams, signal?: AbortSignal) =>
  api.get<ListHazardsResponse>('/api/hazards', { query: { ...f }, signal });
export const fetchHazard = (id: number, signal?: AbortSignal) =>
  api.get<HazardResponse>(`/api/hazards/${id}`, { signal });
export const fetchHazardStats = (year: number, signal?: AbortSignal) =>
  api.get<HazardStatsResponse>('/api/hazards/stats', { query: { year }, signal });
export const fetchHazardStandards = (signal?: AbortSignal) =>
  api.get<HazardStandardsResponse>('/api/hazard-standards', { signal });
/** The office adds an item to a standard of the catalogue (its source is required). */
export const addStandardItem = (standardId: number, json: AddStandardItemRequest) =>
  invalidating(
    api.post<HazardStandardsResponse>(`/api/hazard-standards/${standardId}/items`, { json }),
    WRITES_CHANGE.hazard,
  );
export const fetchHazardSettings = (signal?: AbortSignal) =>
  api.get<HazardSettings>('/api/hazard-settings', { signal });
export const saveHazardSettings = (json: HazardSettings) => api.put<HazardSettings>('/api/hazard-settings', { json });
export const createHazard = (json: Partial<CreateHazardRequest>) =>
  invalidating(api.post<HazardResponse>('/api/hazards', { json }), WRITES_CHANGE.hazard);

type Step = (id: number, json: object) => Promise<HazardResponse>;
const step =
  (path: string): Step =>
  (id, json) =>
    invalidating(api.post<HazardResponse>(`/api/hazards/${id}/${path}`, { json }), WRITES_CHANGE.hazard);

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
  invalidating(
    api.post<HazardResponse>(`/api/hazards/${id}/extensions/${extensionId}/decision`, { json }),
    WRITES_CHANGE.hazard,
  );

export function uploadHazardFiles(id: number, kind: string, files: File[]): Promise<AddHazardFilesResponse> {
  const form = new FormData();
  for (const f of files) form.append('file', f);
  return invalidating(
    api.post<AddHazardFilesResponse>(`/api/hazards/${id}/files`, { form, query: { kind } }),
    WRITES_CHANGE.hazard,
  );
}

export const hazardFileUrl = (id: number, fileId: number) => `/api/hazards/${id}/files/${fileId}`;
export const hazardStatsExportUrl = (year: number) => `/api/hazards/stats/export?year=${year}`;
