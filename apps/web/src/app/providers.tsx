import { QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import type { ReactNode } from 'react';
import { queryClient } from '../api/query.ts';
import { antdEnglishLocale, I18nProvider, useI18n } from '../i18n/i18n.tsx';
import { AuthProvider } from './auth.tsx';
import { theme } from './theme.ts';

function AntdProviders({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'en' ? (antdEnglishLocale() ?? zhCN) : zhCN} theme={theme}>
      {children}
    </ConfigProvider>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <AntdProviders>
          <AuthProvider>{children}</AuthProvider>
        </AntdProviders>
      </I18nProvider>
    </QueryClientProvider>
  );
}
