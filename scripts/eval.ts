// `npm run eval -- --lang en|zh --file <text file> [--max-tokens N]`: the shipped model's
// perplexity on a text file (one document per line), next to an interpolated Kneser–Ney bigram
// fitted on the project's training text, both through the same tokenizer and the same tokens.
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-web';
import { BOS, EOS, Tokenizer, type Lang, type VocabFile } from '../src/lm/tokenizer';
import { KneserNeyBigram } from '../src/lm/ngram';
import { createRunner } from '../src/model/runner';
import { LanguageModel } from '../src/model/lm';

const { values } = parseArgs({
  options: {
    lang: { type: 'string' },
    file: { type: 'string' },
    models: { type: 'string', default: 'public/models' },
    'max-tokens': { type: 'string' },
    'update-card': { type: 'boolean', default: false },
  },
});
const lang = values.lang as Lang;
if ((lang !== 'en' && lang !== 'zh') || !values.file) {
  console.error('usage: npm run eval -- --lang en|zh --file <text file> [--max-tokens N]');
  process.exit(2);
}
const dir = `${values.models}/${lang}`;
if (!existsSync(`${dir}/model.onnx`)) {
  console.error(`No model at ${dir}/model.onnx: train one with npm run train -- --lang ${lang}`);
  process.exit(1);
}
if (!existsSync(`training/build/${lang}/train.txt`))
  execFileSync('npx', ['tsx', 'scripts/build-corpus.ts', '--lang', lang], { stdio: 'inherit' });

const vocab = JSON.parse(readFileSync(`${dir}/vocab.json`, 'utf8')) as VocabFile;
const card = JSON.parse(readFileSync(`${dir}/card.json`, 'utf8')) as { context: number };
const tok = new Tokenizer(vocab);
const docsToIds = (text: string): number[] =>
  text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .flatMap((l) => [BOS, ...tok.encode(l), EOS]);

const trainIds = docsToIds(readFileSync(`training/build/${lang}/train.txt`, 'utf8'));
let ids = docsToIds(readFileSync(values.file, 'utf8'));
if (values['max-tokens']) ids = ids.slice(0, Number(values['max-tokens']));

const bigram = new KneserNeyBigram(tok.size, trainIds);
const bigramPpl = bigram.perplexity(ids);

ort.env.wasm.numThreads = 1;
const lm = new LanguageModel(
  await createRunner(ort, new Uint8Array(readFileSync(`${dir}/model.onnx`))),
  tok,
  card.context,
);
const started = Date.now();
const modelPpl = await lm.perplexity(ids, (done) => process.stderr.write(`\r${done}/${ids.length} tokens`));
process.stderr.write('\n');

const unk = ids.filter((i) => i === 1).length / ids.length;
console.log(`file: ${values.file} (${ids.length} tokens, ${(unk * 100).toFixed(2)}% unknown)`);
console.log(
  `model (${dir}): perplexity ${modelPpl.toFixed(2)}  [${((Date.now() - started) / 1000).toFixed(0)} s]`,
);
console.log(`Kneser–Ney bigram (D = ${bigram.discount.toFixed(3)}): perplexity ${bigramPpl.toFixed(2)}`);
console.log(`ratio model / bigram: ${(modelPpl / bigramPpl).toFixed(3)}`);

if (values['update-card']) {
  // Record the figures in the model card, next to what PyTorch measured during training.
  const path = `${dir}/card.json`;
  const full = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  full.evaluation = {
    file: values.file,
    tokens: ids.length,
    method: 'each token given up to `context` tokens before it (onnxruntime-web, Node)',
    modelPerplexity: Number(modelPpl.toFixed(3)),
    bigramPerplexity: Number(bigramPpl.toFixed(3)),
    bigram: 'interpolated Kneser–Ney word/character bigram fitted on the training split',
    ratio: Number((modelPpl / bigramPpl).toFixed(4)),
  };
  writeFileSync(path, JSON.stringify(full, null, 2));
  console.log(`updated ${path}`);
}
