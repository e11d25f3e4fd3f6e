/**
 * Names and other words English writes with a capital letter (Lily, Ben, Mr, Monday). The English
 * model reads and writes lower case; the screen gives these words their capital back. Which words
 * they are comes from the corpus itself: TinyStories' first part keeps its case, so a word that is
 * nearly always capitalised where no sentence starts is a name. `npm run names` writes the list
 * (src/lm/names-en.json) with this rule; a unit test checks that the list is what the rule gives.
 */

export interface NameRule {
  /** How often a word must appear where no sentence starts. */
  readonly minCount: number;
  /** The share of those appearances that must be capitalised. */
  readonly share: number;
}

export const NAME_RULE: NameRule = { minCount: 3, share: 0.9 };

/** A word, a mark that ends a sentence, a quote, a line break or TinyStories' story separator. */
const PIECE = /<\|endoftext\|>|[A-Za-z]+|[.!?"“”\n]/g;

/**
 * The words of `text` that are capitalised in at least `rule.share` of their appearances in the
 * middle of a sentence (never counting a word at a sentence's or a quote's start, where every
 * word has a capital), as they are written most often ("Lily", "TV"), sorted. "I" is left out:
 * the screen always writes it so.
 */
export function capitalisedWords(text: string, rule: NameRule = NAME_RULE): string[] {
  const seen = new Map<string, { n: number; forms: Map<string, number> }>();
  let starts = true;
  for (const [piece] of text.matchAll(PIECE)) {
    if (!/^[A-Za-z]/.test(piece)) {
      starts = true;
      continue;
    }
    if (!starts) {
      const key = piece.toLowerCase();
      const entry = seen.get(key) ?? { n: 0, forms: new Map<string, number>() };
      entry.n++;
      if (/^[A-Z]/.test(piece)) entry.forms.set(piece, (entry.forms.get(piece) ?? 0) + 1);
      seen.set(key, entry);
    }
    starts = false;
  }
  const out: string[] = [];
  for (const [key, { n, forms }] of seen) {
    const capitalised = [...forms.values()].reduce((a, b) => a + b, 0);
    if (key === 'i' || n < rule.minCount || capitalised < rule.share * n) continue;
    const [form] = [...forms].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] as [string, number];
    out.push(form);
  }
  return out.sort((a, b) =>
    a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0,
  );
}

/** A lower-case word → the way it is written, for the words of a name list. */
export function nameMap(names: readonly string[]): ReadonlyMap<string, string> {
  return new Map(names.map((w) => [w.toLowerCase(), w]));
}
