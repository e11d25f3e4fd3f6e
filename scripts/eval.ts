// `npm run eval -- --lang en|zh [--file <text file>] [--max-tokens N] [--update-card]`: the shipped
// model's perplexity next to two counting baselines fitted on the project's training text, an
// interpolated Kneser–Ney bigram and a Kneser–Ney 5-gram with modified discounts, all through the
// same tokenizer and on the same tokens (each token given up to `context` tokens before it).
// Without --file: every validation source of `npm run corpus` (training/build/<lang>/valid-*.txt),
// each reported apart. A file holds one document per line.
import { readFileSync, existsSync, writeFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-web';
import { BOS, EOS, Tokenizer, type Lang, type VocabFile } from '../src/lm/tokenizer';
import { KneserNey, KneserNeyBigram } from '../src/lm/ngram';
import { createRunner } from '../src/model/runner';
import { LanguageModel } from '../src/model/lm';

const { values } = parseArgs({
  options: {
    lang: { type: 'string' },
    file: { type: 'string', multiple: true },
    models: { type: 'string', default: 'public/models' },
    'max-tokens': { type: 'string' },
    'update-card': { type: 'boolean', default: false },
  },
});
const lang = values.lang as Lang;
if (lang !== 'en' && lang !== 'zh') {
  console.error('usage: npm run eval -- --lang en|zh [--file <text file>]… [--max-tokens N] [--update-card]');
  process.exit(2);
}
const dir = `${values.models}/${lang}`;
if (!existsSync(`${dir}/model.onnx`)) {
  console.error(`No model at ${dir}/model.onnx: train one with npm run train -- --lang ${lang}`);
  process.exit(1);
}
const build = `training/build/${lang}`;
if (!existsSync(`${build}/train.txt`) || !existsSync(`${build}/stats.json`))
  execFileSync('npx', ['tsx', 'scripts/build-corpus.ts', '--lang', lang], { stdio: 'inherit' });

const vocab = JSON.parse(readFileSync(`${dir}/vocab.json`, 'utf8')) as VocabFile;
const card = JSON.parse(readFileSync(`${dir}/card.json`, 'utf8')) as { context: number };
const tok = new Tokenizer(vocab);
const docsToIds = (text: string): number[] =>
  text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .flatMap((l) => [BOS, ...tok.encode(l), EOS]);

const files =
  values.file ??
  readdirSync(build)
    .filter((f) => /^valid-.+\.txt$/.test(f))
    .sort()
    .map((f) => `${build}/${f}`);

const trainIds = docsToIds(readFileSync(`${build}/train.txt`, 'utf8'));
const bigram = new KneserNeyBigram(tok.size, trainIds);
const fivegram = new KneserNey(tok.size, trainIds, 5);

ort.env.wasm.numThreads = 1;
const lm = new LanguageModel(
  await createRunner(ort, new Uint8Array(readFileSync(`${dir}/model.onnx`))),
  tok,
  card.context,
);

const results = [];
for (const file of files) {
  let ids = docsToIds(readFileSync(file, 'utf8'));
  if (values['max-tokens']) ids = ids.slice(0, Number(values['max-tokens']));
  const started = Date.now();
  // Each token given up to `context` tokens before it; also how often each model all but rules
  // out what comes (p < 1e-5): overconfidence on text it never saw.
  let modelTiny = 0;
  let fiveTiny = 0;
  const model = await lm.perplexity(
    ids,
    (done) => process.stderr.write(`\r${file}: ${done}/${ids.length} tokens`),
    (i, p) => {
      if (p < 1e-5) modelTiny++;
      if (fivegram.prob(ids.slice(Math.max(0, i - 4), i), ids[i] as number) < 1e-5) fiveTiny++;
    },
  );
  process.stderr.write('\n');
  const two = bigram.perplexity(ids);
  const five = fivegram.perplexity(ids);
  const unk = ids.filter((i) => i === 1).length / ids.length;
  const r = {
    file,
    tokens: ids.length,
    unknownShare: Number(unk.toFixed(4)),
    modelPerplexity: Number(model.toFixed(3)),
    bigramPerplexity: Number(two.toFixed(3)),
    fivegramPerplexity: Number(five.toFixed(3)),
    ratioToBigram: Number((model / two).toFixed(4)),
    ratioToFivegram: Number((model / five).toFixed(4)),
    underOneIn100kShare: {
      model: Number((modelTiny / (ids.length - 1)).toFixed(4)),
      fivegram: Number((fiveTiny / (ids.length - 1)).toFixed(4)),
    },
  };
  results.push(r);
  console.log(
    `${file} (${ids.length} tokens, ${(unk * 100).toFixed(2)}% unknown) [${((Date.now() - started) / 1000).toFixed(0)} s]\n` +
      `  model ${model.toFixed(2)} · Kneser–Ney bigram ${two.toFixed(2)} · Kneser–Ney 5-gram ${five.toFixed(2)}` +
      ` · model/bigram ${r.ratioToBigram.toFixed(3)} · model/5-gram ${r.ratioToFivegram.toFixed(3)}\n` +
      `  p < 1e-5 for ${(r.underOneIn100kShare.model * 100).toFixed(2)}% of tokens (5-gram ${(r.underOneIn100kShare.fivegram * 100).toFixed(2)}%)`,
  );
}

// The English target of issue 20 is on the African Storybook and TinyStories text together: their
// tokens pooled (each file's log-perplexity weighted by the tokens it scores), for every model.
const POOLED: Record<Lang, string[]> = { en: ['asp', 'tinystories'], zh: [] };
const pooledParts = results.filter((r) => POOLED[lang].some((s) => r.file.endsWith(`/valid-${s}.txt`)));
let together: Record<string, unknown> | undefined;
if (pooledParts.length === POOLED[lang].length && pooledParts.length > 1) {
  const scored = pooledParts.reduce((n, r) => n + r.tokens - 1, 0);
  const pool = (key: 'modelPerplexity' | 'bigramPerplexity' | 'fivegramPerplexity') =>
    Math.exp(pooledParts.reduce((s, r) => s + (r.tokens - 1) * Math.log(r[key]), 0) / scored);
  const model = pool('modelPerplexity');
  const five = pool('fivegramPerplexity');
  const two = pool('bigramPerplexity');
  together = {
    sources: POOLED[lang],
    scoredTokens: scored,
    modelPerplexity: Number(model.toFixed(3)),
    bigramPerplexity: Number(two.toFixed(3)),
    fivegramPerplexity: Number(five.toFixed(3)),
    ratioToBigram: Number((model / two).toFixed(4)),
    ratioToFivegram: Number((model / five).toFixed(4)),
  };
  console.log(
    `${POOLED[lang].join(' + ')} together (${scored} tokens scored): model ${model.toFixed(2)}` +
      ` · Kneser–Ney bigram ${two.toFixed(2)} · Kneser–Ney 5-gram ${five.toFixed(2)} · model/5-gram ${(model / five).toFixed(3)}`,
  );
}

if (values['update-card']) {
  // Record the figures in the model card, next to what PyTorch measured during training.
  const path = `${dir}/card.json`;
  const full = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  full.evaluation = {
    method:
      'each token given up to `context` tokens before it (onnxruntime-web, Node); same tokens for every model',
    bigram: 'interpolated Kneser–Ney bigram fitted on the training split',
    fivegram:
      'interpolated Kneser–Ney 5-gram with modified discounts (D1, D2, D3+ per order) fitted on the training split',
    sources: results,
    ...(together ? { together } : {}),
  };
  writeFileSync(path, JSON.stringify(full, null, 2));
  console.log(`updated ${path}`);
}
