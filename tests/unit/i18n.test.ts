import { afterEach, describe, expect, it, vi } from 'vitest';
import { readdirSync } from 'node:fs';
import {
  NAMESPACES,
  initI18n,
  resources,
  setLanguage,
  t,
  currentLang,
  onLanguageChange,
} from '../../src/i18n';
import { LEVELS } from '../../src/lessons/levels';

afterEach(() => vi.restoreAllMocks());

describe('i18n', () => {
  it('translates typed keys with parameters in both languages and tells listeners of a switch', async () => {
    await initI18n('en');
    expect(t('common:map.stars', { count: 3, total: 27 })).toBe('3 of 27 stars');
    const heard: string[] = [];
    const off = onLanguageChange((l) => heard.push(l));
    await setLanguage('zh');
    expect(currentLang()).toBe('zh');
    expect(t('common:map.stars', { count: 3, total: 27 })).toBe('共 27 颗星，已得 3 颗');
    off();
    await setLanguage('en');
    expect(heard).toEqual(['zh']);
  });

  it('a key missing in Chinese falls back to English and is reported as an error', async () => {
    const nav = resources.zh.common.nav as Record<string, string>;
    const saved = nav.back;
    delete nav.back;
    try {
      const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      await initI18n('zh');
      expect(t('common:nav.back')).toBe('Back to the map');
      expect(errors).toHaveBeenCalledWith(expect.stringContaining('missing key "common:nav.back" in "zh"'));
      errors.mockClear();
      expect(t('common:settings.cancel')).toBe('取消');
      expect(errors).not.toHaveBeenCalled();
    } finally {
      nav.back = saved as string;
    }
  });

  it('loads one namespace per locale file, taken from the level registry, and every file is loaded', () => {
    for (const lang of ['en', 'zh'] as const) {
      const files = readdirSync(new URL(`../../locales/${lang}/`, import.meta.url))
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.replace(/\.json$/, ''))
        .sort();
      expect([...NAMESPACES].sort(), lang).toEqual(files);
      expect(Object.keys(resources[lang]).sort(), lang).toEqual(files);
    }
    expect(NAMESPACES).toEqual([
      'common',
      'levels',
      'credits',
      ...LEVELS.flatMap((l) => (l.ns ? [l.ns] : [])),
    ]);
  });

  it('every level has its title, goal and stars; every built one the texts its base scene shows', () => {
    for (const lang of ['en', 'zh'] as const) {
      const r = resources[lang] as unknown as Record<string, Record<string, unknown>>;
      for (const level of LEVELS) {
        const entry = r.levels?.[level.id] as Record<string, unknown> | undefined;
        for (const k of ['title', 'goal', 'stars'])
          expect(typeof entry?.[k], `${lang} ${level.id}.${k}`).toBe('string');
        if (!level.ns) continue;
        const own = ['intro', 'learned', ...(level.needsModel ? ['loading', 'resting'] : [])];
        for (const k of own) expect(typeof r[level.ns]?.[k], `${lang} ${level.ns}:${k}`).toBe('string');
      }
    }
  });
});
