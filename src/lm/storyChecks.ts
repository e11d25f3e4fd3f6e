/**
 * Checks on a story corpus written for the project (data/zh/stories-written): the figures its unit
 * test holds to, and that `npm run stories` prints. Pure functions on text.
 */

/** Sentences: split after 。！？ (and a closing quote that follows), blanks dropped. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[。！？…][”’」』]?)(?![。！？…”’」』])/u)
    .map((s) => s.replace(/^[”’」』\s]+/u, '').trim())
    .filter((s) => s.length > 0);
}

/** Share of sentences that repeat an earlier one exactly (0..1). */
export function duplicateSentenceShare(texts: readonly string[]): {
  share: number;
  total: number;
  repeats: number;
  worst: [string, number][];
} {
  const seen = new Map<string, number>();
  let total = 0;
  for (const t of texts) {
    for (const s of sentences(t)) {
      total++;
      seen.set(s, (seen.get(s) ?? 0) + 1);
    }
  }
  let repeats = 0;
  for (const n of seen.values()) repeats += n - 1;
  const worst = [...seen]
    .filter(([, n]) => n > 1)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10);
  return { share: total === 0 ? 0 : repeats / total, total, repeats, worst };
}

/** The set of character n-grams of a text, punctuation and spaces left out. */
export function charNgrams(text: string, n = 8): Set<string> {
  const chars = [...text.replace(/[\s\p{P}]/gu, '')];
  const grams = new Set<string>();
  for (let i = 0; i + n <= chars.length; i++) grams.add(chars.slice(i, i + n).join(''));
  return grams;
}

/**
 * The pair of texts that share the largest part of their character n-grams, measured against the
 * smaller of the two sets (the strictest reading of "share").
 */
export function worstOverlap(texts: readonly string[], n = 8): { share: number; a: number; b: number } {
  const sets = texts.map((t) => charNgrams(t, n));
  const owners = new Map<string, number[]>();
  sets.forEach((s, i) => {
    for (const g of s) {
      const list = owners.get(g);
      if (list) list.push(i);
      else owners.set(g, [i]);
    }
  });
  const shared = new Map<number, number>();
  for (const list of owners.values()) {
    if (list.length < 2) continue;
    for (const [x, first] of list.entries())
      for (const second of list.slice(x + 1)) {
        const key = first * texts.length + second;
        shared.set(key, (shared.get(key) ?? 0) + 1);
      }
  }
  let best = { share: 0, a: -1, b: -1 };
  for (const [key, count] of shared) {
    const a = Math.floor(key / texts.length);
    const b = key % texts.length;
    const share = count / Math.max(1, Math.min(sets[a]?.size ?? 0, sets[b]?.size ?? 0));
    if (share > best.share) best = { share, a, b };
  }
  return best;
}

/** Distinct Han characters in the texts. */
export function distinctHan(texts: readonly string[]): Set<string> {
  const set = new Set<string>();
  for (const t of texts) for (const c of t.match(/\p{Script=Han}/gu) ?? []) set.add(c);
  return set;
}

/**
 * Characters that only traditional Chinese writes, from OpenCC's dictionaries in their
 * `from to [to ...]|...` form: a traditional character with a different simplified form, unless
 * simplified Chinese also writes it itself (it is a key of the simplified→traditional table).
 */
export function traditionalOnly(tsCharacters: string, stCharacters: string): Set<string> {
  const entries = (dict: string) => dict.split('|').map((e) => e.split(' '));
  const simplified = new Set(entries(stCharacters).map(([from]) => from));
  const result = new Set<string>();
  for (const [from, ...to] of entries(tsCharacters)) {
    if (from && !to.includes(from) && !simplified.has(from)) result.add(from);
  }
  return result;
}

/** Words of the form 小X / 阿X that are not names (小声 "quietly", 阿姨 "auntie"). */
const NOT_NAMES = new Set(['小声', '阿姨', '小心', '小时', '小朋', '小小']);
/** 小雨 is also light rain: 下小雨, 一场小雨, 小雨点 are the weather, not the girl. */
const RAIN = /(下|场|阵|毛毛|细细的|绵绵|蒙蒙|着)小雨|小雨(点|滴|停|下|沙沙|淅|哗|落|打|飘)/g;

/**
 * The characters with a pet name (小X, 阿X) who speak or answer somewhere in the stories, and for
 * each the share of stories it takes part in (named at least twice, the weather's 小雨 not counted).
 */
export function characterShares(texts: readonly string[]): Map<string, number> {
  const speaks = /((?:小|阿)[\u4e00-\u9fff])(?=说|问|喊|叫道|笑着说|想|答|回答|点点头|摇摇头)/g;
  const names = new Set<string>();
  for (const t of texts)
    for (const m of t.matchAll(speaks)) if (!NOT_NAMES.has(m[1] as string)) names.add(m[1] as string);
  const counts = new Map<string, number>();
  const pet = /(?:小|阿)[\u4e00-\u9fff]/g;
  for (const t of texts) {
    const times = new Map<string, number>();
    for (const m of t.replace(RAIN, '').matchAll(pet)) times.set(m[0], (times.get(m[0]) ?? 0) + 1);
    for (const [name, k] of times)
      if (k >= 2 && names.has(name)) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return new Map([...names].map((name) => [name, (counts.get(name) ?? 0) / texts.length]));
}
