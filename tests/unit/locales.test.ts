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

describe('Chinese punctuation and names', () => {
  it('Chinese texts use the full-width colon “：”, never the ASCII “:”', () => {
    const withColon = [...zh.entries()].filter(([, v]) => typeof v === 'string' && v.includes(':'));
    expect(withColon).toEqual([]);
  });

  it('nothing English is left untranslated in Chinese (the neuron’s shapes ReLU and Tanh were)', () => {
    // The same text in both languages, with an English word in it: only names that are the same
    // in every language (a language's own name, a licence's name) may stay.
    const same = [...zh.entries()].filter(
      ([k, v]) => typeof v === 'string' && v === en.get(k) && /[A-Za-z]{3,}/.test(v),
    );
    expect(
      same.filter(
        ([k]) => !/^common\.settings\.langNames\.|^credits\.sources\.[\w-]+\.(licence|where)$/.test(k),
      ),
    ).toEqual([]);
    for (const act of ['step', 'relu', 'sigmoid', 'tanh']) {
      expect(zh.get(`neuron.act.${act}`), act).toMatch(/[\u4e00-\u9fff]/);
      expect(zh.get(`neuron.act.${act}`), act).not.toMatch(/[A-Za-z]{2,}/);
    }
  });
});

describe('settings', () => {
  it('say in words what runs the model, with its technical name apart (WASM meant nothing to a child)', () => {
    for (const lang of [en, zh]) {
      for (const key of ['common.settings.modelReadyWasm', 'common.settings.modelReadyWebgpu'])
        expect(lang.get(key), key).not.toMatch(/WASM|WebAssembly|WebGPU|GPU|CPU/);
      expect(lang.get('common.settings.modelTechnicalWasm')).toContain('WebAssembly');
      expect(lang.get('common.settings.modelTechnicalWebgpu')).toContain('WebGPU');
    }
    expect(en.get('common.settings.modelReadyWasm')).toContain('main chip');
    expect(zh.get('common.settings.modelReadyWasm')).toContain('主芯片');
  });
});

/** Which credit each row of data/PROVENANCE.md belongs to, by the start of its path. */
const CREDIT_OF_PATH: [RegExp, string][] = [
  [/^mnist\//, 'mnist'],
  [/^zh\/chinese-poetry-mengxue\//, 'mengxue'],
  [/^zh\/asp-stories-zh\//, 'asp-zh'],
  [/^en\/asp-stories-en\//, 'asp-en'],
  [/^en\/classics\/aesop_for_children/, 'aesop-children'],
  [/^en\/classics\/grimm/, 'grimm'],
  [/^en\/classics\/andersen/, 'andersen'],
  [/^en\/classics\/aesop_fables_townsend/, 'aesop-townsend'],
  [/^en\/classics\/tale_of_peter_rabbit/, 'peter-rabbit'],
  [/^en\/tinystories\//, 'tinystories'],
  [/^embeddings\/glove/, 'glove'],
  [/^zh\/stories-written\//, 'stories-zh-written'],
  [/^semantic-map\/words\.tsv$/, 'semantic-map-words'],
];

interface Credit {
  work: string;
  by: string;
  what: string;
  licence: string;
  where: string;
}

describe('credits', () => {
  const provenance = readFileSync(new URL('../../data/PROVENANCE.md', import.meta.url), 'utf8');
  const rows = provenance
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| path') && !l.startsWith('|---'))
    .map((l) => l.split('|').map((c) => c.trim()));
  const sources = (lang: string) => (load(lang).credits as { sources: Record<string, Credit> }).sources;

  it('credit the work, its makers and its licence for every file in data/PROVENANCE.md, in both languages', () => {
    expect(rows.length).toBeGreaterThanOrEqual(13);
    for (const row of rows) {
      const path = row[1] ?? '';
      const id = CREDIT_OF_PATH.find(([re]) => re.test(path))?.[1];
      expect(id, `a credit for ${path}`).toBeDefined();
      for (const lang of ['en', 'zh']) {
        const c = sources(lang)[id as string];
        expect(c, `${lang} ${id}`).toBeDefined();
        for (const field of ['work', 'by', 'what', 'licence'] as const)
          expect(c?.[field].trim(), `${lang} ${id}.${field}`).not.toBe('');
      }
      // The licence on screen is one PROVENANCE.md gives for the file (CC BY, CDLA, PDDL, MIT…).
      const licence = (sources('en')[id as string]?.licence ?? '').toLowerCase();
      const given = (row[5] ?? '').toLowerCase();
      const names = ['cc by-sa', 'cc by', 'cdla-sharing', 'pddl', 'mit', 'public domain', 'project'];
      const named = names.filter((n) => licence.includes(n));
      expect(named.length, `${id}: ${licence}`).toBeGreaterThan(0);
      expect(
        named.some((n) => given.includes(n)),
        `${path}: ${licence} / ${given}`,
      ).toBe(true);
    }
    // The Tang quatrains have their own PROVENANCE.md, named in the notes.
    expect(provenance).toContain('zh/tang-quatrains/');
    expect(sources('en')['tang-quatrains']?.work).toContain('Tang');
  });

  it('credit every source the shipped models learned from', () => {
    for (const lang of ['en', 'zh']) {
      const card = JSON.parse(
        readFileSync(new URL(`../../public/models/${lang}/card.json`, import.meta.url), 'utf8'),
      ) as { dataSources: string[] };
      for (const source of card.dataSources) {
        const id = source === 'written' ? 'stories-zh-written' : source.replace(/-(\d+|valid)$/, '');
        expect(sources('en')[id], `${lang} model: ${source}`).toBeDefined();
      }
    }
  });

  it('name works and people, not the repositories the files were copied from', () => {
    const repos = rows.map((r) => r[2] ?? '').filter((r) => /^[\w.-]+\/[\w.-]+$/.test(r));
    expect(repos.length).toBeGreaterThanOrEqual(10);
    for (const lang of ['en', 'zh'])
      for (const [id, c] of Object.entries(sources(lang)))
        for (const text of Object.values(c))
          for (const repo of repos)
            // chinese-poetry is the collection's own name and home, not a copy's.
            if (repo !== 'chinese-poetry/chinese-poetry') expect(text, `${lang} ${id}`).not.toContain(repo);
  });
});
