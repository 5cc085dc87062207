import { createContext, lazy, type ReactNode, Suspense, use, useCallback, useMemo, useState } from 'react';

export type ToastKind = 'success' | 'error' | 'warning';
/** The short notes after a save or a failure (antd's message: success, error, warning). */
export type Toast = Record<ToastKind, (content: ReactNode) => void>;
export interface PendingToast {
  kind: ToastKind;
  content: ReactNode;
}

const ToastContext = createContext<Toast | null>(null);
// antd's message (and its notification engine) loads with the first toast: no first screen shows one.
const ToastHost = lazy(() => import('./ToastHost.tsx'));

/**
 * antd's message with the theme's context, without antd's App component (which would also load Modal and
 * notification on every screen). Toasts asked for before the host has loaded wait in a queue, in order.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [queue, setQueue] = useState<PendingToast[]>([]);
  const [used, setUsed] = useState(false);
  const api = useMemo<Toast>(() => {
    const push = (kind: ToastKind) => (content: ReactNode) => {
      setUsed(true);
      setQueue((q) => [...q, { kind, content }]);
    };
    return { success: push('success'), error: push('error'), warning: push('warning') };
  }, []);
  const shown = useCallback((n: number) => setQueue((q) => q.slice(n)), []);
  return (
    <ToastContext value={api}>
      {used ? (
        <Suspense fallback={null}>
          <ToastHost queue={queue} onShown={shown} />
        </Suspense>
      ) : null}
      {children}
    </ToastContext>
  );
}

export function useToast(): Toast {
  const api = use(ToastContext);
  if (!api) throw new Error('useToast outside ToastProvider');
  return api;
}
