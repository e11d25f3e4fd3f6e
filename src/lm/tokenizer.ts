/**
 * The tokenizers, written once and used twice: by the corpus build that makes the training ids
 * and by the app, so the model and the game always agree on what a token is.
 *
 * English: lower-cased words, contraction suffixes ('s, n't…) and single punctuation marks.
 * Chinese: one token per character, punctuation kept (as the full-width marks Chinese is written
 * with), whitespace dropped.
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
 * pieces). A text the model writes never ends before one. A Chinese token is a whole character.
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

export class Tokenizer {
  readonly lang: Lang;
  readonly tokens: readonly string[];
  private readonly ids: Map<string, number>;

  constructor(vocab: VocabFile) {
    SPECIALS.forEach((s, i) => {
      if (vocab.tokens[i] !== s) throw new Error(`vocabulary must start with ${SPECIALS.join(' ')}`);
    });
    this.lang = vocab.lang;
    this.tokens = vocab.tokens;
    this.ids = new Map(vocab.tokens.map((t, i) => [t, i]));
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
    return tokenize(this.lang, text).map((t) => this.id(t));
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
