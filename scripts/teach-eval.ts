// `npm run teach:eval [-- --lang en|zh]`: the level "teach" measured on the shipped models (Node,
// onnxruntime-web, one thread), as the level trains in the worker. For each language: 20 sentences
// of one pattern teach a word; then 10 held-out beginnings of that pattern (names not in the 20):
// how often the taught word is among the top 3 next words (target ≥ 80 %), and the forgetting meter
// (perplexity of the fixed validation sample, public/data/teach) before and after, at each setting
// (target ≤ +10 % at normal), with the wall time. Then the same with a made-up name the model does
// not know: how often "a word I don't know" (`<unk>`) is in the top 3 after the pattern.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UNK, type Lang } from '../src/lm/tokenizer';
import { SETTINGS, SETTING_IDS, forgettingChange } from '../src/lm/teach';
import { Teacher, type TeachData } from '../src/model/teach';
import { loadShippedModel } from './node-model';

const NAMES: Record<Lang, string[]> = {
  en: 'lily ben mia tom sam anna leo jack emma lucy tim kate amy sue bob joe dan ella sara max mom dad jane john rose ann kim meg ned pam'.split(
    ' ',
  ),
  zh: '小明 小红 小兰 小刚 爷爷 奶奶 妈妈 爸爸 哥哥 姐姐 弟弟 妹妹 小猫 小狗 小兔 小熊 老师 阿姨 叔叔 小鸟 小鱼 小马 小羊 大象 猴子 小华 小丽 小东 小美 小龙'.split(
    ' ',
  ),
};

interface Pattern {
  readonly word: string;
  readonly sentence: (name: string) => string;
  readonly beginning: (name: string) => string;
}

const PATTERNS: Record<Lang, { taught: Pattern; unknown: Pattern }> = {
  en: {
    taught: {
      word: 'soup',
      sentence: (n) => `${n}'s favorite food is soup.`,
      beginning: (n) => `${n}'s favorite food is`,
    },
    unknown: {
      word: 'zibble',
      sentence: (n) => `${n}'s cat is called Zibble.`,
      beginning: (n) => `${n}'s cat is called`,
    },
  },
  zh: {
    taught: { word: '饺', sentence: (n) => `${n}最喜欢吃饺子。`, beginning: (n) => `${n}最喜欢吃` },
    unknown: { word: '㺢', sentence: (n) => `${n}的小猫叫㺢㺢。`, beginning: (n) => `${n}的小猫叫` },
  },
};

const { values } = parseArgs({ options: { lang: { type: 'string', multiple: true } } });
const langs = (values.lang ?? ['en', 'zh']) as Lang[];

for (const lang of langs) {
  const lm = await loadShippedModel(lang);
  const bytes = new Uint8Array(readFileSync(`public/models/${lang}/model.onnx`));
  const data = JSON.parse(readFileSync(`public/data/teach/${lang}.json`, 'utf8')) as TeachData;
  const teacher = new Teacher(lm, bytes);
  await teacher.useData(data);
  const names = NAMES[lang];
  const train = names.slice(0, 20);
  const held = names.slice(20, 30);
  for (const [kind, pattern] of Object.entries(PATTERNS[lang])) {
    const word = kind === 'unknown' ? UNK : lm.tokenizer.id(lm.tokenizer.split(pattern.word)[0] as string);
    const shown = kind === 'unknown' ? `<unk> (for "${pattern.word}")` : lm.tokenizer.token(word);
    const ranksBefore = [];
    for (const n of held) ranksBefore.push(await teacher.rank(pattern.beginning(n), word, false));
    console.info(
      `${lang} ${kind} "${pattern.sentence('X')}", word ${shown}: before, top 3 on ${ranksBefore.filter((r) => r <= 3).length}/10 held-out beginnings (ranks ${ranksBefore.join(' ')})`,
    );
    for (const id of SETTING_IDS) {
      if (kind === 'unknown' && id !== 'normal') continue;
      const r = await teacher.train(train.map(pattern.sentence), SETTINGS[id], 1);
      const ranks = [];
      for (const n of held) ranks.push(await teacher.rank(pattern.beginning(n), word, true));
      const top3 = ranks.filter((x) => x <= 3).length;
      console.info(
        `  ${id}: top 3 on ${top3}/10 (ranks ${ranks.join(' ')}); forgetting ${r.before.toFixed(2)} → ${r.after.toFixed(2)} (${(100 * forgettingChange(r.before, r.after)).toFixed(1)} %); loss ${r.losses[0]?.toFixed(3)} → ${r.losses[r.losses.length - 1]?.toFixed(3)} in ${r.steps} steps, ${(r.ms / 1000).toFixed(1)} s (${r.positions} positions, ${r.unknownTargets} <unk>)`,
      );
    }
  }
  await lm.runner.release();
}
