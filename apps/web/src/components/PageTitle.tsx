import { type ReactNode, useEffect } from 'react';
import { useT } from '../i18n/i18n.tsx';

/** The page's h1, and the document title. */
export function PageTitle({ title, extra }: { title: string; extra?: ReactNode }) {
  const t = useT();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  return (
    <div className="page-title">
      <h1>{title}</h1>
      {extra}
    </div>
  );
}
