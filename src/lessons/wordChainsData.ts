/**
 * The word-chains level's data, computed from training texts (scripts/word-chains-data.ts feeds it
 * the cleaned training text of `npm run corpus` and writes public/data/word-chains/<lang>.json).
 * Pure and deterministic: the same texts give the same data.
 *
 * What a "word" is. English: the model's own tokenizer (tokenizeEn: lowercased words, 's and n't
 * apart), keeping words and the marks . , ! ? (quotes, digits and other marks are dropped).
 * Chinese: words, not 字: runs of 字 joined by the same byte-pair merges letter dice learns for its
 * real-word marks (learnMerges with the same settings, applied with applyMerges), keeping ，。！？.
 * Why words: four 字 are only about two words, so a chain of 字 with n ≤ 4 would know less than
 * an English chain does; with words both languages play the same game.
 *
 * What is shipped: a seeded subset of the training stories as one stream of word ids (the most
 * compact form of all its 1- to 4-gram counts: the level counts in it, samples from it and finds
 * copies in it), and the explosion's figures counted over the whole training text.
 */
import { applyMerges, isHan, learnMerges, tokenizeEn, tokenizeZh } from '../lm/tokenizer';
import { ZH_MERGE_SETTINGS } from './letterDiceData';
import { mulberry32, shuffled } from './rng';
import { distinctNgrams, encodeStream, type ChainLang, type WordChainsData } from './wordChains';

const EN_KEEP = /^(?:[a-z]+|'[a-z]+|[.,!?])$/;
const ZH_MARKS = new Set(['，', '。', '！', '？']);

/** English words and the marks . , ! ? of a text, as the level counts them. */
export function englishWords(text: string): string[] {
  return tokenizeEn(text).filter((t) => EN_KEEP.test(t));
}

/** A cutter of Chinese text into words (merges applied to each run of 字) and the marks ，。！？. */
export function chineseCutter(merges: readonly string[]): (text: string) => string[] {
  const ranks = new Map(merges.map((m, i) => [m, i]));
  const cache = new Map<string, string[]>();
  return (text) => {
    const out: string[] = [];
    let run: string[] = [];
    const flush = (): void => {
      if (run.length === 0) return;
      const key = run.join('');
      let words = cache.get(key);
      if (!words) {
        words = applyMerges(run, ranks);
        if (cache.size < 200_000) cache.set(key, words);
      }
      out.push(...words);
      run = [];
    };
    for (const c of tokenizeZh(text)) {
      if (isHan(c)) run.push(c);
      else {
        flush();
        if (ZH_MARKS.has(c)) out.push(c);
      }
    }
    flush();
    return out;
  };
}

/** The start words offered on tiles, the book's cat first (kept only if the shipped stories have them 20 times or more). */
export const STARTS: Record<ChainLang, readonly string[]> = {
  en: ['cat', 'dog', 'girl', 'boy', 'bird', 'tree', 'park', 'mom'],
  zh: ['小猫', '小狗', '妈妈', '奶奶', '太阳', '月亮', '老师', '花'],
};
const START_MIN = 20;

export interface BuildOptions {
  /** How many words of stories to ship (the stream's length, about). */
  readonly shipWords: number;
  readonly seed?: number;
  /** Stories shorter than this are not shipped (8 unless given). */
  readonly minWords?: number;
}

/** The level's data from the training documents (each already cut into words). */
export function buildData(
  lang: ChainLang,
  docs: readonly (readonly string[])[],
  o: BuildOptions,
): WordChainsData {
  // The explosion: over the whole training text.
  const vocab = new Set<string>();
  let tokens = 0;
  for (const d of docs) {
    tokens += d.length;
    for (const w of d) vocab.add(w);
  }
  const corpus = {
    stories: docs.length,
    tokens,
    words: vocab.size,
    pairs: distinctNgrams(docs, 2),
    triples: distinctNgrams(docs, 3),
  };
  // The stories shipped: a seeded order, whole stories until the budget.
  const order = shuffled(
    docs.map((_, i) => i),
    mulberry32(o.seed ?? 20_240_613),
  );
  const kept: (readonly string[])[] = [];
  let used = 0;
  for (const i of order) {
    const d = docs[i] as readonly string[];
    if (d.length < (o.minWords ?? 8)) continue;
    if (used + d.length > o.shipWords) continue;
    kept.push(d);
    used += d.length;
    if (used >= o.shipWords * 0.995) break;
  }
  // Ids by count (most common first; ties in code order), 0 = the edge between stories.
  const counts = new Map<string, number>();
  for (const d of kept) for (const w of d) counts.set(w, (counts.get(w) ?? 0) + 1);
  const words = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map((e) => e[0]);
  const id = new Map(words.map((w, i) => [w, i + 1]));
  const ids: number[] = [];
  for (const d of kept) {
    for (const w of d) ids.push(id.get(w) as number);
    ids.push(0);
  }
  return {
    lang,
    words,
    stream: encodeStream(ids),
    starts: STARTS[lang].filter((w) => (counts.get(w) ?? 0) >= START_MIN),
    corpus,
    shipped: { stories: kept.length, tokens: used, words: words.length },
  };
}

/** The training texts cut into the level's words: Chinese with merges learned from the same texts, as letter dice learns them. */
export function cutTexts(lang: ChainLang, texts: readonly string[]): string[][] {
  const cut = lang === 'en' ? englishWords : chineseCutter(learnMerges(texts, ZH_MERGE_SETTINGS));
  return texts.map(cut);
}
