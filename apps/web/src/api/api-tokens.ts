import type {
  CreateApiTokenRequest as CreateApiTokenRequestSchema,
  CreateApiTokenResponse as CreateApiTokenResponseSchema,
  ListApiTokensResponse as ListApiTokensResponseSchema,
} from '@duban/shared/contracts/auth';
import type { z } from 'zod';
import { api } from './client.ts';
import { invalidating, WRITES_CHANGE } from './query.ts';

export type ApiTokenRow = z.infer<typeof ListApiTokensResponseSchema>['tokens'][number];
export type CreateApiTokenRequest = z.input<typeof CreateApiTokenRequestSchema>;
export type CreateApiTokenResponse = z.infer<typeof CreateApiTokenResponseSchema>;

export const fetchApiTokens = (signal?: AbortSignal) =>
  api.get<z.infer<typeof ListApiTokensResponseSchema>>('/api/api-tokens', { signal });
export const createApiToken = (body: CreateApiTokenRequest) =>
  invalidating(api.post<CreateApiTokenResponse>('/api/api-tokens', { json: body }), WRITES_CHANGE.apiToken);
export const revokeApiToken = (id: number) =>
  invalidating(api.post<{ ok: true }>(`/api/api-tokens/${id}/revoke`), WRITES_CHANGE.apiToken);
