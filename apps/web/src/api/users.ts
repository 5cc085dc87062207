import { api } from './client.ts';
import type { CreateUserRequest, ListUsersResponse } from './contracts.ts';

export const fetchUsers = () => api.get<ListUsersResponse>('/api/users');
export const createUser = (body: CreateUserRequest) => api.post<{ id: number }>('/api/users', { json: body });
export const resetUserPassword = (id: number, password: string) =>
  api.post<{ ok: true }>(`/api/users/${id}/reset-password`, { json: { password } });
export const updateUser = (id: number, body: import('@duban/shared/contracts/users').UpdateUserRequest) =>
  api.patch<{ ok: true }>(`/api/users/${id}`, { json: body });
