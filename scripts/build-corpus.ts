// `npm run corpus`: data/ → training/build/<lang>/{train,valid}.bin, vocab.json, stats.json.
// The TypeScript tokenizer is the one source of truth; Python only ever sees these token ids.
// Options: --lang en|zh (default both), --limit N (keep only N training documents, for CI),
// --mengxue (add the 蒙学 texts to the Chinese training text; off: see training/README.md).
import { readFileSync, readdirSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  tinyStories,
  tinyStoriesByParagraph,
  storybook,
  plainBook,
  poetryJson,
  writtenStories,
  isValidation,
  screened,
  type Doc,
} from '../src/lm/corpus';
import { BOS, EOS, Tokenizer, buildVocab, countTokens, tokenize, type Lang } from '../src/lm/tokenizer';

const { values } = parseArgs({
  options: {
    lang: { type: 'string' },
    limit: { type: 'string' },
    out: { type: 'string', default: 'training/build' },
    mengxue: { type: 'boolean', default: false },
  },
});
const read = (p: string) => readFileSync(join('data', p), 'utf8');
const list = (dir: string) =>
  readdirSync(join('data', dir))
    .filter((f) => !f.startsWith('.'))
    .sort();

interface Sources {
  train: Doc[];
  valid: Doc[];
}

function english(): Sources {
  const train: Doc[] = [
    ...tinyStories('tinystories-1', read('en/tinystories/tinystories_v1_train_part1.txt')),
    ...tinyStoriesByParagraph(
      'tinystories-2',
      read('en/tinystories/tinystories_v1_train_part2_lowercased.txt'),
    ),
    ...plainBook('aesop-children', read('en/classics/aesop_for_children_1919.txt'), 3),
    ...plainBook('peter-rabbit', read('en/classics/tale_of_peter_rabbit.txt'), 4),
  ];
  const books = list('en/asp-stories-en').map((f) =>
    storybook(`asp-en/${f}`, read(`en/asp-stories-en/${f}`)),
  );
  // TinyStories' own validation stories are validation here too; one in ten of the others.
  const valid = [
    ...tinyStories('tinystories-valid', read('en/tinystories/tinystories_v1_validation_part.txt')),
    ...books.filter(isValidation),
    ...train.filter((d) => !d.id.startsWith('tinystories') && isValidation(d)),
  ];
  return {
    train: [
      ...train.filter((d) => d.id.startsWith('tinystories') || !isValidation(d)),
      ...books.filter((d) => !isValidation(d)),
    ],
    valid,
  };
}

function chinese(): Sources {
  // Stories: the African Storybook ones and those written for the project; one in ten of each
  // (by a hash of its id: file and title) is validation.
  const stories: Doc[] = [
    ...list('zh/asp-stories-zh').map((f) => storybook(`asp-zh/${f}`, read(`zh/asp-stories-zh/${f}`))),
    ...list('zh/stories-written')
      .filter((f) => /^part-\d+\.md$/.test(f))
      .flatMap((f) => writtenStories(`written/${f}`, read(`zh/stories-written/${f}`))),
  ];
  // The 蒙学 texts are classical verse, not stories: training text only, and only on request.
  const mengxue = values.mengxue
    ? list('zh/chinese-poetry-mengxue')
        .filter((f) => f.endsWith('.s2.json') && f !== 'sanzijing-traditional.s2.json')
        .flatMap((f) => poetryJson(`mengxue/${f}`, JSON.parse(read(`zh/chinese-poetry-mengxue/${f}`))))
    : [];
  return {
    train: [...stories.filter((d) => !isValidation(d)), ...mengxue],
    valid: stories.filter(isValidation),
  };
}

function build(lang: Lang): void {
  const screen = read('screen-list.txt')
    .split('\n')
    .filter((l) => l.startsWith(`${lang}:`))
    .map((l) => l.slice(3).trim());
  const sources = lang === 'en' ? english() : chinese();
  const keep = (docs: Doc[]) => docs.filter((d) => !screened(lang, d, screen));
  let train = keep(sources.train);
  const valid = keep(sources.valid);
  const screenedOut = sources.train.length + sources.valid.length - train.length - valid.length;
  if (values.limit) train = train.slice(0, Number(values.limit));

  const counts = countTokens(
    lang,
    train.map((d) => d.text),
  );
  const vocab =
    lang === 'en'
      ? buildVocab('en', counts, { coverage: 0.985, minCount: 3, maxSize: 4096 })
      : buildVocab('zh', counts, { coverage: 0.995, minCount: 2, maxSize: 4096 });
  const tok = new Tokenizer(vocab);
  const encode = (docs: Doc[]) => {
    const ids: number[] = [];
    for (const d of docs) ids.push(BOS, ...tok.encode(d.text), EOS);
    return Uint16Array.from(ids);
  };
  const trainIds = encode(train);
  const validIds = encode(valid);
  const unkRate = (ids: Uint16Array) => ids.filter((i) => i === 1).length / ids.length;
  const trainTokens = train.reduce((n, d) => n + tokenize(lang, d.text).length, 0);

  const out = join(values.out as string, lang);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'train.bin'), Buffer.from(trainIds.buffer));
  writeFileSync(join(out, 'valid.bin'), Buffer.from(validIds.buffer));
  writeFileSync(join(out, 'vocab.json'), JSON.stringify(vocab));
  writeFileSync(join(out, 'valid.txt'), valid.map((d) => d.text).join('\n'));
  writeFileSync(join(out, 'train.txt'), train.map((d) => d.text).join('\n'));
  const stats = {
    lang,
    trainDocs: train.length,
    validDocs: valid.length,
    screenedOut,
    trainTokens,
    validTokens: validIds.length,
    vocabSize: vocab.tokens.length,
    trainCoverage: 1 - unkRate(trainIds),
    validCoverage: 1 - unkRate(validIds),
    sources: [...new Set([...train, ...valid].map((d) => d.id.split(/[#/]/)[0]))],
  };
  writeFileSync(join(out, 'stats.json'), JSON.stringify(stats, null, 2));
  console.log(JSON.stringify(stats));
}

for (const lang of values.lang ? [values.lang as Lang] : (['en', 'zh'] as const)) build(lang);
