/**
 * The letter-dice level's data, computed from training texts (scripts/letter-dice-data.ts feeds it
 * the cleaned training text of `npm run corpus` and writes public/data/letter-dice/<lang>.json).
 * Pure and deterministic: the same texts give the same data.
 *
 * English: the text lowercased, every character but a–z and whitespace dropped, runs of whitespace
 * as one space; the counts of a–z and space, the 27 × 27 pair counts, and the words seen at least
 * `WORD_MIN` times. Chinese: the 字 (Han characters) and their counts; the pair map of the most
 * common 字 and a few that come in pairs (蝴蝶, 葡萄 …) with what follows each in the whole text;
 * a seeded subset of the sentences (字 only) to roll from; and the words the project's byte-pair
 * learner finds (learnMerges, as `npm run corpus -- --merges N`), to mark real words in a roll.
 */
import { learnMerges } from '../lm/tokenizer';
import { mulberry32, shuffled } from './rng';
import type { LetterDiceData } from './letterDice';

/** English words seen at least this often are the level's word list. */
export const WORD_MIN = 5;
/** The pair map's most common 字, and the pairs added to them. */
const ZH_ROWS = 40;
const ZH_PAIRED = ['蝴蝶', '葡萄', '蜻蜓', '玻璃'];
/** How many 字 of Chinese sentences the level rolls from. */
const ZH_SENTENCE_CHARS = 25_000;
const ZH_BARS = 24;
const FOLLOWS = 8;
/** The byte-pair merges that find the real words (word chains cuts its Chinese with the same). */
export const ZH_MERGE_SETTINGS = { count: 3000, minCount: 8, maxLength: 4, known: () => true } as const;

const byCount = (a: [string, number], b: [string, number]): number =>
  b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

function inc<K>(m: Map<K, number>, k: K, by = 1): void {
  m.set(k, (m.get(k) ?? 0) + by);
}

/** The English data from training texts: a–z and space, their pairs, and the words seen `WORD_MIN` times. */
export function englishData(texts: readonly string[], wordMin = WORD_MIN): LetterDiceData {
  const symbols = [...'abcdefghijklmnopqrstuvwxyz '];
  const index = new Map(symbols.map((s, i) => [s, i]));
  const counts = symbols.map(() => 0);
  const pairs = symbols.map(() => symbols.map(() => 0));
  const words = new Map<string, number>();
  for (const doc of texts) {
    const text = doc
      .toLowerCase()
      .replace(/[^a-z\s]/g, '')
      .replace(/\s+/g, ' ')
      .trim();
    let prev = -1;
    for (const ch of text) {
      const i = index.get(ch) as number;
      counts[i] = (counts[i] ?? 0) + 1;
      const row = pairs[prev];
      if (row) row[i] = (row[i] ?? 0) + 1;
      prev = i;
    }
    for (const w of text.split(' ')) if (w) inc(words, w);
  }
  const follows = pairs.map((row) =>
    row
      .map((c, j) => [symbols[j] as string, c] as [string, number])
      .filter((x) => x[1] > 0)
      .sort(byCount)
      .slice(0, FOLLOWS),
  );
  return {
    lang: 'en',
    symbols,
    counts,
    total: counts.reduce((a, b) => a + b, 0),
    rows: symbols,
    pairs,
    follows,
    words: [...words.entries()].filter((w) => w[1] >= wordMin).sort(byCount),
  };
}

const HAN = /\p{Script=Han}/u;

/** The Chinese data from training texts: 字 counts, the pair map, a seeded subset of sentences, the learned words. */
export function chineseData(
  docs: readonly string[],
  o: { sentenceChars?: number; merges?: number; minCount?: number } = {},
): LetterDiceData {
  const chars = new Map<string, number>();
  const follow = new Map<string, Map<string, number>>();
  const sentences: string[] = [];
  for (const doc of docs) {
    const cs = Array.from(doc);
    cs.forEach((c, i) => {
      if (!HAN.test(c)) return;
      inc(chars, c);
      const next = cs[i + 1];
      if (next !== undefined && HAN.test(next)) {
        let row = follow.get(c);
        if (!row) follow.set(c, (row = new Map()));
        inc(row, next);
      }
    });
    for (const s of doc.split(/[。！？!?\n]/)) {
      const han = Array.from(s)
        .filter((c) => HAN.test(c))
        .join('');
      const len = Array.from(han).length;
      if (len >= 4 && len <= 24) sentences.push(han);
    }
  }
  const ranked = [...chars.entries()].sort(byCount);
  const rows = ranked.slice(0, ZH_ROWS).map((c) => c[0]);
  for (const w of ZH_PAIRED) for (const c of w) if (!rows.includes(c) && chars.has(c)) rows.push(c);
  const followsOf = (c: string): [string, number][] =>
    [...(follow.get(c) ?? new Map<string, number>()).entries()].sort(byCount);
  const pick = shuffled(sentences, mulberry32(20_240_601));
  const kept: string[] = [];
  let used = 0;
  for (const s of pick) {
    if (used >= (o.sentenceChars ?? ZH_SENTENCE_CHARS)) break;
    kept.push(s);
    used += Array.from(s).length;
  }
  const merges = learnMerges(docs, {
    ...ZH_MERGE_SETTINGS,
    count: o.merges ?? ZH_MERGE_SETTINGS.count,
    minCount: o.minCount ?? ZH_MERGE_SETTINGS.minCount,
  });
  const dictionary = [...new Set(merges.map((m) => m.replace(' ', '')))].sort();
  const bars = ranked.slice(0, ZH_BARS);
  return {
    lang: 'zh',
    symbols: bars.map((b) => b[0]),
    counts: bars.map((b) => b[1]),
    total: ranked.reduce((a, b) => a + b[1], 0),
    rows,
    pairs: rows.map((a) => rows.map((b) => follow.get(a)?.get(b) ?? 0)),
    follows: rows.map((c) => followsOf(c).slice(0, FOLLOWS)),
    sentences: kept.sort(),
    dictionary,
  };
}
