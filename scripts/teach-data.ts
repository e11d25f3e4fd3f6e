// `npm run data:teach`: the fixed texts of the level "teach" as the shipped model's token ids →
// public/data/teach/{en,zh}.json. The forgetting meter's sample: windows of the validation stories
// (scripts/corpus-sources.ts: the documents `npm run corpus` holds out; the largest source), each
// `<bos>` and the context's worth of tokens. The reminder: the first tokens of a few training
// stories. Run it again whenever a model in public/models changes (a unit test compares the
// model's sha256 with card.json's).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { BOS, Tokenizer, type VocabFile } from '../src/lm/tokenizer';
import { corpusSources } from './corpus-sources';
import type { TeachData } from '../src/model/teach';

const OUT = 'public/data/teach';
/** Windows of the validation text in the sample, and their length (with `<bos>`). */
const SAMPLE_WINDOWS = 12;
/** Training snippets in the reminder, and their length (with `<bos>`). */
const REMINDER_SNIPPETS = 16;
const REMINDER_TOKENS = 33;

mkdirSync(OUT, { recursive: true });
for (const lang of ['en', 'zh'] as const) {
  const dir = `public/models/${lang}`;
  const tok = new Tokenizer(JSON.parse(readFileSync(`${dir}/vocab.json`, 'utf8')) as VocabFile);
  const card = JSON.parse(readFileSync(`${dir}/card.json`, 'utf8')) as { sha256: string; context: number };
  const { sources } = corpusSources(lang);
  const main = sources.reduce((a, b) => (b.valid.length > a.valid.length ? b : a));
  const window = card.context + 1;
  const sample: number[][] = [];
  // Every seventh validation story from the first, so the sample is not one story's words.
  for (let i = 0; sample.length < SAMPLE_WINDOWS && i < main.valid.length; i += 7) {
    const ids = [BOS, ...tok.encode((main.valid[i] as { text: string }).text)];
    if (ids.length >= window) sample.push(ids.slice(0, window));
  }
  const reminder: number[][] = [];
  for (let i = 0; reminder.length < REMINDER_SNIPPETS && i < main.train.length; i += 97) {
    const ids = [BOS, ...tok.encode((main.train[i] as { text: string }).text)];
    if (ids.length >= REMINDER_TOKENS) reminder.push(ids.slice(0, REMINDER_TOKENS));
  }
  const data: TeachData = { lang, model: card.sha256, sample, reminder };
  writeFileSync(`${OUT}/${lang}.json`, `${JSON.stringify(data)}\n`);
  const n = sample.reduce((s, w) => s + w.length - 1, 0);
  console.info(
    `${lang}: sample ${sample.length} windows (${n} tokens) of ${main.name} validation; reminder ${reminder.length} snippets of ${main.name} training`,
  );
  for (const w of sample.slice(0, 2)) console.info(`  ${tok.decode(w).slice(0, 100)}…`);
}
