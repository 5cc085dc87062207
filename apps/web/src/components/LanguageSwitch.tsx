import { Segmented } from 'antd';
import { LANGS, type Lang, useI18n } from '../i18n/i18n.tsx';

/** 中文 / English, persisted in localStorage. */
export function LanguageSwitch({ size = 'small' }: { size?: 'small' | 'middle' }) {
  const { lang, setLang, t } = useI18n();
  return (
    <Segmented<Lang>
      aria-label={t('lang.label')}
      size={size}
      value={lang}
      onChange={setLang}
      options={LANGS.map((l) => ({ value: l.value, label: <span lang={l.value}>{l.label}</span> }))}
    />
  );
}
