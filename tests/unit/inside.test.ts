import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as lesson from '../../src/lessons/inside';
import type { InsideData } from '../../src/lessons/inside';
import { loadShippedModel } from '../../scripts/node-model';
import { measureHeads } from '../../scripts/inside-measure';
import type { LanguageModel } from '../../src/model/lm';

const noMarks = () => false;

describe('where a head looks', () => {
  it('each weight counts for the first place it is: start, itself, the word before, two back, a mark, other', () => {
    const ids = [2, 10, 4, 11, 12, 13];
    const isMark = (id: number) => id === 4;
    expect([0, 1, 2, 3, 4, 5].map((j) => lesson.placeOf(j, 5, ids, isMark))).toEqual([
      'start',
      'other',
      'marks',
      'twoBack',
      'prev',
      'self',
    ]);
    const { shares, top } = lesson.rowShares([0.1, 0.05, 0.3, 0.05, 0.4, 0.1], 5, ids, isMark);
    expect(shares).toEqual({ start: 0.1, self: 0.1, prev: 0.4, twoBack: 0.05, marks: 0.3, other: 0.05 });
    expect(top).toBe('prev');
    const sum = Object.values(shares).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 12);
  });

  it('a tally finds a head that always looks at the word before, one that looks at the start, and one that looks everywhere', () => {
    const layers = 1;
    const heads = 3;
    const t = 12;
    const ids = [2, ...Array.from({ length: t - 1 }, (_, i) => 10 + i)];
    const att = new Float32Array(layers * heads * t * t);
    const put = (i: number, w: number) => (att[i] = (att[i] as number) + w);
    for (let q = 0; q < t; q++) {
      // Head 0: 0.7 on the word before, the rest on itself.
      put(0 * t * t + q * t + Math.max(0, q - 1), 0.7);
      put(0 * t * t + q * t + q, 0.3);
      // Head 1: 0.8 on the start.
      put(1 * t * t + q * t, 0.8);
      put(1 * t * t + q * t + q, 0.2);
      // Head 2: the same on every word so far.
      for (let j = 0; j <= q; j++) att[2 * t * t + q * t + j] = 1 / (q + 1);
    }
    const tally = new lesson.HeadTally(layers, heads);
    tally.add(att, ids, noMarks);
    expect(tally.positions).toBe(t - lesson.FIRST_QUERY);
    const table = tally.table();
    expect(table.map((h) => h.pattern)).toEqual(['prev', 'start', 'spread']);
    expect(table[0]?.shares.prev).toBeCloseTo(0.7, 3);
    expect(table[0]?.tops.prev).toBe(1);
    expect(lesson.patternsFound(table)).toEqual(['prev', 'start', 'spread']);
    expect(() => tally.add(att.subarray(1), ids, noMarks)).toThrow(/attention weights/);
  });

  it('"the last few words" when no one place wins but the word and the two before get half', () => {
    const shares = { start: 0.05, self: 0.2, prev: 0.2, twoBack: 0.15, marks: 0.1, other: 0.3 };
    const tops = { start: 0.05, self: 0.3, prev: 0.3, twoBack: 0.2, marks: 0.05, other: 0.1 };
    expect(lesson.patternOf(shares, tops)).toBe('near');
    expect(lesson.patternOf({ ...shares, self: 0.1, prev: 0.1 }, tops)).toBe('spread');
  });
});

describe('switching heads and the challenge', () => {
  it('one head off at a time: switching another off switches the first back on', () => {
    const on = lesson.allOn(2, 2);
    expect(on).toEqual([1, 1, 1, 1]);
    const a = lesson.switchOne(on, 1);
    expect(lesson.offHeads(a)).toEqual([1]);
    expect(lesson.offHeads(lesson.switchOne(a, 3))).toEqual([3]);
    expect(lesson.switchOne(a, 1)).toEqual(on);
    expect(() => lesson.switchOne(on, 4)).toThrow();
    expect(lesson.offHeads(lesson.toggled(a, 2))).toEqual([1, 2]);
  });

  it('judges the challenge by the favourite the model gives with the mask', () => {
    const effects = [
      { layer: 0, head: 0, top: { id: 7 } },
      { layer: 0, head: 1, top: { id: 9 } },
      { layer: 1, head: 0, top: { id: 7 } },
      { layer: 1, head: 1, top: { id: 8 } },
    ];
    const ch = lesson.challengeFrom('x', 7, effects, 2);
    expect(ch.changing).toEqual([1, 3]);
    const on = lesson.allOn(2, 2);
    expect(lesson.judge(ch, on, 7)).toBe('allOn');
    expect(lesson.judge(ch, lesson.switchOne(on, 0), 7)).toBe('notYet');
    expect(lesson.judge(ch, lesson.switchOne(on, 1), 9)).toBe('found');
    // Two off is never "found": the head found must be the one.
    expect(lesson.judge(ch, lesson.toggled(lesson.switchOne(on, 1), 3), 9)).toBe('notYet');
  });

  it('the challenge beginning is the one with the fewest heads that change it', () => {
    const c = (text: string, n: number) => ({ text, heads: Array.from({ length: n }, (_, i) => i) });
    expect(lesson.hardestChallenge({ challenges: [c('a', 5), c('b', 2), c('c', 3)] })).toBe('b');
    expect(lesson.hardestChallenge({ challenges: [] })).toBeNull();
  });

  it('stars: the challenge wins the level; looking at three heads and the size comparison add one each', () => {
    const p = lesson.START;
    expect(lesson.won(p)).toBe(false);
    expect(lesson.starsFor({ ...p, looked: new Set([0, 1, 2]), sized: true })).toBe(0);
    expect(lesson.starsFor({ ...p, found: 3 })).toBe(1);
    expect(lesson.starsFor({ ...p, found: 3, looked: new Set([0, 1]) })).toBe(1);
    expect(lesson.starsFor({ ...p, found: 3, looked: new Set([0, 1, 2]) })).toBe(2);
    expect(lesson.starsFor({ ...p, found: 3, looked: new Set([0, 1, 2]), sized: true })).toBe(3);
  });
});

describe('how big', () => {
  it('GPT-2’s 12 blocks and GPT-3’s 96 blocks and 175 billion weights beside ours', () => {
    const s = lesson.sizes({ layers: 4, heads: 4, parameters: 1_823_840 });
    expect(s.map((m) => [m.key, m.blocks])).toEqual([
      ['ours', 4],
      ['gpt2', 12],
      ['gpt3', 96],
    ]);
    expect(s[2]?.weights).toBe(175e9);
    expect(lesson.timesBigger(1_823_840, 175e9)).toBe(96_000);
    expect(lesson.timesBigger(1_565_280, 175e9)).toBe(110_000);
    expect(lesson.timesBigger(0, 1)).toBe(0);
  });

  it('numbers are written with a real minus sign; beams to the last rows, the earlier ones added up', () => {
    expect(lesson.shownValue(-0.256)).toBe('−0.26');
    expect(lesson.shownValue(0.5)).toBe('0.50');
    const { rows, earlier } = lesson.beamRows(['a', 'b', 'c', 'd'], [0.1, 0.2, 0.3, 0.4], 2);
    expect(rows.map((r) => r.token)).toEqual(['c', 'd']);
    expect(earlier?.n).toBe(2);
    expect(earlier?.w).toBeCloseTo(0.3, 6);
    expect(lesson.beamRows(['a'], [1], 5).earlier).toBeNull();
  });
});

/** The shipped data, measured again on the shipped model (whatever model is in public/models now). */
for (const lang of ['en', 'zh'] as const) {
  describe(`the ${lang} data is what the shipped model does`, () => {
    const data = JSON.parse(readFileSync(`public/data/inside/${lang}.json`, 'utf8')) as InsideData;
    const card = JSON.parse(readFileSync(`public/models/${lang}/card.json`, 'utf8')) as {
      sha256: string;
      layers: number;
      heads: number;
      parameters: number;
    };
    let lm: LanguageModel | null = null;
    const model = async () => (lm ??= await loadShippedModel(lang));

    it('was measured on this very model file (run `npm run data:inside` after a new model)', () => {
      expect(data.modelSha256).toBe(card.sha256);
      expect([data.layers, data.heads, data.parameters]).toEqual([card.layers, card.heads, card.parameters]);
      expect(data.table).toHaveLength(card.layers * card.heads);
      expect(data.measured.positions).toBeGreaterThan(5000);
    });

    it('each head’s shares and pattern come out the same, measured again on the same validation stories', async () => {
      const m = await model();
      const { tally } = await measureHeads(m, lang, card.layers, card.heads);
      expect(tally.table()).toEqual(data.table);
      expect(tally.positions).toBe(data.measured.positions);
    }, 180_000);

    it('the challenges: switching off exactly their heads, one at a time, changes the favourite', async () => {
      const m = await model();
      expect(data.challenges.length).toBeGreaterThan(0);
      for (const text of data.beginnings) {
        const base = (await m.distribution(text, 1)).top[0]?.id as number;
        const effects = await m.headEffects(text);
        expect(effects).toHaveLength(card.layers * card.heads);
        const ch = lesson.challengeFrom(text, base, effects, card.heads);
        expect(ch.changing).toEqual(data.challenges.find((c) => c.text === text)?.heads ?? []);
        // headEffects agrees with a masked inside view.
        for (const h of ch.changing.slice(0, 2)) {
          const mask = lesson.switchOne(lesson.allOn(card.layers, card.heads), h);
          const view = await m.inside(text, 1, mask);
          expect(view.top[0]?.id).not.toBe(base);
          expect(lesson.judge(ch, mask, view.top[0]?.id as number)).toBe('found');
        }
      }
    }, 120_000);

    it('the inside view: every head’s last row sums to 1, the numbers are the model’s own', async () => {
      const m = await model();
      const text = data.beginnings[0] as string;
      const v = await m.inside(text, 5);
      const t = v.ids.length;
      expect(v.tokens).toHaveLength(t);
      expect(v.lastRow).toHaveLength(card.layers * card.heads * t);
      for (let lh = 0; lh < card.layers * card.heads; lh++) {
        const sum = v.lastRow.subarray(lh * t, lh * t + t).reduce((a, b) => a + b, 0);
        expect(sum).toBeCloseTo(1, 4);
      }
      // The same as the attention request's last rows, and the favourite the distribution's.
      const a = await m.attention(text);
      expect(Array.from(v.lastRow.subarray(0, t))).toEqual(
        Array.from(a.weights.subarray((t - 1) * t, t * t)),
      );
      expect(v.top[0]?.id).toBe((await m.distribution(text, 1)).top[0]?.id);
      expect(v.entering).toHaveLength(t * 8);
      expect(v.lastStates).toHaveLength((card.layers + 1) * 8);
      // Switching a head off changes the numbers after its block, not before it.
      const off = await m.inside(
        text,
        5,
        lesson.switchOne(lesson.allOn(card.layers, card.heads), card.heads),
      );
      expect(Array.from(off.lastStates.subarray(0, 16))).toEqual(Array.from(v.lastStates.subarray(0, 16)));
      expect(Array.from(off.lastStates.subarray(16, 24))).not.toEqual(
        Array.from(v.lastStates.subarray(16, 24)),
      );
    });
  });
}
