import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';

const dir = (lang: string) => new URL(`../../locales/${lang}/`, import.meta.url);
const load = (lang: string): Record<string, unknown> =>
  Object.fromEntries(
    readdirSync(dir(lang))
      .filter((f) => f.endsWith('.json'))
      .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(new URL(f, dir(lang)), 'utf8'))]),
  );

/** Every leaf as [dot.path, value]. */
function leaves(o: unknown, prefix = ''): [string, unknown][] {
  if (o && typeof o === 'object')
    return Object.entries(o).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
  return [[prefix, o]];
}

const en = new Map(leaves(load('en')));
const zh = new Map(leaves(load('zh')));
const vars = (s: unknown) =>
  typeof s === 'string' ? [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort() : [];

describe('translations', () => {
  it('English and Chinese have exactly the same keys', () => {
    expect([...zh.keys()].filter((k) => !en.has(k))).toEqual([]);
    expect([...en.keys()].filter((k) => !zh.has(k))).toEqual([]);
  });

  it('no text is empty, and each uses the same {{placeholders}} in both languages', () => {
    for (const [key, value] of en) {
      // The joiner between words is a space in English and nothing in Chinese, on purpose.
      if (typeof value !== 'string' || key.endsWith('.joiner')) continue;
      expect(value.trim(), key).not.toBe('');
      expect((zh.get(key) as string).trim(), key).not.toBe('');
      expect(vars(zh.get(key)), key).toEqual(vars(value));
    }
  });

  it('Chinese texts are really Chinese (no English left untranslated in sentences)', () => {
    const proseKeys = [...zh.entries()].filter(
      ([k, v]) =>
        typeof v === 'string' &&
        /(title|goal|intro|learned|hint|Text|choose)$/.test(k) &&
        !k.startsWith('credits.'),
    );
    expect(proseKeys.length).toBeGreaterThan(20);
    for (const [k, v] of proseKeys) expect(v as string, k).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a screen says at most three sentences at once', () => {
    for (const lang of [en, zh]) {
      for (const [k, v] of lang) {
        if (typeof v !== 'string') continue;
        // A full stop between digits (0.8) ends no sentence.
        const sentences = v.split(/(?<=[.!?。！？])(?!\d)\s*/).filter((s) => s.trim().length > 1);
        expect(sentences.length, k).toBeLessThanOrEqual(3);
      }
    }
  });
});

describe('credits', () => {
  it('credit every source repository listed in data/PROVENANCE.md, in both languages', () => {
    const provenance = readFileSync(new URL('../../data/PROVENANCE.md', import.meta.url), 'utf8');
    const repos = new Set(
      provenance
        .split('\n')
        .filter((l) => l.startsWith('| ') && !l.startsWith('| path') && !l.startsWith('|---'))
        .map((l) => l.split('|')[2]?.trim() ?? '')
        .filter((r) => /^[\w.-]+\/[\w.-]+$/.test(r)),
    );
    expect(repos.size).toBeGreaterThanOrEqual(10);
    for (const lang of ['en', 'zh']) {
      const sources = (load(lang).credits as { sources: Record<string, { from: string; licence: string }> })
        .sources;
      const credited = Object.values(sources).flatMap((s) => s.from.split('·').map((r) => r.trim()));
      for (const repo of repos) expect(credited, `${lang} credits ${repo}`).toContain(repo);
      for (const s of Object.values(sources)) expect(s.licence).not.toBe('');
    }
  });
});
