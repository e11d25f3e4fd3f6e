// What each attention head looks at, measured on the validation stories (scripts/corpus-sources.ts:
// the documents `npm run corpus` holds out): shared by `npm run data:inside` and its unit test, so
// both read exactly the same documents.
import { corpusSources } from './corpus-sources';
import { HeadTally } from '../src/lessons/inside';
import { isMarkToken } from '../src/lessons/insideMarks';
import type { LanguageModel } from '../src/model/lm';
import type { Lang } from '../src/lm/tokenizer';

/** Validation documents read per source (all of a smaller one). */
export const PER_SOURCE = 150;

export async function measureHeads(
  lm: LanguageModel,
  lang: Lang,
  layers: number,
  heads: number,
): Promise<{ tally: HeadTally; source: string }> {
  const tally = new HeadTally(layers, heads);
  const sources = corpusSources(lang).sources.filter((s) => s.valid.length > 0);
  const isMark = (id: number): boolean => isMarkToken(lm.tokenizer.token(id));
  for (const s of sources)
    for (const d of s.valid.slice(0, PER_SOURCE)) {
      const { ids } = lm.prepare(d.text);
      const out = await lm.runner.forward(ids, true);
      tally.add(out.attention, ids, isMark);
    }
  const source = `validation documents of ${sources.map((s) => s.name).join(', ')} (up to ${PER_SOURCE} each), each cut to the context window`;
  return { tally, source };
}
