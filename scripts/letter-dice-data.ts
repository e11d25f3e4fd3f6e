// `npm run data:letter-dice`: the counts the letter-dice level shows, from the training text the
// models learn from (scripts/corpus-sources.ts: the same documents, split and screen as `npm run
// corpus`) → public/data/letter-dice/{en,zh}.json. Deterministic: the same data, the same bytes.
// What is counted: src/lessons/letterDiceData.ts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { corpusSources } from './corpus-sources';
import { chineseData, englishData } from '../src/lessons/letterDiceData';

const OUT = 'public/data/letter-dice';
const train = (lang: 'en' | 'zh'): string[] =>
  corpusSources(lang).sources.flatMap((s) => s.train.map((d) => d.text));

mkdirSync(OUT, { recursive: true });
let all = 0;
for (const [lang, make] of [
  ['en', () => englishData(train('en'))],
  ['zh', () => chineseData(train('zh'))],
] as const) {
  const data = make();
  const json = JSON.stringify(data);
  writeFileSync(`${OUT}/${lang}.json`, `${json}\n`);
  const br = brotliCompressSync(Buffer.from(json), {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
  }).length;
  all += br;
  console.info(
    `${lang}: ${json.length} characters, ${br} bytes brotli; ${data.total} symbols counted, ` +
      `${data.words?.length ?? 0} words, ${data.sentences?.length ?? 0} sentences, ${data.dictionary?.length ?? 0} dictionary words`,
  );
}
console.info(`both: ${all} bytes brotli (quality 11)`);
