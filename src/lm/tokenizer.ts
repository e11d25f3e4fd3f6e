/**
 * The tokenizers, written once and used twice: by the corpus build that makes the training ids
 * and by the app, so the model and the game always agree on what a token is.
 *
 * English: lower-cased words, contraction suffixes ('s, n't…) and single punctuation marks.
 * Chinese: characters, punctuation kept (as the full-width marks Chinese is written with),
 * whitespace dropped; then, when the vocabulary has merges (the shipped one has none yet), runs of
 * Chinese characters are joined into its words (妈妈, 小狗, 我们), learned from the corpus the way
 * byte-pair encoding learns them.
 * Both: `<pad>`, `<unk>`, `<bos>`, `<eos>` at ids 0–3. Decoding gives back the normalized text:
 * `decode(encode(x)) === normalize(x)` whenever every token of x is in the vocabulary.
 */
export type Lang = 'en' | 'zh';

export const SPECIALS = ['<pad>', '<unk>', '<bos>', '<eos>'] as const;
export const PAD = 0;
export const UNK = 1;
export const BOS = 2;
export const EOS = 3;

export interface VocabFile {
  readonly lang: Lang;
  /** Token strings by id; the first four are SPECIALS. */
  readonly tokens: readonly string[];
  /**
   * Chinese: the pairs joined into words, in the order they were learned, each as "a b" (two
   * tokens of Chinese characters). Encoding applies them as byte-pair encoding does.
   */
  readonly merges?: readonly string[];
}

const EN_TOKEN = /'(?:s|t|re|ve|m|ll|d)(?![a-z])|[a-z]+|[0-9]+|\S/gu;
const NO_SPACE_BEFORE = new Set([',', '.', '!', '?', ';', ':', ')', ']', '}', '%', '-']);
const NO_SPACE_AFTER = new Set(['(', '[', '{', '-', '$']);
const QUOTES = new Set(['"', "'"]);

/** Typographic marks to plain ones, so “quotes” and ‘quotes’ are one token each. */
function plainMarks(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201A\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u2033]/g, '"')
    .replace(/[\u2013\u2014\u2212]/g, '-')
    .replace(/\u2026/g, '...');
}

export function tokenizeEn(text: string): string[] {
  return plainMarks(text).toLowerCase().match(EN_TOKEN) ?? [];
}

/** Joins English tokens back into text with ordinary spacing. */
export function detokenizeEn(tokens: readonly string[]): string {
  let out = '';
  let quoteOpen = false;
  let glueNext = true;
  for (const tok of tokens) {
    let glue = glueNext;
    glueNext = false;
    if (QUOTES.has(tok)) {
      if (quoteOpen) glue = true;
      else glueNext = true;
      quoteOpen = !quoteOpen;
    } else if (NO_SPACE_BEFORE.has(tok) || /^'[a-z]/.test(tok)) {
      glue = true;
    }
    if (NO_SPACE_AFTER.has(tok)) glueNext = true;
    out += glue ? tok : ` ${tok}`;
  }
  return out;
}

/** ASCII marks and the full-width marks Chinese writes for them (NFKC turns the second into the first). */
const ZH_MARKS: Readonly<Record<string, string>> = {
  ',': '，',
  '!': '！',
  '?': '？',
  ':': '：',
  ';': '；',
  '(': '（',
  ')': '）',
};
const ZH_CORNER_QUOTES: Readonly<Record<string, string>> = { '「': '“', '」': '”', '『': '‘', '』': '’' };

/**
 * Chinese text with the marks Chinese is written with. NFKC (which the game applies to what a
 * player types, and which also folds full-width letters and compatibility characters), a phone's
 * keyboard or a paste can turn ，！？：；… into , ! ? : ; ...: they go back to full width, a full
 * stop to 。 (not inside a number), and straight quotes to curly ones, opening and closing in turn.
 */
export function zhMarks(text: string): string {
  const folded = text
    .normalize('NFKC')
    .replace(/\.\.\./g, '…')
    .replace(/(?<![0-9])\.|\.(?![0-9])/g, '。');
  let double = false;
  let single = false;
  let out = '';
  for (const c of folded) {
    const quote = ZH_CORNER_QUOTES[c] ?? c;
    if (quote === '“' || quote === '”') double = quote === '“';
    if (quote === '‘' || quote === '’') single = quote === '‘';
    if (c === '"') {
      out += double ? '”' : '“';
      double = !double;
    } else if (c === "'") {
      out += single ? '’' : '‘';
      single = !single;
    } else out += ZH_MARKS[quote] ?? quote;
  }
  return out;
}

export function tokenizeZh(text: string): string[] {
  return Array.from(zhMarks(text)).filter((c) => !/\s/u.test(c));
}

/**
 * What a player typed, as the game keeps it: NFKC, and in Chinese the marks the vocabulary has
 * (zhMarks). Case and spaces are left as they were typed.
 */
export function typedText(lang: Lang, text: string): string {
  return lang === 'zh' ? zhMarks(text) : text.normalize('NFKC');
}

/**
 * Whether a token is the rest of the word before it: the 't of "wasn't" (English contraction
 * pieces). A text the model writes never ends before one. A Chinese token is a whole word or
 * character.
 */
export function continuesWord(lang: Lang, token: string): boolean {
  return lang === 'en' && /^'[a-z]/.test(token);
}

export function tokenize(lang: Lang, text: string): string[] {
  return lang === 'en' ? tokenizeEn(text) : tokenizeZh(text);
}

export function detokenize(lang: Lang, tokens: readonly string[]): string {
  return lang === 'en' ? detokenizeEn(tokens) : tokens.join('');
}

/** The text as the model sees it, written back out. */
export function normalize(lang: Lang, text: string): string {
  return detokenize(lang, tokenize(lang, text));
}

const HAN = /^\p{Script=Han}+$/u;

/** Whether a token is Chinese characters only (no marks, no digits): what merges may join. */
export function isHan(token: string): boolean {
  return HAN.test(token);
}

/** `sym` with every `a` followed by `b` joined into one, left to right. */
function joinPair(sym: readonly string[], a: string, b: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < sym.length; i++) {
    if (sym[i] === a && sym[i + 1] === b) {
      out.push(a + b);
      i++;
    } else out.push(sym[i] as string);
  }
  return out;
}

/**
 * The pieces cut into runs of those that `inRun` takes (each run an array) and the pieces
 * between them (each a string), in order.
 */
function runsOf(pieces: readonly string[], inRun: (p: string) => boolean): (string | string[])[] {
  const out: (string | string[])[] = [];
  let run: string[] = [];
  for (const p of pieces) {
    if (inRun(p)) run.push(p);
    else {
      if (run.length > 0) out.push(run);
      out.push(p);
      run = [];
    }
  }
  if (run.length > 0) out.push(run);
  return out;
}

/**
 * Byte-pair encoding of one text's pieces: the adjacent pair of lowest rank is joined wherever it
 * stands, again and again, until no pair of the list stands side by side.
 */
export function applyMerges(pieces: readonly string[], ranks: ReadonlyMap<string, number>): string[] {
  let out = [...pieces];
  for (;;) {
    let best = -1;
    let rank = Infinity;
    for (let i = 0; i + 1 < out.length; i++) {
      const r = ranks.get(`${out[i]} ${out[i + 1]}`);
      if (r !== undefined && r < rank) [best, rank] = [i, r];
    }
    if (best < 0) return out;
    out = joinPair(out, out[best] as string, out[best + 1] as string);
  }
}

/**
 * Learns up to `count` merges from texts (byte-pair encoding over runs of Chinese characters):
 * each step joins the pair that stands side by side most often (ties: the pair first in code
 * order), never across a mark, a digit or a character outside `known`, never into a token longer
 * than `maxLength` characters, and only while the pair comes at least `minCount` times.
 */
export function learnMerges(
  texts: Iterable<string>,
  opts: { count: number; minCount: number; maxLength: number; known: (c: string) => boolean },
): string[] {
  if (opts.count <= 0) return [];
  // Each distinct run of known Chinese characters once, with how often it comes.
  const runCounts = new Map<string, number>();
  for (const text of texts)
    for (const r of runsOf(tokenizeZh(text), (c) => HAN.test(c) && opts.known(c))) {
      if (!Array.isArray(r) || r.length < 2) continue;
      const key = r.join('');
      runCounts.set(key, (runCounts.get(key) ?? 0) + 1);
    }
  const runs = [...runCounts.entries()].map(([r, n]) => ({ sym: Array.from(r), n }));
  const pairCount = new Map<string, number>();
  const where = new Map<string, Set<number>>();
  const account = (k: number, sign: 1 | -1) => {
    const { sym, n } = runs[k] as { sym: string[]; n: number };
    for (let i = 0; i + 1 < sym.length; i++) {
      const key = `${sym[i]} ${sym[i + 1]}`;
      pairCount.set(key, (pairCount.get(key) ?? 0) + sign * n);
      if (sign > 0) {
        let set = where.get(key);
        if (!set) where.set(key, (set = new Set()));
        set.add(k);
      }
    }
  };
  runs.forEach((_, k) => account(k, 1));
  const merges: string[] = [];
  const tooLong = new Set<string>();
  while (merges.length < opts.count) {
    let best = '';
    let bestCount = 0;
    for (const [key, c] of pairCount) {
      if (c < opts.minCount || tooLong.has(key)) continue;
      if (c > bestCount || (c === bestCount && key < best)) {
        best = key;
        bestCount = c;
      }
    }
    if (bestCount === 0) break;
    const [a, b] = best.split(' ') as [string, string];
    if ([...a].length + [...b].length > opts.maxLength) {
      tooLong.add(best);
      continue;
    }
    merges.push(best);
    for (const k of where.get(best) ?? []) {
      account(k, -1);
      const run = runs[k] as { sym: string[]; n: number };
      run.sym = joinPair(run.sym, a, b);
      account(k, 1);
    }
    where.delete(best);
    pairCount.delete(best);
  }
  return merges;
}

/** A vocabulary with merges: the merged words follow its tokens (each once), in merge order. No merges: the vocabulary as it was. */
export function withMerges(vocab: VocabFile, merges: readonly string[]): VocabFile {
  const tokens = [...vocab.tokens];
  const have = new Set(tokens);
  for (const m of merges) {
    const word = m.replace(' ', '');
    if (!have.has(word)) {
      tokens.push(word);
      have.add(word);
    }
  }
  return merges.length > 0 ? { lang: vocab.lang, tokens, merges: [...merges] } : { lang: vocab.lang, tokens };
}

export class Tokenizer {
  readonly lang: Lang;
  readonly tokens: readonly string[];
  private readonly ids: Map<string, number>;
  private readonly ranks: ReadonlyMap<string, number>;
  /** Runs of Chinese characters already split into words (texts repeat them a lot). */
  private readonly runCache = new Map<string, string[]>();

  constructor(vocab: VocabFile) {
    SPECIALS.forEach((s, i) => {
      if (vocab.tokens[i] !== s) throw new Error(`vocabulary must start with ${SPECIALS.join(' ')}`);
    });
    this.lang = vocab.lang;
    this.tokens = vocab.tokens;
    this.ids = new Map(vocab.tokens.map((t, i) => [t, i]));
    this.ranks = new Map((vocab.merges ?? []).map((m, i) => [m, i]));
    for (const m of this.ranks.keys()) {
      const [a = '', b = ''] = m.split(' ');
      if (!isHan(a) || !isHan(b) || !this.ids.has(a + b))
        throw new Error(`merge "${m}" is not a word of the vocabulary`);
    }
  }

  /**
   * The text's tokens as strings (known or not): English words and marks; in Chinese,
   * characters with the runs of them joined into the vocabulary's words.
   */
  split(text: string): string[] {
    const pieces = tokenize(this.lang, text);
    if (this.ranks.size === 0) return pieces;
    return runsOf(pieces, (p) => HAN.test(p) && this.ids.has(p)).flatMap((r) => {
      if (!Array.isArray(r)) return [r];
      const key = r.join('');
      let words = this.runCache.get(key);
      if (!words) {
        words = applyMerges(r, this.ranks);
        if (this.runCache.size < 50_000) this.runCache.set(key, words);
      }
      return words;
    });
  }

  get size(): number {
    return this.tokens.length;
  }

  id(token: string): number {
    return this.ids.get(token) ?? UNK;
  }

  has(token: string): boolean {
    return this.ids.has(token);
  }

  encode(text: string): number[] {
    return this.split(text).map((t) => this.id(t));
  }

  /** Tokens of `text` that are not in the vocabulary (shown to the player as unknown words). */
  unknown(text: string): string[] {
    return [...new Set(tokenize(this.lang, text).filter((t) => !this.ids.has(t)))];
  }

  token(id: number): string {
    return this.tokens[id] ?? SPECIALS[UNK];
  }

  /** Specials other than `<unk>` are dropped; `<unk>` shows as itself. */
  decode(ids: readonly number[]): string {
    return detokenize(
      this.lang,
      ids.filter((id) => id === UNK || id >= SPECIALS.length).map((id) => this.token(id)),
    );
  }
}

/**
 * Builds a vocabulary from token counts: the most frequent tokens (ties alphabetical) until
 * they cover `coverage` of the running tokens, at least `minCount` times each, at most `maxSize`.
 */
export function buildVocab(
  lang: Lang,
  counts: ReadonlyMap<string, number>,
  opts: { coverage: number; minCount: number; maxSize: number },
): VocabFile {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const sorted = [...counts.entries()]
    .filter(([, c]) => c >= opts.minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const tokens: string[] = [...SPECIALS];
  let covered = 0;
  for (const [tok, c] of sorted) {
    if (covered / total >= opts.coverage || tokens.length >= opts.maxSize) break;
    tokens.push(tok);
    covered += c;
  }
  return { lang, tokens };
}

export function countTokens(lang: Lang, texts: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) for (const t of tokenize(lang, text)) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}
