import { type DependencyList, useCallback, useEffect, useState } from 'react';

export type LoadState<T> =
  | { status: 'loading'; data?: T }
  | { status: 'error'; error: unknown; data?: T }
  | { status: 'ready'; data: T };

/**
 * The old hand-written loader, kept only for pages not yet on TanStack Query (enterprises, hazards, inspections'
 * dashboard section, users' departments panel, roll-up, whistleblowing). New pages read with useQuery and a key
 * from api/query.ts, so that the api functions' invalidation refetches them after a write.
 *
 * Runs `load` when the deps change (aborting the previous run) and on `reload()`. While reloading, the previous
 * data stays available as `state.data`, so a list does not blink away after every action.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList) {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' });
  const [tick, setTick] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when to load again
  useEffect(() => {
    const controller = new AbortController();
    setState((prev) => ({ status: 'loading', data: prev.data }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState((prev) => ({ status: 'error', error, data: prev.data }));
      },
    );
    return () => controller.abort();
  }, [...deps, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { state, data: state.data, reload };
}
