// `npm run corpus`: data/ → training/build/<lang>/{train,valid}.bin, vocab.json, stats.json.
// The TypeScript tokenizer is the one source of truth; Python only ever sees these token ids.
// Options: --lang en|zh (default both), --limit N (keep only N training documents, for CI),
// --mengxue (add the 蒙学 texts to the Chinese training text; off: see training/README.md).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Doc } from '../src/lm/corpus';
import { corpusSources } from './corpus-sources';
import {
  BOS,
  EOS,
  Tokenizer,
  buildVocab,
  countTokens,
  learnMerges,
  withMerges,
  type Lang,
} from '../src/lm/tokenizer';

/**
 * How many Chinese words the vocabulary learns on top of its characters. The shipped model reads
 * characters (0); `--merges 1500` is the word vocabulary measured in training/README.md.
 */
const ZH_MERGES = 0;

const { values } = parseArgs({
  options: {
    lang: { type: 'string' },
    limit: { type: 'string' },
    out: { type: 'string', default: 'training/build' },
    mengxue: { type: 'boolean', default: false },
    // Chinese words learned from the training text (byte-pair merges over runs of characters).
    merges: { type: 'string', default: String(ZH_MERGES) },
  },
});

function build(lang: Lang): void {
  const parts = corpusSources(lang, { mengxue: values.mengxue });
  let sources = parts.sources;
  const screenedOut = parts.screenedOut;
  if (values.limit) {
    // A slice for CI: the first N training documents over the sources, in order.
    let left = Number(values.limit);
    sources = sources.map((s) => {
      const train = s.train.slice(0, Math.max(0, left));
      left -= train.length;
      return { ...s, train };
    });
  }
  const train = sources.flatMap((s) => s.train);
  const valid = sources.flatMap((s) => s.valid);

  const counts = countTokens(
    lang,
    train.map((d) => d.text),
  );
  const chars =
    lang === 'zh' ? buildVocab('zh', counts, { coverage: 0.995, minCount: 2, maxSize: 4096 }) : null;
  const charSet = new Set(chars?.tokens ?? []);
  const vocab = chars
    ? withMerges(
        chars,
        learnMerges(
          train.map((d) => d.text),
          { count: Number(values.merges), minCount: 8, maxLength: 4, known: (c) => charSet.has(c) },
        ),
      )
    : buildVocab('en', counts, { coverage: 0.985, minCount: 3, maxSize: 4096 });
  const tok = new Tokenizer(vocab);
  const encode = (docs: Doc[]) => {
    const ids: number[] = [];
    for (const d of docs) ids.push(BOS, ...tok.encode(d.text), EOS);
    return Uint16Array.from(ids);
  };
  const unkRate = (ids: Uint16Array) => ids.filter((i) => i === 1).length / Math.max(ids.length, 1);

  const out = join(values.out as string, lang);
  mkdirSync(out, { recursive: true });
  const write = (name: string, docs: Doc[]) => {
    const ids = encode(docs);
    writeFileSync(join(out, `${name}.bin`), Buffer.from(ids.buffer));
    writeFileSync(join(out, `${name}.txt`), docs.map((d) => d.text).join('\n'));
    return ids;
  };
  const trainIds = write('train', train);
  const validIds = write('valid', valid);
  // Each source apart: train-<source> for weighted sampling, valid-<source> reported apart.
  const bySource = sources.map((s) => {
    const t = write(`train-${s.name}`, s.train);
    const v = s.valid.length > 0 ? write(`valid-${s.name}`, s.valid) : new Uint16Array();
    return {
      name: s.name,
      trainDocs: s.train.length,
      validDocs: s.valid.length,
      trainTokens: t.length,
      validTokens: v.length,
      validCoverage: 1 - unkRate(v),
    };
  });
  writeFileSync(join(out, 'vocab.json'), JSON.stringify(vocab));
  const stats = {
    lang,
    trainDocs: train.length,
    validDocs: valid.length,
    screenedOut,
    trainTokens: trainIds.length,
    validTokens: validIds.length,
    vocabSize: vocab.tokens.length,
    trainCoverage: 1 - unkRate(trainIds),
    validCoverage: 1 - unkRate(validIds),
    // The works the documents come from (their ids' first part), which the credits must name.
    works: [...new Set([...train, ...valid].map((d) => d.id.split(/[#/]/)[0]))],
    sources: bySource,
  };
  writeFileSync(join(out, 'stats.json'), JSON.stringify(stats, null, 2));
  console.log(JSON.stringify(stats));
}

for (const lang of values.lang ? [values.lang as Lang] : (['en', 'zh'] as const)) build(lang);
