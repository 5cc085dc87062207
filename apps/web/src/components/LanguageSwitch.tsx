import { useId } from 'react';
import { LANGS, useI18n } from '../i18n/i18n.tsx';

/**
 * 中文 / English, persisted in localStorage: two radio buttons drawn like antd's Segmented, without its code (the
 * switch is on every first screen). The arrow keys move between them, as in any radio group.
 */
export function LanguageSwitch({ size = 'small' }: { size?: 'small' | 'middle' }) {
  const { lang, setLang, t } = useI18n();
  const name = useId();
  return (
    <div role="radiogroup" aria-label={t('lang.label')} className={`lang-switch lang-switch-${size}`}>
      <div className="lang-switch-group">
        {LANGS.map((l) => (
          <label
            key={l.value}
            className={l.value === lang ? 'lang-switch-item lang-switch-selected' : 'lang-switch-item'}
          >
            <input
              type="radio"
              className="lang-switch-input"
              name={name}
              value={l.value}
              checked={l.value === lang}
              onChange={() => setLang(l.value)}
            />
            <span className="lang-switch-label" lang={l.value}>
              {l.label}
            </span>
          </label>
        ))}
      </div>
    </div>
  );
}
