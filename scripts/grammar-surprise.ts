// `npm run surprise`: how surprised the shipped models are by the grammar level's sentences, by
// basket (mean bits per token, each sentence's mean averaged) and sentence by sentence, with the
// pairs the model gets the wrong way round. What the level's meter shows is measured live in the
// browser on the eight sentences of a game; this reads all of them.
import { readFileSync } from 'node:fs';
import { loadShippedModel } from './node-model';
import * as lesson from '../src/lessons/grammar';
import type { Lang } from '../src/lm/tokenizer';

for (const lang of ['en', 'zh'] as Lang[]) {
  const pool = (
    JSON.parse(readFileSync(`locales/${lang}/grammar.json`, 'utf8')) as { sentences: lesson.Pool }
  ).sentences;
  const lm = await loadShippedModel(lang);
  const items = lesson.BASKETS.flatMap((basket) => pool[basket].map((text) => ({ text, basket })));
  const scores: lesson.Scored[] = [];
  for (const item of items) {
    const s = await lm.surprise(item.text);
    if (s.unknown.length) console.log(`  ${lang}: unknown words in “${item.text}”: ${s.unknown.join(', ')}`);
    scores.push({ tokens: s.tokens, p: s.p });
    const peak = s.tokens[lesson.peak({ tokens: s.tokens, p: s.p })];
    console.log(
      `${lang}  ${item.basket.padEnd(8)} ${lesson.meanBits(s.p).toFixed(2).padStart(6)}  ${item.text}  (peak “${peak}”)`,
    );
  }
  const means = lesson.basketMeans(items, scores);
  console.log(
    `${lang}  mean bits per token: ${lesson.BASKETS.map((b) => `${b} ${means[b].toFixed(2)}`).join(', ')}; ` +
      `baskets in the expected order: ${lesson.basketsInOrder(means) ? 'yes' : 'no'}; ` +
      `"not true" nearer sense than nonsense: ${lesson.untrueLikeSense(means) ? 'yes' : 'no'}`,
  );
  let wrong = 0;
  let pairs = 0;
  items.forEach((a, i) =>
    items.forEach((b, j) => {
      if (!lesson.EXPECTED.some(([lo, hi]) => lo === a.basket && hi === b.basket)) return;
      pairs++;
      if (lesson.meanBits((scores[i] as lesson.Scored).p) > lesson.meanBits((scores[j] as lesson.Scored).p))
        wrong++;
    }),
  );
  const miss = lesson.worstMiss(items, scores);
  console.log(`${lang}  sentence pairs the wrong way round: ${wrong} of ${pairs}`);
  if (miss)
    console.log(
      `${lang}  worst: “${items[miss.low]?.text}” (${items[miss.low]?.basket}) below “${items[miss.high]?.text}” (${items[miss.high]?.basket}) by ${miss.gap.toFixed(2)} bits`,
    );
}
