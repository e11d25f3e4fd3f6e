// `npm run stories`: the figures of data/zh/stories-written that its unit test holds to.
import { distinctHan, duplicateSentenceShare, worstOverlap } from '../src/lm/storyChecks';
import { loadStories, screenList, storyFiles, traditionalOnlyCharacters } from './stories-lib';

const docs = loadStories();
const texts = docs.map((d) => d.text);
const trad = traditionalOnlyCharacters();
const han = distinctHan(texts);
const screen = screenList('zh');
const dup = duplicateSentenceShare(texts);
const overlap = worstOverlap(texts);
const characters = texts.reduce((n, t) => n + [...t].length, 0);
console.log(
  JSON.stringify(
    {
      files: storyFiles().length,
      stories: docs.length,
      distinctIds: new Set(docs.map((d) => d.id)).size,
      characters,
      textBytes: texts.reduce((n, t) => n + Buffer.byteLength(t), 0),
      meanCharacters: Math.round(characters / Math.max(1, docs.length)),
      distinctCharacters: han.size,
      traditionalOnly: [...han].filter((c) => trad.has(c)),
      screenHits: docs
        .filter((d) => screen.some((w) => d.text.includes(w)))
        .map((d) => [d.id, screen.filter((w) => d.text.includes(w))]),
      duplicateSentences: {
        share: Number(dup.share.toFixed(4)),
        sentences: dup.total,
        repeats: dup.repeats,
        mostRepeated: dup.worst,
      },
      worstOverlap: {
        share: Number(overlap.share.toFixed(3)),
        a: docs[overlap.a]?.id,
        b: docs[overlap.b]?.id,
      },
    },
    null,
    1,
  ),
);
