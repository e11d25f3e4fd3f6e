// `npm run limits -- --lang en|zh`: how the shipped model's text repeats a phrase or surprises it
// at each temperature, over the level's openings and several seeds, and the share of texts the
// temperature level judges "just right" (src/lessons/temperature.ts, LIMITS).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Lang } from '../src/lm/tokenizer';
import { loadShippedModel } from './node-model';
import { LIMITS, STORY_TOKENS, judge, surprise } from '../src/lessons/temperature';

const { values } = parseArgs({
  options: {
    lang: { type: 'string', default: 'en' },
    tokens: { type: 'string' },
    seeds: { type: 'string', default: '8' },
  },
});
const lang = values.lang as Lang;
// The story length the level plays (STORY_TOKENS), unless asked for another.
const storyTokens = Number(values.tokens ?? STORY_TOKENS[lang]);
const lm = await loadShippedModel(lang);
const temperature = JSON.parse(readFileSync(`locales/${lang}/temperature.json`, 'utf8')) as {
  openings: string[];
};
console.log(
  `T     surprise(bits)  repeats  fallsApart  justRight   (${lang}, ${storyTokens} tokens, limits ${JSON.stringify(LIMITS[lang])})`,
);
for (const t of [0, 0.3, 0.5, 0.8, 1, 1.3, 1.6, 2]) {
  let sur = 0;
  const verdicts = { repeats: 0, fallsApart: 0, justRight: 0 };
  let n = 0;
  for (const opening of temperature.openings)
    for (let seed = 1; seed <= Number(values.seeds); seed++) {
      const out = await lm.generate(opening, storyTokens, { temperature: t, seed });
      const tokens = out.tokens.map((k) => k.token);
      const plain = out.tokens.map((k) => k.plain ?? k.p);
      sur += surprise(plain);
      verdicts[judge(tokens, plain, LIMITS[lang])]++;
      n++;
      if (t === 0) break; // one greedy text per opening
    }
  const pct = (v: number) => `${Math.round((100 * v) / n)}%`.padStart(6);
  console.log(
    `${t.toFixed(1)}   ${(sur / n).toFixed(2).padStart(10)}     ${pct(verdicts.repeats)}   ${pct(verdicts.fallsApart)}   ${pct(verdicts.justRight)}`,
  );
}
