// `npm run continue -- --lang en [--temperature 0.8] [--tokens 30] [--seed 1]`: continuations of
// fixed story openings by the shipped model, unedited (for model cards and notes).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-web';
import { Tokenizer, type Lang, type VocabFile } from '../src/lm/tokenizer';
import { createRunner } from '../src/model/runner';
import { LanguageModel } from '../src/model/lm';

const OPENINGS: Record<Lang, string[]> = {
  en: [
    'Once upon a time',
    'Lily wanted to',
    'The little dog',
    'One day, Tom',
    'The sun was',
    'Mom said,',
    'The cat and the bird',
    'There was a big tree',
    'Sam found a',
    'The girl was sad because',
  ],
  zh: ['从前', '小兔子', '有一天', '妈妈说', '太阳', '小猫和小狗', '春天来了', '我们一起', '老师', '大象'],
};

const { values } = parseArgs({
  options: {
    lang: { type: 'string', default: 'en' },
    temperature: { type: 'string', default: '0.8' },
    tokens: { type: 'string', default: '30' },
    seed: { type: 'string', default: '1' },
    models: { type: 'string', default: 'public/models' },
  },
});
const lang = values.lang as Lang;
const dir = `${values.models}/${lang}`;
ort.env.wasm.numThreads = 1;
const vocab = JSON.parse(readFileSync(`${dir}/vocab.json`, 'utf8')) as VocabFile;
const card = JSON.parse(readFileSync(`${dir}/card.json`, 'utf8')) as { context: number };
const lm = new LanguageModel(
  await createRunner(ort, new Uint8Array(readFileSync(`${dir}/model.onnx`))),
  new Tokenizer(vocab),
  card.context,
);
for (const [i, opening] of OPENINGS[lang].entries()) {
  const out = await lm.generate(opening, Number(values.tokens), {
    temperature: Number(values.temperature),
    seed: Number(values.seed) + i,
  });
  const joiner = lang === 'en' ? ' ' : '';
  console.log(`${i + 1}. ${lm.tokenizer.decode(lm.tokenizer.encode(opening))}${joiner}[${out.text}]`);
}
