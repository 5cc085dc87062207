import { useSyncExternalStore } from 'react';

function subscribe(query: string) {
  return (onChange: () => void) => {
    const list = window.matchMedia(query);
    list.addEventListener('change', onChange);
    return () => list.removeEventListener('change', onChange);
  };
}

/** Synchronous from the first render (antd's useBreakpoint starts empty and flashes the desktop layout). */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    subscribe(query),
    () => window.matchMedia(query).matches,
    () => false,
  );
}

/** Below antd's md breakpoint (768 px): drawer menu, card lists. */
export function useIsPhone(): boolean {
  return useMediaQuery('(max-width: 767.98px)');
}
