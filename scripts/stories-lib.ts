// Reading data/zh/stories-written and the tables its checks need (Node only): shared by
// `npm run stories` and tests/unit/stories-zh.test.ts.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { writtenStories, type Doc } from '../src/lm/corpus';
import { traditionalOnly } from '../src/lm/storyChecks';

const root = join(import.meta.dirname, '..');
export const storiesDir = join(root, 'data/zh/stories-written');

export function storyFiles(): string[] {
  return readdirSync(storiesDir)
    .filter((f) => /^part-\d+\.md$/.test(f))
    .sort();
}

export function loadStories(): Doc[] {
  return storyFiles().flatMap((f) =>
    writtenStories(`written/${f}`, readFileSync(join(storiesDir, f), 'utf8')),
  );
}

/** The words of data/screen-list.txt for one language. */
export function screenList(lang: 'en' | 'zh'): string[] {
  return readFileSync(join(root, 'data/screen-list.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith(`${lang}:`))
    .map((l) => l.slice(3).trim());
}

/** Characters only traditional Chinese writes, from the OpenCC tables that opencc-js ships. */
export function traditionalOnlyCharacters(): Set<string> {
  const require = createRequire(import.meta.url);
  const dict = (name: string): string => {
    const src = readFileSync(require.resolve(`opencc-js/dict/${name}`), 'utf8');
    return JSON.parse(src.slice(src.indexOf('"'), src.lastIndexOf('"') + 1)) as string;
  };
  return traditionalOnly(dict('TSCharacters'), dict('STCharacters'));
}
