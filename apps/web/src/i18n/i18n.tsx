import type { ConfigProviderProps } from 'antd';
import { createContext, type ReactNode, use, useCallback, useEffect, useMemo, useState } from 'react';
import { type MessageKey, type Messages, zhCN } from './zh-CN.ts';

export type Lang = 'zh-CN' | 'en';
export const LANGS: readonly { value: Lang; label: string }[] = [
  { value: 'zh-CN', label: '中文' },
  { value: 'en', label: 'English' },
];

const STORAGE_KEY = 'duban.lang';
/** Chinese is built in; English (dictionary and antd locale) arrives with loadLanguage. */
const DICTIONARIES: Partial<Record<Lang, Messages>> = { 'zh-CN': zhCN };
let antdEnglish: ConfigProviderProps['locale'] | undefined;

/** Loads a language's dictionary (English is a separate chunk); resolves at once for a loaded one. */
export async function loadLanguage(lang: Lang): Promise<void> {
  if (DICTIONARIES[lang]) return;
  const bundle = await import('./en-bundle.ts');
  DICTIONARIES.en = bundle.en;
  antdEnglish = bundle.antdEn;
}

/** antd's English locale once loadLanguage('en') has run (undefined before). */
export const antdEnglishLocale = (): ConfigProviderProps['locale'] | undefined => antdEnglish;

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

export function readStoredLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function format(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = params[name];
    return value === undefined ? match : String(value);
  });
}

export function I18nProvider({ children }: { children: ReactNode }) {
  // main.tsx loads the stored language before the first render; should that fail, Chinese.
  const [lang, setLangState] = useState<Lang>(() => {
    const stored = readStoredLang();
    return DICTIONARIES[stored] ? stored : 'zh-CN';
  });

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // private mode: the choice lasts for this visit only
    }
    loadLanguage(next).then(
      () => setLangState(next),
      () => undefined, // the chunk did not load (offline): stay in the current language
    );
  }, []);

  const value = useMemo<I18nValue>(() => {
    const dict = DICTIONARIES[lang] ?? zhCN;
    return { lang, setLang, t: (key, params) => format(dict[key], params) };
  }, [lang, setLang]);

  return <I18nContext value={value}>{children}</I18nContext>;
}

export function useI18n(): I18nValue {
  const value = use(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

export function useT(): Translate {
  return useI18n().t;
}
