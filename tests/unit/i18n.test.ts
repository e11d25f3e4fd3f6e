import { afterEach, describe, expect, it, vi } from 'vitest';
import { initI18n, resources, setLanguage, t, currentLang, onLanguageChange } from '../../src/i18n';

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
});
