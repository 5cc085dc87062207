import { todayInShanghai } from '@duban/shared/civil-date';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { ApiError } from '../../api/client.ts';
import type { ListTasksResponse, TaskListSummary } from '../../api/contracts.ts';
import { queryClient, queryKeys } from '../../api/query.ts';
import { fetchTaskLists, fetchTaskTable } from '../../api/tasklists.ts';

/** The campaign (治本攻坚三年行动) runs 2024–2026; later years appear as time goes on. */
export const FIRST_YEAR = 2024;
export function yearOptions(): number[] {
  const last = Math.max(2026, Number(todayInShanghai().slice(0, 4)));
  const years: number[] = [];
  for (let y = last; y >= FIRST_YEAR; y--) years.push(y);
  return years;
}

const listsQuery = {
  queryKey: queryKeys.taskLists(),
  queryFn: ({ signal }: { signal: AbortSignal }) => fetchTaskLists(signal),
};

/** The imported lists (GET /api/tasklists), shared until a write marks them stale (an import adds one). */
export function loadTaskLists(): Promise<TaskListSummary[]> {
  return queryClient.fetchQuery(listsQuery);
}

/** The years to offer: the campaign's and every year that has a list, newest first. */
export function useYearOptions(): number[] {
  const { data: lists } = useQuery(listsQuery);
  return useMemo(
    () => [...new Set([...yearOptions(), ...(lists ?? []).map((l) => l.year)])].sort((a, b) => b - a),
    [lists],
  );
}

/** The list to open without a chosen year: the newest one that is not in the future, else the newest. */
export function defaultYear(lists: readonly TaskListSummary[]): number | null {
  const thisYear = Number(todayInShanghai().slice(0, 4));
  const sorted = [...lists].sort((a, b) => b.year - a.year);
  return (sorted.find((l) => l.year <= thisYear) ?? sorted[0])?.year ?? null;
}

export type TaskTableState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'missing'; year: number }
  | { status: 'ready'; table: ListTasksResponse };

/** Loads one year's task table; without an explicit year, the default list (see defaultYear). */
export function useTaskTable(year: number | null, asOf: string | undefined) {
  const lists = useQuery({ ...listsQuery, enabled: year === null });
  const chosen = year ?? (lists.data ? defaultYear(lists.data) : undefined);
  const table = useQuery({
    queryKey: queryKeys.taskTable(chosen ?? 0, asOf ?? null),
    queryFn: ({ signal }) => fetchTaskTable(chosen as number, asOf, signal),
    enabled: typeof chosen === 'number',
  });

  let state: TaskTableState;
  if (year === null && lists.isError) state = { status: 'error', error: lists.error };
  else if (chosen === null) state = { status: 'missing', year: Number(todayInShanghai().slice(0, 4)) };
  else if (chosen === undefined || table.isPending) state = { status: 'loading' };
  else if (table.isError)
    state =
      table.error instanceof ApiError && table.error.code === 'not_found'
        ? { status: 'missing', year: chosen }
        : { status: 'error', error: table.error };
  else state = { status: 'ready', table: table.data };

  const { refetch: refetchLists } = lists;
  const { refetch: refetchTable } = table;
  const retry = useCallback(() => {
    if (year === null) void refetchLists();
    void refetchTable();
  }, [year, refetchLists, refetchTable]);
  return { state, retry };
}
