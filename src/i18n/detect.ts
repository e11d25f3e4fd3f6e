/** The languages the game speaks. */
export const LANGUAGES = ['en', 'zh'] as const;
export type Lang = (typeof LANGUAGES)[number];

export function isLang(value: unknown): value is Lang {
  return value === 'en' || value === 'zh';
}

/**
 * The first language: the saved setting if there is one, else the browser's first language
 * (`zh*` → Chinese, anything else → English).
 */
export function detectLanguage(saved: unknown, browserLanguages: readonly string[]): Lang {
  if (isLang(saved)) return saved;
  const first = browserLanguages.find((l) => typeof l === 'string' && l.trim() !== '');
  return first && first.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
