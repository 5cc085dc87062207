import { message } from 'antd';
import { useEffect, useRef } from 'react';
import type { PendingToast } from './toast.tsx';

/** Shows the queued toasts with antd's message; loaded by ToastProvider at the first toast. */
export default function ToastHost({ queue, onShown }: { queue: PendingToast[]; onShown: (n: number) => void }) {
  const [api, holder] = message.useMessage();
  // Each queue once (StrictMode runs an effect twice with the same props).
  const last = useRef<PendingToast[] | null>(null);
  useEffect(() => {
    if (queue.length === 0 || last.current === queue) return;
    last.current = queue;
    for (const { kind, content } of queue) api[kind](content);
    onShown(queue.length);
  }, [queue, api, onShown]);
  return holder;
}
