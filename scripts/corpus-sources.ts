// The training text of each language, as `npm run corpus` cleans, splits and screens it: shared by
// scripts/build-corpus.ts (the models' token ids) and scripts/letter-dice-data.ts (the letter-dice
// counts), so both read exactly the same text.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  tinyStories,
  tinyStoriesByParagraph,
  storybook,
  plainBook,
  poetryJson,
  writtenStories,
  hash32,
  screened,
  type Doc,
} from '../src/lm/corpus';
import type { Lang } from '../src/lm/tokenizer';

export const read = (p: string) => readFileSync(join('data', p), 'utf8');
const list = (dir: string) =>
  readdirSync(join('data', dir))
    .filter((f) => !f.startsWith('.'))
    .sort();

/** A source's documents, split: every source has validation text, reported apart. */
export interface Source {
  name: string;
  train: Doc[];
  valid: Doc[];
}

/** One document in `every` goes to validation, chosen by a hash of its id (stable when files are added). */
export function split(name: string, docs: Doc[], every = 10): Source {
  const held = (d: Doc) => hash32(d.id) % every === 0;
  return { name, train: docs.filter((d) => !held(d)), valid: docs.filter(held) };
}

function english(): Source[] {
  const books = list('en/asp-stories-en').map((f) =>
    storybook(`asp-en/${f}`, read(`en/asp-stories-en/${f}`)),
  );
  return [
    // TinyStories' own validation stories are its validation here.
    {
      name: 'tinystories',
      train: [
        ...tinyStories('tinystories-1', read('en/tinystories/tinystories_v1_train_part1.txt')),
        ...tinyStoriesByParagraph(
          'tinystories-2',
          read('en/tinystories/tinystories_v1_train_part2_lowercased.txt'),
        ),
      ],
      valid: tinyStories('tinystories-valid', read('en/tinystories/tinystories_v1_validation_part.txt')),
    },
    split('asp', books),
    split('classics', [
      ...plainBook('aesop-children', read('en/classics/aesop_for_children_1919.txt'), 3),
      ...plainBook('peter-rabbit', read('en/classics/tale_of_peter_rabbit.txt'), 4),
    ]),
  ];
}

function chinese(mengxue: boolean): Source[] {
  // The African Storybook stories stand for children's text from elsewhere: one in four of them is
  // validation (one in ten would leave four or five stories, too few to choose a model by).
  const sources = [
    split(
      'asp',
      list('zh/asp-stories-zh').map((f) => storybook(`asp-zh/${f}`, read(`zh/asp-stories-zh/${f}`))),
      4,
    ),
    split(
      'written',
      list('zh/stories-written')
        .filter((f) => /^part-\d+\.md$/.test(f))
        .flatMap((f) => writtenStories(`written/${f}`, read(`zh/stories-written/${f}`))),
    ),
  ];
  // The 蒙学 texts are classical verse, not stories: training text only, and only on request.
  if (mengxue)
    sources.push({
      name: 'mengxue',
      train: list('zh/chinese-poetry-mengxue')
        .filter((f) => f.endsWith('.s2.json') && f !== 'sanzijing-traditional.s2.json')
        .flatMap((f) => poetryJson(`mengxue/${f}`, JSON.parse(read(`zh/chinese-poetry-mengxue/${f}`)))),
      valid: [],
    });
  return sources;
}

/**
 * The sources of `lang`, each split into training and validation documents, with the documents
 * that the screen list catches left out; `screenedOut` says how many.
 */
export function corpusSources(
  lang: Lang,
  o: { mengxue?: boolean } = {},
): { sources: Source[]; screenedOut: number } {
  const screen = read('screen-list.txt')
    .split('\n')
    .filter((l) => l.startsWith(`${lang}:`))
    .map((l) => l.slice(3).trim());
  const keep = (docs: Doc[]) => docs.filter((d) => !screened(lang, d, screen));
  const all = lang === 'en' ? english() : chinese(o.mengxue ?? false);
  const sources = all.map((s) => ({ ...s, train: keep(s.train), valid: keep(s.valid) }));
  const docCount = (list: Source[]) => list.reduce((n, s) => n + s.train.length + s.valid.length, 0);
  return { sources, screenedOut: docCount(all) - docCount(sources) };
}
