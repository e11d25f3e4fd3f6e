/**
 * The small grammar of the grammar level's word cards, in each language, with a parser that
 * reads a sentence as it grows and says what may come next. A sentence may hold a clause inside a
 * noun, and that clause a noun with a clause of its own: the tree grows as the sentence nests.
 *
 * English: S → NP VP "."   NP → Det N [RC]   RC → "that" NP Vt   VP → Vi | Vt NP
 *   a (one thing, before a consonant sound), an (one thing, before a vowel sound), the (any), two (many).
 * Chinese: S → NP VP "。"   NP → [RC] (Det Cl N | N)   RC → NP Vt "的"   VP → Vi "了" | Vt "了" NP
 *   each noun takes its own measure word (一只猫, 一头大象, 一本书, 一条鱼).
 * A clause is bracketed in what the parser gives back: the cat [that the dog chased] ran;
 * [狗追的]那只猫跑了。 Pure: no randomness but the generator's, which takes an Rng.
 */
import type { Rng } from './rng';

export type GrammarLang = 'en' | 'zh';
export type Cat = 'det' | 'cl' | 'noun' | 'that' | 'vt' | 'vi' | 'le' | 'de' | 'end';

export interface Card {
  readonly word: string;
  readonly cat: Cat;
  /** English nouns and determiners: one thing or many ('any' for "the"). */
  readonly num?: 'one' | 'many' | 'any';
  /** English nouns: whether the word starts with a vowel sound (an owl); "a"/"an": what they need. */
  readonly vowel?: boolean;
  /** Chinese nouns: their measure word. */
  readonly cl?: string;
}

const en = (word: string, cat: Cat, more: Partial<Card> = {}): Card => ({ word, cat, ...more });

export const LEXICON: Record<GrammarLang, readonly Card[]> = {
  en: [
    en('the', 'det', { num: 'any' }),
    en('a', 'det', { num: 'one', vowel: false }),
    en('an', 'det', { num: 'one', vowel: true }),
    en('two', 'det', { num: 'many' }),
    en('cat', 'noun', { num: 'one', vowel: false }),
    en('cats', 'noun', { num: 'many', vowel: false }),
    en('dog', 'noun', { num: 'one', vowel: false }),
    en('dogs', 'noun', { num: 'many', vowel: false }),
    en('owl', 'noun', { num: 'one', vowel: true }),
    en('owls', 'noun', { num: 'many', vowel: true }),
    en('elephant', 'noun', { num: 'one', vowel: true }),
    en('that', 'that'),
    en('chased', 'vt'),
    en('saw', 'vt'),
    en('ran', 'vi'),
    en('slept', 'vi'),
    en('.', 'end'),
  ],
  zh: [
    en('那', 'det'),
    en('一', 'det'),
    en('两', 'det'),
    en('只', 'cl'),
    en('头', 'cl'),
    en('本', 'cl'),
    en('条', 'cl'),
    en('猫', 'noun', { cl: '只' }),
    en('狗', 'noun', { cl: '只' }),
    en('大象', 'noun', { cl: '头' }),
    en('书', 'noun', { cl: '本' }),
    en('鱼', 'noun', { cl: '条' }),
    en('追', 'vt'),
    en('看见', 'vt'),
    en('跑', 'vi'),
    en('睡', 'vi'),
    en('的', 'de'),
    en('了', 'le'),
    en('。', 'end'),
  ],
};

/** How deep clauses may nest inside each other in the card game (the parser's bound). */
export const MAX_DEPTH = 3;

/** What the parser expects next, in order: a word of a kind (with what it must agree with), or a bracket to write. */
type Sym =
  | { readonly k: 'S' }
  | { readonly k: 'NP'; readonly d: number }
  /** A Chinese noun with its measure word, or alone (after its clause, if it has one). */
  | { readonly k: 'NPH' }
  | { readonly k: 'RC'; readonly d: number }
  | { readonly k: 'VP' }
  | { readonly k: 'open' }
  | { readonly k: 'close' }
  | { readonly k: 'T'; readonly cat: Cat; readonly word?: string; readonly ok?: (c: Card) => boolean };

/** A piece of the parsed sentence: a word, or a clause's bracket. */
export type Piece = string | '[' | ']';

interface PState {
  /** The symbols still to come, the next one last. */
  readonly stack: readonly Sym[];
  readonly out: readonly Piece[];
  /** Brackets met on the way to the next word: written when that word comes (a guess until then). */
  readonly pending: readonly Piece[];
}

const T = (cat: Cat, word?: string, ok?: (c: Card) => boolean): Sym => ({ k: 'T', cat, word, ok });

/** An English determiner and the nouns it may stand before. */
function agrees(det: Card, noun: Card): boolean {
  if (det.num !== 'any' && det.num !== noun.num) return false;
  return det.vowel === undefined || det.vowel === noun.vowel;
}

/** The ways a symbol can be written, each a sequence in reading order. */
function expand(lang: GrammarLang, s: Sym): Sym[][] {
  const lex = LEXICON[lang];
  switch (s.k) {
    case 'S':
      return [[{ k: 'NP', d: 0 }, { k: 'VP' }, T('end')]];
    case 'VP':
      return lang === 'en'
        ? [[T('vi')], [T('vt'), { k: 'NP', d: 0 }]]
        : [
            [T('vi'), T('le')],
            [T('vt'), T('le'), { k: 'NP', d: 0 }],
          ];
    case 'RC':
      return lang === 'en'
        ? [[{ k: 'open' }, T('that'), { k: 'NP', d: s.d + 1 }, T('vt'), { k: 'close' }]]
        : [[{ k: 'open' }, { k: 'NP', d: s.d + 1 }, T('vt'), T('de'), { k: 'close' }]];
    case 'NP': {
      const clause = s.d < MAX_DEPTH;
      if (lang === 'en') {
        const dets = lex.filter((c) => c.cat === 'det');
        return dets.flatMap((det) => {
          const np = [T('det', det.word), T('noun', undefined, (n) => agrees(det, n))];
          return clause ? [np, [...np, { k: 'RC', d: s.d } as Sym]] : [np];
        });
      }
      const head: Sym = { k: 'NPH' };
      return clause ? [[head], [{ k: 'RC', d: s.d }, head]] : [[head]];
    }
    case 'NPH': {
      const dets = lex.filter((c) => c.cat === 'det');
      const cls = lex.filter((c) => c.cat === 'cl');
      return [
        [T('noun')],
        ...dets.flatMap((det) =>
          cls.map((cl) => [
            T('det', det.word),
            T('cl', cl.word),
            T('noun', undefined, (n) => n.cl === cl.word),
          ]),
        ),
      ];
    }
    default:
      return [[s]];
  }
}

/** Every way `st` can go on until a word is due (or the sentence has ended): brackets written on the way. */
function closure(lang: GrammarLang, st: PState): PState[] {
  const done: PState[] = [];
  const todo: PState[] = [st];
  while (todo.length > 0) {
    const cur = todo.pop() as PState;
    const top = cur.stack[cur.stack.length - 1];
    if (!top || top.k === 'T') {
      done.push(cur);
      continue;
    }
    const rest = cur.stack.slice(0, -1);
    if (top.k === 'open' || top.k === 'close') {
      todo.push({ ...cur, stack: rest, pending: [...cur.pending, top.k === 'open' ? '[' : ']'] });
      continue;
    }
    for (const seq of expand(lang, top)) todo.push({ ...cur, stack: [...rest, ...[...seq].reverse()] });
  }
  return done;
}

const matches = (s: Sym, c: Card): boolean =>
  s.k === 'T' && s.cat === c.cat && (s.word === undefined || s.word === c.word) && (!s.ok || s.ok(c));

export interface Parse {
  readonly lang: GrammarLang;
  /** The words so far. */
  readonly words: readonly string[];
  readonly states: readonly PState[];
}

export function startParse(lang: GrammarLang): Parse {
  return { lang, words: [], states: closure(lang, { stack: [{ k: 'S' }], out: [], pending: [] }) };
}

export function cardOf(lang: GrammarLang, word: string): Card | undefined {
  return LEXICON[lang].find((c) => c.word === word);
}

/** The parse with one more word, or null when no sentence of the grammar goes on that way. */
export function addWord(p: Parse, word: string): Parse | null {
  const card = cardOf(p.lang, word);
  if (!card) return null;
  const states = p.states.flatMap((st) => {
    const top = st.stack[st.stack.length - 1];
    return top && matches(top, card)
      ? closure(p.lang, {
          stack: st.stack.slice(0, -1),
          out: [...st.out, ...st.pending, card.word],
          pending: [],
        })
      : [];
  });
  return states.length > 0 ? { lang: p.lang, words: [...p.words, word], states } : null;
}

/** Parses a whole list of words from the start; null if they do not begin a sentence. */
export function parseWords(lang: GrammarLang, words: readonly string[]): Parse | null {
  let p: Parse | null = startParse(lang);
  for (const w of words) {
    p = p && addWord(p, w);
    if (!p) return null;
  }
  return p;
}

/** Whether the words so far are a whole sentence. */
export function isComplete(p: Parse): boolean {
  return p.states.some((st) => st.stack.length === 0);
}

/** The kinds of word that may come next. */
export function expected(p: Parse): Cat[] {
  const cats = new Set<Cat>();
  for (const st of p.states) {
    const top = st.stack[st.stack.length - 1];
    if (top?.k === 'T') cats.add(top.cat);
  }
  return LEXICON[p.lang].map((c) => c.cat).filter((c, i, all) => cats.has(c) && all.indexOf(c) === i);
}

/**
 * The sentence so far with its clauses bracketed: the clauses its words have opened, and closed
 * where the last word ended them (a clause that may still begin is not guessed at).
 */
export function bracketed(p: Parse): Piece[] {
  const st = p.states.find((s) => s.stack.length === 0) ?? p.states[0];
  if (!st) return [];
  const closed: Piece[] = [];
  for (const piece of st.pending) {
    if (piece !== ']') break;
    closed.push(piece);
  }
  return [...st.out, ...closed];
}

/** How deep the clauses of the bracketed pieces nest (0: no clause). */
export function clauseDepth(pieces: readonly Piece[]): number {
  let d = 0;
  let max = 0;
  for (const piece of pieces) {
    if (piece === '[') max = Math.max(max, ++d);
    else if (piece === ']') d--;
  }
  return max;
}

/** A nested tree of the pieces: each clause a list inside its sentence. */
export type Tree = readonly (string | Tree)[];

export function toTree(pieces: readonly Piece[]): Tree {
  const root: (string | Tree)[] = [];
  const open: (string | Tree)[][] = [root];
  for (const piece of pieces) {
    const top = open[open.length - 1] as (string | Tree)[];
    if (piece === '[') {
      const inner: (string | Tree)[] = [];
      top.push(inner);
      open.push(inner);
    } else if (piece === ']') {
      if (open.length > 1) open.pop();
    } else top.push(piece);
  }
  return root;
}

/** Why a word cannot come next, for the player: the right word to use, or what may come here. */
export type Refusal =
  | {
      readonly kind: 'useAn' | 'useA' | 'oneNotMany' | 'manyNotOne';
      readonly det: string;
      readonly noun: string;
    }
  | { readonly kind: 'measure'; readonly cl: string; readonly noun: string; readonly right: string }
  | { readonly kind: 'notHere'; readonly word: string; readonly expected: Cat[] }
  | { readonly kind: 'finished' };

/** Why `word` does not go on the sentence `p` (call when addWord gave null). */
export function whyNot(p: Parse, word: string): Refusal {
  if (isComplete(p) && expected(p).length === 0) return { kind: 'finished' };
  const card = cardOf(p.lang, word);
  const before = p.words.length > 0 ? cardOf(p.lang, p.words[p.words.length - 1] as string) : undefined;
  if (card?.cat === 'noun' && before) {
    if (p.lang === 'en' && before.cat === 'det') {
      if (before.num === 'one' && card.num === 'many')
        return { kind: 'oneNotMany', det: before.word, noun: word };
      if (before.num === 'many' && card.num === 'one')
        return { kind: 'manyNotOne', det: before.word, noun: word };
      if (before.vowel === false && card.vowel) return { kind: 'useAn', det: before.word, noun: word };
      if (before.vowel === true && !card.vowel) return { kind: 'useA', det: before.word, noun: word };
    }
    if (p.lang === 'zh' && before.cat === 'cl' && card.cl && card.cl !== before.word)
      return { kind: 'measure', cl: before.word, noun: word, right: card.cl };
  }
  return { kind: 'notHere', word, expected: expected(p) };
}

const pick = <T>(items: readonly T[], rng: Rng): T => items[Math.floor(rng() * items.length)] as T;

/** A random sentence of the grammar whose subject holds clauses nested `depth` deep (0 to MAX_DEPTH). */
export function generate(lang: GrammarLang, rng: Rng, depth: number): string[] {
  const lex = LEXICON[lang];
  const of = (cat: Cat) => lex.filter((c) => c.cat === cat);
  const np = (inner: number): string[] => {
    const noun = pick(of('noun'), rng);
    let head: string[];
    if (lang === 'en')
      head = [
        pick(
          of('det').filter((d) => agrees(d, noun)),
          rng,
        ).word,
        noun.word,
      ];
    else head = rng() < 0.25 ? [noun.word] : [pick(of('det'), rng).word, noun.cl as string, noun.word];
    if (inner <= 0) return head;
    const clause = [...np(inner - 1), pick(of('vt'), rng).word];
    return lang === 'en' ? [...head, 'that', ...clause] : [...clause, '的', ...head];
  };
  const d = Math.max(0, Math.min(MAX_DEPTH, Math.floor(depth)));
  const transitive = rng() < 0.5;
  const verb = pick(of(transitive ? 'vt' : 'vi'), rng).word;
  const vp = lang === 'en' ? [verb] : [verb, '了'];
  return [...np(d), ...vp, ...(transitive ? np(0) : []), lang === 'en' ? '.' : '。'];
}

/** The words as a sentence: English with spaces (none before the full stop), Chinese without. */
export function sentenceText(lang: GrammarLang, words: readonly string[]): string {
  if (lang === 'zh') return words.join('');
  return words.join(' ').replace(/ \.$/, '.');
}
