import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/i18n/detect';

describe('first language', () => {
  it('follows the saved setting first', () => {
    expect(detectLanguage('zh', ['en-US'])).toBe('zh');
    expect(detectLanguage('en', ['zh-CN'])).toBe('en');
  });
  it('else the browser: zh* is Chinese, anything else English', () => {
    expect(detectLanguage(null, ['zh-CN', 'en'])).toBe('zh');
    expect(detectLanguage(null, ['zh-TW'])).toBe('zh');
    expect(detectLanguage(undefined, ['ZH'])).toBe('zh');
    expect(detectLanguage(null, ['en-US', 'zh-CN'])).toBe('en');
    expect(detectLanguage('klingon', ['fr-FR'])).toBe('en');
    expect(detectLanguage(null, [])).toBe('en');
  });
});
