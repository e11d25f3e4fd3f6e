// `npm run data:word-chains`: what the word-chains level counts in, from the training text the
// models learn from (scripts/corpus-sources.ts: the same documents, split and screen as `npm run
// corpus`) → public/data/word-chains/{en,zh}.json. Deterministic: the same data, the same bytes.
// What is counted and shipped: src/lessons/wordChainsData.ts. It also prints what the level shows:
// the explosion's figures and how long the copied runs are at each n (over every start word and
// 50 seeds), and the size of both levels' data (letter dice's too) in brotli.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { corpusSources } from './corpus-sources';
import { buildData, cutTexts } from '../src/lessons/wordChainsData';
import { CHAIN_LENGTH, MAX_N, Stream, emptyShare } from '../src/lessons/wordChains';
import { mulberry32 } from '../src/lessons/rng';

const OUT = 'public/data/word-chains';
/** Words of stories shipped per language: what fits the budget (both levels ≤ 300 KB brotli). */
const SHIP_WORDS = { en: 90_000, zh: 80_000 } as const;
const SEEDS = 50;

const brotli = (text: string): number =>
  brotliCompressSync(Buffer.from(text), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

mkdirSync(OUT, { recursive: true });
let all = 0;
for (const lang of ['en', 'zh'] as const) {
  const texts = corpusSources(lang).sources.flatMap((s) => s.train.map((d) => d.text));
  const docs = cutTexts(lang, texts);
  const data = buildData(lang, docs, { shipWords: SHIP_WORDS[lang] });
  const json = JSON.stringify(data);
  writeFileSync(`${OUT}/${lang}.json`, `${json}\n`);
  const br = brotli(json);
  all += br;
  const c = data.corpus;
  const han = docs.flat().filter((w) => /\p{Script=Han}/u.test(w));
  const hanShare =
    lang === 'zh' ? `; a word is ${(han.join('').length / han.length).toFixed(2)} 字 on average` : '';
  console.info(
    `${lang}: ${json.length} characters, ${br} bytes brotli; shipped ${data.shipped.stories} stories, ` +
      `${data.shipped.tokens} words, ${data.shipped.words} different; starts ${data.starts.join(' ')}`,
  );
  console.info(
    `  whole training text: ${c.stories} stories, ${c.tokens} words, ${c.words} different, ` +
      `${c.pairs} different pairs, ${c.triples} different triples; ` +
      `${(100 * emptyShare(c.words, c.pairs)).toFixed(3)} % of the ${c.words} × ${c.words} pair table empty${hanShare}`,
  );
  const stream = Stream.of(data);
  for (let n = 1; n <= MAX_N; n++) {
    const lens: number[] = [];
    for (const w of data.starts)
      for (let seed = 1; seed <= SEEDS; seed++)
        lens.push(
          stream.longestCopy(stream.chain([stream.id(w) as number], n, mulberry32(seed * 131 + n))).length,
        );
    lens.sort((a, b) => a - b);
    const mean = lens.reduce((a, b) => a + b, 0) / lens.length;
    const over = lens.filter((l) => l * 2 > CHAIN_LENGTH).length / lens.length;
    console.info(
      `  n = ${n}: longest copied run of ${CHAIN_LENGTH} words: mean ${mean.toFixed(2)}, median ${lens[lens.length >> 1]}, ` +
        `max ${lens[lens.length - 1]}; more than half copied in ${(100 * over).toFixed(0)} % of ${lens.length} chains`,
    );
  }
}
let dice = 0;
for (const lang of ['en', 'zh'])
  dice += brotli(readFileSync(`public/data/letter-dice/${lang}.json`, 'utf8').trimEnd());
console.info(
  `word chains, both: ${all} bytes brotli; with letter dice (${dice}): ${all + dice} (quality 11)`,
);
