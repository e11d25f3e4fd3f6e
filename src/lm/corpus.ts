/**
 * Corpus cleaning: deterministic, pure functions from the source files' text to documents,
 * and a fixed train/validation split. The file reading lives in scripts/build-corpus.ts.
 */
import type { Lang } from './tokenizer';

export interface Doc {
  /** Stable id: source and position, used for the split. */
  readonly id: string;
  readonly text: string;
}

/** TinyStories with `<|endoftext|>` between stories. */
export function tinyStories(source: string, text: string): Doc[] {
  return text
    .split('<|endoftext|>')
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 0)
    .map((s, i) => ({ id: `${source}#${i}`, text: s }));
}

/** The lower-cased TinyStories part: stories on lines, paragraphs split by blank lines. */
export function tinyStoriesByParagraph(source: string, text: string): Doc[] {
  return text
    .split(/\n\s*\n/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 0)
    .map((s, i) => ({ id: `${source}#${i}`, text: s }));
}

/** An African Storybook page file: title, pages split by `##`, credits as `* Key: value` lines. */
export function storybook(id: string, markdown: string): Doc {
  const lines = markdown
    .split('\n')
    .filter((l) => !/^\s*\*\s+[\w ]+:/.test(l) && l.trim() !== '##')
    .map((l) => l.replace(/^#\s+/, '').trim())
    .filter((l) => l.length > 0);
  return { id, text: lines.join(' ') };
}

/**
 * Stories written for the project: many to a file, each starting with a `# title` line, paragraphs
 * below it (data/zh/stories-written/README.md). The id is the file and the title.
 */
export function writtenStories(source: string, markdown: string): Doc[] {
  return markdown
    .split(/^# /m)
    .slice(1)
    .map((block) => {
      const lines = block.split('\n').map((l) => l.trim());
      const text = lines.filter((l) => l.length > 0).join('');
      return { id: `${source}#${lines[0] ?? ''}`, text };
    })
    .filter((d) => d.text.length > 0);
}

/** Plain-text fables or a book: paragraphs split by blank lines, titles kept as lines. */
export function plainBook(source: string, text: string, perDoc = 8): Doc[] {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0);
  const docs: Doc[] = [];
  for (let i = 0; i < paragraphs.length; i += perDoc) {
    docs.push({ id: `${source}#${i / perDoc}`, text: paragraphs.slice(i, i + perDoc).join(' ') });
  }
  return docs;
}

/** Every `paragraphs` array of a chinese-poetry JSON file, one document per text or poem. */
export function poetryJson(source: string, json: unknown): Doc[] {
  const docs: Doc[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (Array.isArray(o.paragraphs) && o.paragraphs.every((p) => typeof p === 'string')) {
        const title = typeof o.chapter === 'string' ? o.chapter : typeof o.title === 'string' ? o.title : '';
        docs.push({ id: `${source}#${docs.length}`, text: [title, ...(o.paragraphs as string[])].join('') });
      }
      for (const [k, v] of Object.entries(o)) if (k !== 'paragraphs') walk(v);
    }
  };
  walk(json);
  return docs;
}

/** FNV-1a, for a split that never changes when files are added elsewhere. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** One document in ten goes to validation, chosen by its id. */
export function isValidation(doc: Doc): boolean {
  return hash32(doc.id) % 10 === 0;
}

/**
 * A screen for text a child should not meet: a document with any of these words is left out.
 * Matching is on whole words (English) or substrings (Chinese).
 */
export function screened(lang: Lang, doc: Doc, screen: readonly string[]): boolean {
  if (lang === 'zh') return screen.some((w) => doc.text.includes(w));
  const words = new Set(doc.text.toLowerCase().match(/[a-z]+/g) ?? []);
  return screen.some((w) => words.has(w));
}
