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
import { invalidating, WRITES_CHANGE } from './query.ts';

export const SUPERVISION_KINDS: readonly SupervisionKind[] = ['reminder', 'urge', 'notice', 'interview', 'bulletin'];

export const recordAction = (occurrenceId: number, body: RecordActionRequest) =>
  invalidating(
    api.post<SupervisionAction>(`/api/occurrences/${occurrenceId}/supervision`, { json: body }),
    WRITES_CHANGE.supervision,
  );

export interface ActionsQuery {
  occurrenceId?: number | null;
  departmentId?: number | null;
  kind?: SupervisionKind | null;
}
export const fetchActions = (q: ActionsQuery, signal?: AbortSignal) =>
  api.get<ListActionsResponse>('/api/supervision', { query: { ...q }, signal });
export const replyToNotice = (id: number, text: string, version: number) =>
  invalidating(
    api.post<SupervisionAction>(`/api/supervision/${id}/reply`, { json: { text, version } }),
    WRITES_CHANGE.supervision,
  );

export const requestExtension = (occurrenceId: number, body: RequestExtensionRequest) =>
  invalidating(
    api.post<ExtensionWithOccurrence>(`/api/occurrences/${occurrenceId}/extensions`, { json: body }),
    WRITES_CHANGE.extension,
  );

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
  invalidating(
    api.post<ExtensionWithOccurrence>(`/api/extensions/${id}/decide`, { json: body }),
    WRITES_CHANGE.extension,
  );
