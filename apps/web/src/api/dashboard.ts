import { api } from './client.ts';
import type { Dashboard } from './contracts.ts';

export const fetchDashboard = (year: number, asOf?: string, signal?: AbortSignal) =>
  api.get<Dashboard>('/api/dashboard', { query: { year, asOf }, signal });
