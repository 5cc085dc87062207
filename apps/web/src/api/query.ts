/**
 * The web's data layer: TanStack Query. One QueryClient for the app (mounted in app/providers.tsx).
 *
 * The pattern every page follows:
 * - Reads: `useQuery({ queryKey: queryKeys.<domain>…, queryFn: ({ signal }) => fetchX(…, signal) })`. Keys start
 *   with the domain (`['tasklists', …]`, `['occurrences', …]`) so a write can invalidate a whole domain at once.
 *   Data shared outside React (loaders, helpers) goes through `queryClient.fetchQuery` with the same key, so a
 *   component and a helper share one request and one cache entry.
 * - Writes: the api module's function wraps its request in `invalidating(promise, …domains)` naming every domain
 *   whose reads the write changes (a report changes its occurrence, the task table's statuses and the dashboard).
 *   Pages call the write and need not refetch by hand: mounted queries of those domains refetch themselves.
 *   `useMutation` is fine for a page that wants pending/error state; its function is the same api function.
 */
import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './client.ts';

/** The first element of every query key. */
export type Domain =
  | 'tasklists'
  | 'departments'
  | 'occurrences'
  | 'reports'
  | 'supervision'
  | 'extensions'
  | 'dashboard'
  | 'bulletins'
  | 'users'
  | 'notifications';

export const queryKeys = {
  taskLists: () => ['tasklists', 'lists'] as const,
  taskTable: (year: number, asOf: string | null) => ['tasklists', 'table', year, asOf] as const,
  departments: () => ['departments'] as const,
  yearOccurrences: (year: number) => ['occurrences', 'year', year] as const,
  dashboard: (year: number, asOf: string | null) => ['dashboard', year, asOf] as const,
  /** One occurrence with its 督办 records and extensions (supervision and extension writes name 'occurrences'). */
  occurrence: (id: number) => ['occurrences', 'detail', id] as const,
  /** A task's occurrences of one list year (the task detail page's timeline). */
  taskTimeline: (taskId: number, year: number) => ['occurrences', 'task', taskId, year] as const,
  /** The inbox pages of one filter (a department user's own; the office's overdue list across departments). */
  inbox: (year: number | null, status: string | null, departmentId: number | null) =>
    ['occurrences', 'inbox', year, status, departmentId] as const,
  reviewQueue: (departmentId: number | null) => ['reports', 'queue', departmentId] as const,
  supervisionRecords: (kind: string | null, departmentId: number | null) =>
    ['supervision', 'records', kind, departmentId] as const,
  supervisionBatches: () => ['supervision', 'batches'] as const,
  extensions: (status: string | null) => ['extensions', status] as const,
  bulletins: (year: number | null) => ['bulletins', 'list', year] as const,
  bulletin: (id: number) => ['bulletins', 'one', id] as const,
};

/** 4xx answers are final (missing, forbidden, invalid); only network trouble and 5xx are retried, once. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status > 0 && error.status < 500) return false;
  return failureCount < 1;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, gcTime: 5 * 60_000, retry: shouldRetry, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}

export const queryClient = createQueryClient();

/** What a write changes, per kind of write: used by the api modules. */
export const WRITES_CHANGE = {
  report: ['occurrences', 'reports', 'tasklists', 'dashboard'],
  supervision: ['supervision', 'occurrences', 'tasklists', 'dashboard'],
  extension: ['extensions', 'occurrences', 'tasklists', 'dashboard'],
  department: ['departments', 'tasklists', 'occurrences', 'dashboard'],
  returnedSheet: ['reports', 'occurrences', 'tasklists', 'dashboard'],
  bulletin: ['bulletins'],
  import: ['tasklists', 'departments', 'occurrences', 'dashboard'],
} as const satisfies Record<string, readonly Domain[]>;

/**
 * Resolves with the write's answer after marking every query of the given domains stale (mounted ones refetch).
 * A failed write invalidates nothing.
 */
export async function invalidating<T>(write: Promise<T>, domains: readonly Domain[]): Promise<T> {
  const value = await write;
  // Marking stale is synchronous; the refetches of mounted queries run on (the write does not wait for them).
  for (const domain of domains) void queryClient.invalidateQueries({ queryKey: [domain] });
  return value;
}
