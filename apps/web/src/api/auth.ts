import { api } from './client.ts';
import type { ChangePasswordRequest, LoginRequest, LoginResponse, MeResponse } from './contracts.ts';

export const login = (body: LoginRequest) => api.post<LoginResponse>('/api/auth/login', { json: body });
export const fetchMe = () => api.get<MeResponse>('/api/auth/me');
export const logout = () => api.post<{ ok: true }>('/api/auth/logout');
export const changePassword = (body: ChangePasswordRequest) =>
  api.post<{ ok: true }>('/api/auth/password', { json: body });
