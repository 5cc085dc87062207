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
import type { ListEnterprisesQuery, SupervisionListQuery } from '@duban/shared/contracts/enterprises';
import type { ListHazardsQuery } from '@duban/shared/contracts/hazards';
import type { RollupQuery } from '@duban/shared/contracts/rollup';
import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './client.ts';

/**
 * A request's query parameters, typed from the server's contract: what the server parses (its output type), with the
 * parameters it defaults (paging) left optional.
 */
export type QueryParams<Parsed, Defaulted extends keyof Parsed = never> = Omit<Parsed, Defaulted> &
  Partial<Pick<Parsed, Defaulted>>;
export type ListHazardsParams = QueryParams<ListHazardsQuery, 'limit' | 'offset'>;
export type ListEnterprisesParams = QueryParams<ListEnterprisesQuery, 'limit' | 'offset'>;
export type SupervisionListParams = QueryParams<SupervisionListQuery, 'limit' | 'offset'>;
export type RollupParams = RollupQuery;

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
  | 'notifications'
  | 'hazards'
  | 'enterprises'
  | 'inspections'
  | 'rollup'
  | 'whistle'
  | 'articles'
  | 'apiTokens'
  | 'calendarFeeds';

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
  // hazards (隐患): the register's pages by filter, one hazard, the year's statistics, the standards catalogue
  hazardList: (filters: ListHazardsParams) => ['hazards', 'list', filters] as const,
  hazard: (id: number) => ['hazards', 'one', id] as const,
  hazardStats: (year: number) => ['hazards', 'stats', year] as const,
  hazardStandards: () => ['hazards', 'standards'] as const,
  // enterprises (企业名录) and the 监管责任清单 generated from them
  enterpriseList: (filters: ListEnterprisesParams) => ['enterprises', 'list', filters] as const,
  enterprise: (id: number) => ['enterprises', 'one', id] as const,
  enterpriseVersions: (id: number) => ['enterprises', 'versions', id] as const,
  enterpriseCatalogue: () => ['enterprises', 'catalogue'] as const,
  supervisionList: (q: SupervisionListParams) => ['enterprises', 'supervision-list', q] as const,
  inspectionStats: (year: number) => ['inspections', 'stats', year] as const,
  // roll-up across units (下级单位, 直报, 上级任务)
  rollup: (q: RollupParams) => ['rollup', 'figures', q] as const,
  submissions: (side: 'mine' | 'children', period: string | null) => ['rollup', 'submissions', side, period] as const,
  unitDashboard: (unitId: number, year: number) => ['rollup', 'unit-dashboard', unitId, year] as const,
  upperDuties: (year: number) => ['rollup', 'upper-duties', year] as const,
  // 举报 handling and rewards; knowledge articles
  whistleReports: (status: string | null) => ['whistle', 'reports', status] as const,
  rewards: () => ['whistle', 'rewards'] as const,
  articles: () => ['articles'] as const,
  // settings: machine tokens and calendar links (created and shown once, revocable)
  apiTokens: () => ['apiTokens'] as const,
  calendarFeeds: () => ['calendarFeeds'] as const,
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
  // A hazard's step changes its page, the register, the statistics (the dashboard's hazards section) and the roll-up.
  hazard: ['hazards', 'rollup'],
  // An enterprise's name and status show in the hazard register as well.
  enterprise: ['enterprises', 'hazards'],
  // A finding or a penalty changes the enforcement statistics; a finding may become a hazard.
  inspection: ['inspections', 'hazards', 'rollup'],
  rollup: ['rollup'],
  // The zone's report on an upper duty is a progress report in the parent's list.
  zoneReport: ['rollup', 'reports', 'occurrences'],
  // A verified report creates a hazard.
  whistle: ['whistle', 'hazards', 'rollup'],
  reward: ['whistle'],
  article: ['articles'],
  apiToken: ['apiTokens'],
  calendarFeed: ['calendarFeeds'],
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
