// `npm run continue -- --lang en [--temperature 0.8] [--tokens 30] [--seed 1]`: continuations of
// fixed story openings (twenty a language) by the shipped model, unedited (for model cards and notes).
import { parseArgs } from 'node:util';
import type { Lang } from '../src/lm/tokenizer';
import { loadShippedModel } from './node-model';

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
    // Ten more, chosen before the models of issue 20 were trained (its 20 continuations a language).
    'At the park,',
    'Ben and his dad',
    'It was raining, so',
    'The old man had a',
    'Anna looked at the',
    'In the garden there was',
    'The bird flew',
    'Max was very happy when',
    'One morning, the little girl',
    'The boy ran to',
  ],
  zh: [
    ...['从前', '小兔子', '有一天', '妈妈说', '太阳', '小猫和小狗', '春天来了', '我们一起', '老师', '大象'],
    // Ten more, chosen before the models of issue 20 were trained.
    ...[
      '下雨了',
      '奶奶',
      '在公园里',
      '小明和爸爸',
      '早上',
      '一只小鸟',
      '我的朋友',
      '晚上',
      '小熊想',
      '森林里',
    ],
  ],
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
const lm = await loadShippedModel(lang, values.models);
for (const [i, opening] of OPENINGS[lang].entries()) {
  const out = await lm.generate(opening, Number(values.tokens), {
    temperature: Number(values.temperature),
    seed: Number(values.seed) + i,
  });
  const joiner = lang === 'en' ? ' ' : '';
  console.log(`${i + 1}. ${lm.tokenizer.decode(lm.tokenizer.encode(opening))}${joiner}[${out.text}]`);
}
