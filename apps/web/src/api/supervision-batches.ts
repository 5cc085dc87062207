import type { BatchResponse } from '@duban/shared/contracts/supervision';
import { api } from './client.ts';
import { invalidating, WRITES_CHANGE } from './query.ts';

export type Batch = BatchResponse;

export const issueBatches = (body: {
  kind: 'urge' | 'notice';
  occurrenceIds: number[];
  note: string;
  replyBy?: string;
}) =>
  invalidating(api.post<{ batches: Batch[] }>('/api/supervision/batches', { json: body }), WRITES_CHANGE.supervision);

export const fetchBatches = (signal?: AbortSignal) =>
  api.get<{ batches: Batch[] }>('/api/supervision/batches', { signal });

export const batchDocumentUrl = (id: number, format: 'docx' | 'pdf') =>
  `/api/supervision/batches/${id}/document?format=${format}`;
