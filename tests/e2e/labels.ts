/**
 * What a tile or a bar says for a token, as the player reads it: the lesson's rule
 * (src/lessons/nextWord.ts, shownToken) with the words of the locale files.
 */
import { fill } from './fixtures';
import { shownToken } from '../../src/lessons/nextWord';
import type { Lang } from '../../src/lm/tokenizer';
import enCommon from '../../locales/en/common.json' with { type: 'json' };
import zhCommon from '../../locales/zh/common.json' with { type: 'json' };

const COMMON = { en: enCommon, zh: zhCommon };

/** The label of `token` in `lang`; `end` is what the level calls the end of the story. */
export function labelOf(lang: Lang, token: string, end: string): string {
  const shown = shownToken(lang, token);
  if (shown.kind === 'end') return end;
  if (shown.kind === 'mark') return fill(COMMON[lang].mark[shown.name], { mark: shown.mark });
  return shown.text;
}
