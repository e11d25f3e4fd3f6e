// `npm run baselines -- [--lang en|zh] [--data training/build]`: the counting baselines on each
// validation source made by `npm run corpus`: an interpolated Kneser–Ney bigram and a 5-gram with
// modified discounts, fitted on the training split's token ids (the same ids the model trains on).
// Writes <data>/<lang>/baselines.json, which training/train.py reads to print the model's ratios.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { KneserNey, KneserNeyBigram } from '../src/lm/ngram';
import type { Lang } from '../src/lm/tokenizer';

const { values } = parseArgs({
  options: { lang: { type: 'string' }, data: { type: 'string', default: 'training/build' } },
});

const readIds = (path: string) => {
  const b = readFileSync(path);
  return new Uint16Array(b.buffer, b.byteOffset, b.length / 2);
};

for (const lang of values.lang ? [values.lang as Lang] : (['en', 'zh'] as const)) {
  const dir = join(values.data as string, lang);
  const vocabSize = (JSON.parse(readFileSync(join(dir, 'vocab.json'), 'utf8')) as { tokens: string[] }).tokens
    .length;
  const train = readIds(join(dir, 'train.bin'));
  const started = Date.now();
  const bigram = new KneserNeyBigram(vocabSize, train);
  const fivegram = new KneserNey(vocabSize, train, 5);
  const sources: Record<string, { tokens: number; bigram: number; fivegram: number }> = {};
  for (const f of readdirSync(dir).filter((f) => /^valid-.+\.bin$/.test(f))) {
    const ids = readIds(join(dir, f));
    sources[f.slice(6, -4)] = {
      tokens: ids.length,
      bigram: Number(bigram.perplexity(ids).toFixed(3)),
      fivegram: Number(fivegram.perplexity(ids).toFixed(3)),
    };
  }
  const out = { lang, trainTokens: train.length, discounts: fivegram.discounts, sources };
  writeFileSync(join(dir, 'baselines.json'), JSON.stringify(out, null, 2));
  console.log(lang, `${((Date.now() - started) / 1000).toFixed(1)} s`, JSON.stringify(sources));
}
