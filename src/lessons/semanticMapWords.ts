/**
 * The semantic map's word list (data/semantic-map/words.tsv): each line an English word as GloVe
 * has it, its Chinese label written for the project, and its group. Comment lines start with #.
 */

export const GROUPS = [
  'animal',
  'fruit',
  'food',
  'colour',
  'family',
  'people',
  'body',
  'feeling',
  'nature',
  'place',
  'vehicle',
  'music',
  'sport',
  'school',
  'time',
  'number',
  'action',
  'describe',
] as const;
export type Group = (typeof GROUPS)[number];

export interface ListedWord {
  readonly en: string;
  readonly zh: string;
  readonly group: Group;
}

export function isGroup(value: string): value is Group {
  return (GROUPS as readonly string[]).includes(value);
}

/** The list's words; a line that is not `english<TAB>chinese<TAB>group` throws, naming the line. */
export function parseWordList(text: string): ListedWord[] {
  const out: ListedWord[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trimEnd();
    if (line === '' || line.startsWith('#')) return;
    const [en, zh, group, ...rest] = line.split('\t');
    if (!en || !zh || !group || rest.length > 0 || !isGroup(group))
      throw new Error(`words.tsv line ${i + 1}: "${line}" is not english<TAB>chinese<TAB>group`);
    out.push({ en, zh, group });
  });
  return out;
}
