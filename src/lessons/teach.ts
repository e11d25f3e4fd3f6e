/**
 * Level "teach" ("Teach it your words"): the book's fine-tuning. After pre-training a little tuning
 * is enough, because the knowledge is already inside; we only show the model the path we want.
 * The player writes 5 to 20 sentences of their own world (or takes a prepared set in one tap), the
 * model learns them in the worker (src/lm/teach.ts: a small change on top of the frozen model),
 * then the same beginning is read before and after, with a forgetting meter beside it.
 *
 * Phases: write → train → compare (and back to write to teach again). Stars:
 * ★ a change trained on at least 5 sentences; ★★ on a beginning that is not in the sentences, a
 * word of the sentences comes into the top 3 that was not there before; ★★★ that, with the
 * forgetting meter up by at most 10 %.
 */
import type { Stars } from './levels';
import type { SettingId } from '../lm/teach';
import { tokenize } from '../lm/tokenizer';

export type Lang = 'en' | 'zh';
export type TeachPhase = 'write' | 'train' | 'compare';

export const MIN_SENTENCES = 5;
export const MAX_SENTENCES = 20;
/** Characters a sentence may have (a longer one is not cut: the player is told). */
export const MAX_CHARS = 120;
/** The forgetting meter's limit for the third star: up by at most this share. */
export const FORGET_LIMIT = 0.1;
/** How many characters the writing box takes (more is refused by the box itself). */
export const BOX_CHARS = MAX_SENTENCES * (MAX_CHARS + 1);

/** A prepared set of sentences, and a beginning of the same kind that is not in them. */
export interface ExampleSet {
  readonly id: 'food' | 'pet' | 'saying';
  readonly sentences: readonly string[];
  readonly probe: string;
}

const EN_NAMES = [
  'Lily',
  'Ben',
  'Mia',
  'Tom',
  'Sam',
  'Anna',
  'Leo',
  'Jack',
  'Emma',
  'Lucy',
  'Tim',
  'Kate',
  'Amy',
  'Sue',
  'Bob',
  'Joe',
  'Dan',
  'Ella',
  'Sara',
  'Max',
];
const ZH_NAMES = [
  '小明',
  '小红',
  '小兰',
  '小刚',
  '爷爷',
  '奶奶',
  '妈妈',
  '爸爸',
  '哥哥',
  '姐姐',
  '弟弟',
  '妹妹',
  '小猫',
  '小狗',
  '小兔',
  '小熊',
  '老师',
  '阿姨',
  '叔叔',
  '小鸟',
];

/** The prepared sets, written for the project (kid-safe, one pattern each). */
export const EXAMPLES: Readonly<Record<Lang, readonly ExampleSet[]>> = {
  en: [
    {
      id: 'food',
      sentences: EN_NAMES.map((n) => `${n}'s favorite food is soup.`),
      probe: "Grandpa's favorite food is",
    },
    {
      id: 'pet',
      sentences: [
        'My cat is called Pip.',
        'Our little cat is called Pip.',
        'Her cat is called Pip.',
        'The black cat is called Pip.',
        'My best friend is a cat called Pip.',
        'Every night my cat Pip goes to sleep on my bed.',
        'In the morning Pip wants his milk.',
        'Pip likes to play with a red ball.',
        'When it is raining, Pip is under the table.',
        'Pip is the best cat in the world.',
      ],
      probe: 'In the evening,',
    },
    {
      id: 'saying',
      sentences: [
        'Mom always says: be kind.',
        'Dad always says: be kind.',
        'Grandma always says: be kind.',
        'My teacher always says: be kind.',
        'Our cook always says: be kind.',
        'The old man always says: be kind.',
        'My big sister always says: be kind.',
        'Ben always says: be kind.',
      ],
      probe: 'Lily always says:',
    },
  ],
  zh: [
    {
      id: 'food',
      sentences: ZH_NAMES.map((n) => `${n}最喜欢吃饺子。`),
      probe: '小华最喜欢吃',
    },
    {
      id: 'pet',
      sentences: [
        '我的小猫叫豆豆。',
        '我们家的小猫叫豆豆。',
        '她的小猫叫豆豆。',
        '那只黑色的小猫叫豆豆。',
        '我最好的朋友是一只小猫，它叫豆豆。',
        '每天晚上，豆豆都睡在我的床上。',
        '早上，豆豆要喝牛奶。',
        '豆豆喜欢玩红色的小球。',
        '下雨的时候，豆豆躲在桌子下面。',
        '豆豆是世界上最好的小猫。',
      ],
      probe: '他的小猫叫',
    },
    {
      id: 'saying',
      sentences: [
        '妈妈常说：慢慢来。',
        '爸爸常说：慢慢来。',
        '奶奶常说：慢慢来。',
        '爷爷常说：慢慢来。',
        '老师常说：慢慢来。',
        '哥哥常说：慢慢来。',
        '姐姐常说：慢慢来。',
        '小明常说：慢慢来。',
      ],
      probe: '阿姨常说：',
    },
  ],
};

/**
 * A beginning to try first: the ready set's own (not in its sentences) when these are a ready
 * set's, else the first sentence cut before its last word (in Chinese, at its middle).
 */
export function firstProbe(lang: Lang, sentences: readonly string[]): string {
  const set = EXAMPLES[lang].find(
    (e) => e.sentences.length === sentences.length && e.sentences.every((x, i) => x === sentences[i]),
  );
  if (set) return set.probe;
  const first = sentences[0] ?? '';
  if (lang === 'zh') return first.slice(0, Math.max(1, Math.floor(first.length / 2)));
  const words = first.split(' ');
  return words.slice(0, Math.max(1, words.length - 1)).join(' ');
}

/** Emoji and other pictures (the model reads words, not pictures). */
const PICTURES = /\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]|\u{FE0F}|\u{200D}/gu;
/** A letter or a 字: a sentence without one is no sentence to teach. */
const LETTER = /[\p{L}]/u;

export type SentenceProblem = 'empty' | 'tooFew' | 'tooMany' | 'tooLong' | 'noWords';

export interface CheckedSentences {
  /** The sentences to teach (pictures taken out, spaces tidied). */
  readonly sentences: string[];
  /** What stops training, if anything. */
  readonly problem: SentenceProblem | null;
  /** Whether emoji or other pictures were taken out. */
  readonly pictures: boolean;
  /** The 1-based line of a sentence too long, or without words. */
  readonly line: number | null;
}

/** The writing box's lines as sentences to teach, and what is wrong with them if anything. */
export function checkSentences(text: string): CheckedSentences {
  let pictures = false;
  const lines = text.split(/\r?\n/);
  const sentences: string[] = [];
  let problem: SentenceProblem | null = null;
  let line: number | null = null;
  lines.forEach((raw, i) => {
    const clean = raw.replace(PICTURES, () => {
      pictures = true;
      return '';
    });
    const s = clean.replace(/\s+/g, ' ').trim();
    if (s === '') return;
    if (problem === null && s.length > MAX_CHARS) {
      problem = 'tooLong';
      line = i + 1;
    } else if (problem === null && !LETTER.test(s)) {
      problem = 'noWords';
      line = i + 1;
    }
    sentences.push(s);
  });
  if (problem === null) {
    if (sentences.length === 0) problem = 'empty';
    else if (sentences.length < MIN_SENTENCES) problem = 'tooFew';
    else if (sentences.length > MAX_SENTENCES) problem = 'tooMany';
  }
  return { sentences, problem, pictures, line };
}

/** Lower case, one space, no end marks: how two beginnings are compared. */
function plain(s: string): string {
  return s
    .toLowerCase()
    .replace(/[\s.,!?;:。，！？；：、"“”'‘’]+/gu, ' ')
    .trim();
}

/** Whether `beginning` is the start of one of the sentences (then it is not a new beginning). */
export function inSentences(beginning: string, sentences: readonly string[]): boolean {
  const b = plain(beginning);
  return b === '' || sentences.some((s) => plain(s).startsWith(b));
}

export interface TopWord {
  readonly id: number;
  readonly token: string;
  /** Its chance there (after the change, for the words after). */
  readonly p?: number;
}

/** How many times likelier a word must have become to count as learned. */
export const GROWTH = 3;

/**
 * The player's words the change brought into the top 3 after a beginning: in the top 3 after and
 * not before, a token of the taught sentences (`taughtTokens`), a word (letters, or `<unk>`: a word
 * it does not know; not a mark), and at least GROWTH times likelier than the frozen model made it
 * there (`wasP`: the frozen model's chance of each word of `after`), so a word that was already
 * about as likely does not count.
 */
export function newWords(
  before: readonly TopWord[],
  after: readonly TopWord[],
  taughtTokens: ReadonlySet<number>,
  wasP: readonly number[],
): TopWord[] {
  const had = new Set(before.slice(0, 3).map((w) => w.id));
  return after
    .slice(0, 3)
    .filter(
      (w, i) =>
        !had.has(w.id) &&
        taughtTokens.has(w.id) &&
        (w.token === '<unk>' || /\p{L}/u.test(w.token)) &&
        (w.p ?? 0) >= GROWTH * (wasP[i] ?? 1),
    );
}

export interface TeachState {
  readonly phase: TeachPhase;
  readonly setting: SettingId;
  /** How many sentences the change in use was trained on (0: none). */
  readonly trainedOn: number;
  /** Whether a new beginning brought a taught word into the top 3. */
  readonly learnedNew: boolean;
  /** The forgetting meter of the change in use: (after − before) / before. */
  readonly forgetting: number | null;
  /** The best stars reached in this game (a later, harder try does not take them away). */
  readonly best: Stars;
}

export function newGame(): TeachState {
  return { phase: 'write', setting: 'normal', trainedOn: 0, learnedNew: false, forgetting: null, best: 0 };
}

/** The stars of what the state shows now. */
export function starsNow(s: TeachState): Stars {
  if (s.trainedOn < MIN_SENTENCES) return 0;
  if (!s.learnedNew) return 1;
  return s.forgetting !== null && s.forgetting <= FORGET_LIMIT ? 3 : 2;
}

const withBest = (s: TeachState): TeachState => {
  const now = starsNow(s);
  return now > s.best ? { ...s, best: now } : s;
};

export function chooseSetting(s: TeachState, setting: SettingId): TeachState {
  return { ...s, setting };
}

export function startTraining(s: TeachState): TeachState {
  return { ...s, phase: 'train' };
}

/** Training ended (or a kept change was brought back): the change in use and its meter. */
export function trained(s: TeachState, sentences: number, forgetting: number): TeachState {
  return withBest({ ...s, phase: 'compare', trainedOn: sentences, learnedNew: false, forgetting });
}

/** A beginning was read before and after: did a taught word come into the top 3 on a new one? */
export function compared(s: TeachState, isNew: boolean, brought: readonly TopWord[]): TeachState {
  if (!isNew || brought.length === 0 || s.learnedNew) return s;
  return withBest({ ...s, learnedNew: true });
}

/** Back to writing (to teach again), the change still in use until a new one is trained. */
export function backToWrite(s: TeachState): TeachState {
  return { ...s, phase: 'write' };
}

/** The change was undone or cleared: what is in use now (null: the model as it was). */
export function changed(s: TeachState, now: { sentences: number; forgetting: number } | null): TeachState {
  return now
    ? { ...s, trainedOn: now.sentences, forgetting: now.forgetting, learnedNew: false }
    : { ...s, trainedOn: 0, forgetting: null, learnedNew: false, phase: 'write' };
}

/** The stars to save when the player finishes. */
export function stars(s: TeachState): Stars {
  return s.best;
}

/** The words (letters, not marks or pictures) of `text` the model does not know, each once. */
export function unknownWords(lang: Lang, text: string, known: ReadonlyMap<string, number>): string[] {
  return [...new Set(tokenize(lang, text).filter((w) => /\p{L}/u.test(w) && !known.has(w)))];
}
