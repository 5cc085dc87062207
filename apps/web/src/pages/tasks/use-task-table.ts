import { todayInShanghai } from '@duban/shared/civil-date';
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import type { ListTasksResponse } from '../../api/contracts.ts';
import { fetchTaskTable } from '../../api/tasklists.ts';

/** The campaign (治本攻坚三年行动) runs 2024–2026; later years appear as time goes on. */
export const FIRST_YEAR = 2024;
export function yearOptions(): number[] {
  const last = Math.max(2026, Number(todayInShanghai().slice(0, 4)));
  const years: number[] = [];
  for (let y = last; y >= FIRST_YEAR; y--) years.push(y);
  return years;
}

export type TaskTableState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'missing'; year: number }
  | { status: 'ready'; table: ListTasksResponse };

/**
 * Loads one year's task table. Without an explicit year it shows the newest list there is: this year's, else the
 * year before, and so on back to the campaign's first year.
 */
export function useTaskTable(year: number | null, asOf: string | undefined) {
  const [state, setState] = useState<TaskTableState>({ status: 'loading' });
  const [reload, setReload] = useState(0);

  useEffect(() => {
    void reload;
    const controller = new AbortController();
    const candidates = year !== null ? [year] : yearOptions().filter((y) => y <= Number(todayInShanghai().slice(0, 4)));
    setState({ status: 'loading' });
    (async () => {
      for (const y of candidates) {
        try {
          const table = await fetchTaskTable(y, asOf, controller.signal);
          setState({ status: 'ready', table });
          return;
        } catch (error) {
          if (controller.signal.aborted) return;
          if (error instanceof ApiError && error.code === 'not_found') continue;
          setState({ status: 'error', error });
          return;
        }
      }
      setState({ status: 'missing', year: year ?? candidates[0] ?? FIRST_YEAR });
    })();
    return () => controller.abort();
  }, [year, asOf, reload]);

  const retry = useCallback(() => setReload((n) => n + 1), []);
  return { state, retry };
}
