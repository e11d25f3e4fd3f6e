// `npm run data:inside`: what each attention head of each shipped model looks at, measured on the
// validation stories (scripts/corpus-sources.ts: the documents `npm run corpus` holds out), and
// which of the level's beginnings have a head whose loss changes the favourite next word →
// public/data/inside/{en,zh}.json. Run it again whenever a model in public/models changes (a unit
// test compares the file's model sha256 with card.json's). Prints the per-head table.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadShippedModel } from './node-model';
import { measureHeads } from './inside-measure';
import { PLACES, type InsideData } from '../src/lessons/inside';

const OUT = 'public/data/inside';

/** The beginnings on the level's tiles: plain story starts, the kind the models were trained on. */
const BEGINNINGS = {
  en: [
    'Once upon a time, there was a little',
    'Lily and her mom went to the',
    'The dog saw a big red ball and',
    'Tom was sad because he lost his',
    'One day the sun was hot, so Ben',
    'The bird sat in the tall',
    'Sam wanted to play, but his',
    'The little fish swam to the',
    'She looked out of the window and saw',
    'Mia gave the puppy a',
  ],
  zh: [
    '从前，有一只小',
    '小明和妈妈一起去',
    '天黑了，小兔子想回',
    '她打开门，看见一只',
    '下雨了，我们不能出去',
    '小猫在树下睡',
    '奶奶给我做了一碗',
    '小鸟飞到了大树',
    '他跑得很快，一下子就',
    '我们在河边看到一条',
  ],
} as const;

mkdirSync(OUT, { recursive: true });
for (const lang of ['en', 'zh'] as const) {
  const lm = await loadShippedModel(lang);
  const card = JSON.parse(readFileSync(`public/models/${lang}/card.json`, 'utf8')) as {
    sha256: string;
    layers: number;
    heads: number;
    parameters: number;
  };
  const started = Date.now();
  const { tally, source } = await measureHeads(lm, lang, card.layers, card.heads);
  const table = tally.table();
  const challenges = [];
  for (const text of BEGINNINGS[lang]) {
    const base = (await lm.distribution(text, 1)).top[0]?.id;
    const effects = await lm.headEffects(text);
    const heads = effects.flatMap((e) => (e.top.id !== base ? [e.layer * card.heads + e.head] : []));
    if (heads.length > 0) challenges.push({ text, heads });
    console.info(
      `${lang} "${text}": favourite ${lm.tokenizer.token(base ?? 0)}; heads that change it: ${heads.join(' ') || 'none'}`,
    );
  }
  const data: InsideData = {
    lang,
    modelSha256: card.sha256,
    layers: card.layers,
    heads: card.heads,
    parameters: card.parameters,
    measured: {
      documents: tally.documents,
      positions: tally.positions,
      source,
    },
    table,
    beginnings: BEGINNINGS[lang],
    challenges,
  };
  writeFileSync(`${OUT}/${lang}.json`, `${JSON.stringify(data, null, 1)}\n`);
  console.info(
    `${lang}: ${tally.documents} documents, ${tally.positions} positions, ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  console.info(`| head | share: ${PLACES.join(' / ')} | strongest on: ${PLACES.join(' / ')} | pattern |`);
  for (const h of table)
    console.info(
      `| ${h.layer + 1}.${h.head + 1} | ${PLACES.map((p) => h.shares[p].toFixed(2)).join(' / ')} | ${PLACES.map((p) => h.tops[p].toFixed(2)).join(' / ')} | ${h.pattern} |`,
    );
  await lm.runner.release();
}
