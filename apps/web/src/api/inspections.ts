import type {
  AddFindingRequest,
  AddPhotoRequest,
  FieldDayResponse,
  InspectionResponse,
  StatsResponse,
  UpdateInspectionRequest,
} from '@duban/shared/contracts/inspections';
import { api } from './client.ts';
import { invalidating, WRITES_CHANGE } from './query.ts';

/**
 * Inspections (issue 15): the phone's day pack and its writes; the statistics for the dashboard section. A finding
 * or a changed inspection (penalty) marks the statistics stale, and the hazards a finding may have become.
 */
export type { FieldDayResponse, InspectionResponse, StatsResponse };

export const fetchFieldDay = (date: string, signal?: AbortSignal) =>
  api.get<FieldDayResponse>('/api/inspections/field-day', { query: { date }, signal });
export const uploadPhoto = (inspectionId: number, body: AddPhotoRequest) =>
  api.post<{ clientKey: string; sha256: string; created: boolean }>(`/api/inspections/${inspectionId}/photos`, {
    json: body,
  });
export const postFinding = (inspectionId: number, body: AddFindingRequest) =>
  invalidating(
    api.post<InspectionResponse['findings'][number]>(`/api/inspections/${inspectionId}/findings`, { json: body }),
    WRITES_CHANGE.inspection,
  );
export const patchInspection = (inspectionId: number, body: UpdateInspectionRequest) =>
  invalidating(
    api.patch<InspectionResponse>(`/api/inspections/${inspectionId}`, { json: body }),
    WRITES_CHANGE.inspection,
  );
export const fetchInspection = (inspectionId: number) =>
  api.get<InspectionResponse>(`/api/inspections/${inspectionId}`);
export const fetchInspectionStats = (year: number, signal?: AbortSignal) =>
  api.get<StatsResponse>('/api/inspection-stats', { query: { year }, signal });
