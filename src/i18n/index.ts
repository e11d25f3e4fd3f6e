/**
 * i18next set up for the game, with typed keys taken from the English files. Every
 * user-facing string goes through `t`. A key missing in Chinese falls back to English and
 * is reported with console.error, which fails the end-to-end tests.
 */
import i18next, { type i18n, type Resource } from 'i18next';
import type { Lang } from './detect';
import type { English } from './namespaces';
import { LEVEL_NAMESPACES } from '../lessons/levels';

export { detectLanguage, isLang, LANGUAGES, type Lang } from './detect';

/** The namespaces every screen shares; each built level adds its own (from the level registry). */
export const SHARED_NAMESPACES = ['common', 'levels', 'credits'] as const;
export const NAMESPACES: readonly Namespace[] = [...SHARED_NAMESPACES, ...LEVEL_NAMESPACES];

/** Every `locales/<lang>/<ns>.json`, bundled (the game plays offline from its first visit). */
const files = import.meta.glob<Record<string, unknown>>('../../locales/*/*.json', {
  eager: true,
  import: 'default',
});

function bundle(lang: Lang): English {
  const out: Record<string, unknown> = {};
  for (const ns of NAMESPACES) {
    const file = files[`../../locales/${lang}/${ns}.json`];
    if (file) out[ns] = file;
  }
  return out as unknown as English;
}

export const resources: { readonly en: English; readonly zh: English } = {
  en: bundle('en'),
  zh: bundle('zh'),
};

export type Namespace = keyof English;

/** Dot paths to the string leaves of a JSON object. */
type Leaves<T> = {
  [K in keyof T & string]: T[K] extends string ? K : T[K] extends object ? `${K}.${Leaves<T[K]>}` : never;
}[keyof T & string];

/** A typed translation key, `namespace:path.to.string`. */
export type Key = { [N in Namespace]: `${N}:${Leaves<English[N]>}` }[Namespace];
export type Params = Record<string, string | number>;

let instance: i18n | null = null;
const listeners = new Set<(lang: Lang) => void>();

export async function initI18n(lang: Lang): Promise<void> {
  instance = i18next.createInstance();
  await instance.init({
    resources: resources as unknown as Resource,
    lng: lang,
    fallbackLng: 'en',
    supportedLngs: ['en', 'zh'],
    ns: [...NAMESPACES],
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  setDocumentLang(lang);
}

function setDocumentLang(lang: Lang): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

function i18(): i18n {
  if (!instance) throw new Error('i18n used before initI18n');
  return instance;
}

export function currentLang(): Lang {
  return i18().language === 'zh' ? 'zh' : 'en';
}

function reportMissing(key: string): void {
  const lang = currentLang();
  const [ns, path] = key.split(':') as [string, string];
  if (i18().getResource(lang, ns, path) === undefined) {
    console.error(`[i18n] missing key "${key}" in "${lang}"; showing English`);
  }
}

export function t(key: Key, params?: Params): string {
  reportMissing(key);
  return i18().t(key, params ?? {}) as string;
}

/** Structured content (level tables and the like) from a namespace, in the current language. */
export function content<N extends Namespace>(ns: N): English[N] {
  const lang = currentLang();
  const bundle = i18().getResourceBundle(lang, ns) as English[N] | undefined;
  if (!bundle) {
    console.error(`[i18n] missing namespace "${ns}" in "${lang}"; showing English`);
    return i18().getResourceBundle('en', ns) as English[N];
  }
  return bundle;
}

export async function setLanguage(lang: Lang): Promise<void> {
  if (lang === currentLang()) return;
  await i18().changeLanguage(lang);
  setDocumentLang(lang);
  for (const l of listeners) l(lang);
}

/** Calls `listener` after every language change; returns the unsubscribe function. */
export function onLanguageChange(listener: (lang: Lang) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
