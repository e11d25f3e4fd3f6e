// The word-chains part of `npm run bench`: in Node's V8, for each language's shipped data
// (public/data/word-chains), how long the stream takes to decode and index (once, when the level
// loads), how long 12 chains take to draw and to search for their longest copies (what one look at
// all four n's costs), and reading a typed start of 100,000 characters (refused as too long).
import { readFileSync } from 'node:fs';
import {
  Chainer,
  Stream,
  parseStart,
  start,
  begin,
  pickStart,
  makeChains,
  type WordChainsData,
} from '../src/lessons/wordChains';

const RUNS = 7;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const ms = (x: number): number => Number(x.toFixed(2));
const out: Record<string, unknown> = {};
for (const lang of ['en', 'zh'] as const) {
  const data = JSON.parse(readFileSync(`public/data/word-chains/${lang}.json`, 'utf8')) as WordChainsData;
  const load: number[] = [];
  const chains: number[] = [];
  const typed: number[] = [];
  let stream: Stream | null = null;
  for (let r = 0; r < RUNS; r++) {
    let t = performance.now();
    stream = Stream.of(data);
    load.push(performance.now() - t);
    const chainer = new Chainer(stream);
    const s = makeChains(
      pickStart(begin(start(data, r + 1)), [stream.id(data.starts[0] as string) as number]),
    );
    t = performance.now();
    chainer.copying(s);
    chains.push(performance.now() - t);
    const text = (lang === 'en' ? 'the cat ' : '小猫').repeat(20_000).slice(0, 100_000);
    t = performance.now();
    parseStart(text, lang, stream);
    typed.push(performance.now() - t);
  }
  out[lang] = {
    words: stream?.tokens,
    runs: RUNS,
    loadMs: ms(median(load)),
    loadMsFirstRun: ms(load[0] as number),
    twelveChainsMs: ms(median(chains)),
    twelveChainsMsFirstRun: ms(chains[0] as number),
    typed100kMs: ms(median(typed)),
  };
}
console.log(JSON.stringify(out));
