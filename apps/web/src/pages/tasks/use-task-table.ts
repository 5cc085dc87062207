import { todayInShanghai } from '@duban/shared/civil-date';
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import type { ListTasksResponse, TaskListSummary } from '../../api/contracts.ts';
import { fetchTaskLists, fetchTaskTable } from '../../api/tasklists.ts';
import { writeGeneration } from '../../api/write-generation.ts';

/** The campaign (治本攻坚三年行动) runs 2024–2026; later years appear as time goes on. */
export const FIRST_YEAR = 2024;
export function yearOptions(): number[] {
  const last = Math.max(2026, Number(todayInShanghai().slice(0, 4)));
  const years: number[] = [];
  for (let y = last; y >= FIRST_YEAR; y--) years.push(y);
  return years;
}

let listsCache: { generation: number; value: Promise<TaskListSummary[]> } | null = null;

/** The imported lists (GET /api/tasklists), shared until the next write (an import adds one). */
export function loadTaskLists(): Promise<TaskListSummary[]> {
  if (listsCache && listsCache.generation === writeGeneration()) return listsCache.value;
  const value = fetchTaskLists();
  listsCache = { generation: writeGeneration(), value };
  value.catch(() => {
    listsCache = null;
  });
  return value;
}

/** The years to offer: the campaign's and every year that has a list, newest first. */
export function useYearOptions(): number[] {
  const [years, setYears] = useState(yearOptions);
  useEffect(() => {
    let live = true;
    loadTaskLists().then(
      (lists) => {
        if (live) setYears([...new Set([...yearOptions(), ...lists.map((l) => l.year)])].sort((a, b) => b - a));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return years;
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
  const [state, setState] = useState<TaskTableState>({ status: 'loading' });
  const [reload, setReload] = useState(0);

  useEffect(() => {
    void reload;
    const controller = new AbortController();
    setState({ status: 'loading' });
    (async () => {
      const y = year ?? defaultYear(await loadTaskLists());
      if (controller.signal.aborted) return;
      if (y === null) {
        setState({ status: 'missing', year: Number(todayInShanghai().slice(0, 4)) });
        return;
      }
      try {
        setState({ status: 'ready', table: await fetchTaskTable(y, asOf, controller.signal) });
      } catch (error) {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.code === 'not_found') setState({ status: 'missing', year: y });
        else setState({ status: 'error', error });
      }
    })().catch((error: unknown) => {
      if (!controller.signal.aborted) setState({ status: 'error', error });
    });
    return () => controller.abort();
  }, [year, asOf, reload]);

  const retry = useCallback(() => setReload((n) => n + 1), []);
  return { state, retry };
}
