import { message } from 'antd';
import { createContext, type ReactNode, use } from 'react';

type MessageInstance = ReturnType<typeof message.useMessage>[0];

const ToastContext = createContext<MessageInstance | null>(null);

/**
 * antd's message with the theme's context, without antd's App component (which would also load Modal and
 * notification on every screen).
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [api, holder] = message.useMessage();
  return (
    <ToastContext value={api}>
      {holder}
      {children}
    </ToastContext>
  );
}

export function useToast(): MessageInstance {
  const api = use(ToastContext);
  if (!api) throw new Error('useToast outside ToastProvider');
  return api;
}
