// `npm run names`: the English words the screen capitalises (names like Lily and Ben, Mr, Monday),
// taken from TinyStories' first part, which keeps its case (src/lm/names.ts has the rule).
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { NAME_RULE, capitalisedWords } from '../src/lm/names';

export const NAMES_SOURCE = 'data/en/tinystories/tinystories_v1_train_part1.txt';
const out = 'src/lm/names-en.json';
const words = capitalisedWords(readFileSync(NAMES_SOURCE, 'utf8'));
writeFileSync(out, `${JSON.stringify({ source: NAMES_SOURCE, rule: NAME_RULE, words })}\n`);
execFileSync('npx', ['prettier', '--write', out], { stdio: 'inherit' });
console.info(`${out}: ${words.length} words`);
