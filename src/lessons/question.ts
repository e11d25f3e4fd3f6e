/** A question answered by picking one of a few tiles (letter dice, word chains). */
export interface Question<T> {
  /** The options shown on the tiles, in a seeded order. */
  readonly options: readonly T[];
  readonly answer: T;
  /** The options tried so far, in order. */
  readonly tries: readonly T[];
  readonly solved: boolean;
}

/** A fresh question: nothing tried yet. */
export function question<T>(options: readonly T[], answer: T): Question<T> {
  return { options, answer, tries: [], solved: false };
}

/** The player tries an option: kept in the tries, solved when it is the answer; a solved question or an option not on the tiles changes nothing. */
export function tryOption<T>(q: Question<T>, option: T): Question<T> {
  if (q.solved || !q.options.includes(option)) return q;
  return { ...q, tries: [...q.tries, option], solved: option === q.answer };
}
