import type {
  CreateApiTokenRequest as CreateApiTokenRequestSchema,
  CreateApiTokenResponse as CreateApiTokenResponseSchema,
  ListApiTokensResponse as ListApiTokensResponseSchema,
} from '@duban/shared/contracts/auth';
import type { z } from 'zod';
import { api } from './client.ts';

export type ApiTokenRow = z.infer<typeof ListApiTokensResponseSchema>['tokens'][number];
export type CreateApiTokenRequest = z.input<typeof CreateApiTokenRequestSchema>;
export type CreateApiTokenResponse = z.infer<typeof CreateApiTokenResponseSchema>;

export const fetchApiTokens = () => api.get<z.infer<typeof ListApiTokensResponseSchema>>('/api/api-tokens');
export const createApiToken = (body: CreateApiTokenRequest) =>
  api.post<CreateApiTokenResponse>('/api/api-tokens', { json: body });
export const revokeApiToken = (id: number) => api.post<{ ok: true }>(`/api/api-tokens/${id}/revoke`);
