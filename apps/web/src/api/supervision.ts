import { api } from './client.ts';
import type {
  DecideExtensionRequest,
  ExtensionStatus,
  ExtensionWithOccurrence,
  ListActionsResponse,
  ListExtensionsResponse,
  RecordActionRequest,
  RequestExtensionRequest,
  SupervisionAction,
  SupervisionKind,
} from './contracts.ts';
import { wrote } from './write-generation.ts';

export const SUPERVISION_KINDS: readonly SupervisionKind[] = ['reminder', 'urge', 'notice', 'interview', 'bulletin'];

export const recordAction = (occurrenceId: number, body: RecordActionRequest) =>
  wrote(api.post<SupervisionAction>(`/api/occurrences/${occurrenceId}/supervision`, { json: body }));

export interface ActionsQuery {
  occurrenceId?: number | null;
  departmentId?: number | null;
  kind?: SupervisionKind | null;
}
export const fetchActions = (q: ActionsQuery, signal?: AbortSignal) =>
  api.get<ListActionsResponse>('/api/supervision', { query: { ...q }, signal });
export const replyToNotice = (id: number, text: string, version: number) =>
  wrote(api.post<SupervisionAction>(`/api/supervision/${id}/reply`, { json: { text, version } }));

export const requestExtension = (occurrenceId: number, body: RequestExtensionRequest) =>
  wrote(api.post<ExtensionWithOccurrence>(`/api/occurrences/${occurrenceId}/extensions`, { json: body }));

export interface ExtensionsQuery {
  status?: ExtensionStatus | null;
  occurrenceId?: number | null;
  departmentId?: number | null;
}
export const fetchExtensions = (q: ExtensionsQuery, signal?: AbortSignal) =>
  api.get<ListExtensionsResponse>('/api/extensions', { query: { ...q }, signal });
export const fetchExtension = (id: number, signal?: AbortSignal) =>
  api.get<ExtensionWithOccurrence>(`/api/extensions/${id}`, { signal });
export const decideExtension = (id: number, body: DecideExtensionRequest) =>
  wrote(api.post<ExtensionWithOccurrence>(`/api/extensions/${id}/decide`, { json: body }));
