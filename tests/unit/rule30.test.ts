import { describe, expect, it } from 'vitest';
import * as lesson from '../../src/lessons/rule30';
import { Automaton, binary, centreColumn, flip, PATTERNS, run, widthFor } from '../../src/lessons/rule30';
import { CELL_COLOURS, cellsPerPixel, paintCells, pictureSize } from '../../scenes/cellPaint';

/** The rows of a run as text, '#' black, cropped to `half` cells each side of the middle. */
function rows(rule: number, steps: number, half: number): string[] {
  const a = run(rule, steps);
  return Array.from({ length: steps + 1 }, (_, t) =>
    Array.from({ length: 2 * half + 1 }, (_, i) => (a.cell(t, i - half) ? '#' : '.')).join(''),
  );
}

/**
 * An independent reference: the automaton on a very wide array whose ends are held white,
 * stepped by the rule's table written out pattern by pattern. Wide enough that the held ends
 * cannot reach the middle `width` cells in `steps` steps.
 */
function reference(rule: number, steps: number, width: number): number[][] {
  const pad = 2 * steps + 2;
  const n = width + 2 * pad;
  let row = new Array<number>(n).fill(0);
  row[(n - 1) / 2] = 1;
  const out = [row.slice(pad, pad + width)];
  for (let t = 1; t <= steps; t++) {
    const next = new Array<number>(n).fill(0);
    for (let i = 1; i < n - 1; i++) {
      const pattern = 4 * (row[i - 1] as number) + 2 * (row[i] as number) + (row[i + 1] as number);
      next[i] = Math.floor(rule / 2 ** pattern) % 2;
    }
    row = next;
    out.push(row.slice(pad, pad + width));
  }
  return out;
}

function binomial(n: number, k: number): bigint {
  let c = 1n;
  for (let i = 1; i <= k; i++) c = (c * BigInt(n - k + i)) / BigInt(i);
  return c;
}

describe('elementary cellular automata', () => {
  it("draws rule 30's first rows as the book shows them, from one black cell", () => {
    expect(rows(30, 7, 8)).toEqual([
      '........#........',
      '.......###.......',
      '......##..#......',
      '.....##.####.....',
      '....##..#...#....',
      '...##.####.###...',
      '..##..#....#..#..',
      '.##.####..######.',
    ]);
  });

  it('names rules as the book does: the 8 answers for 111 … 000 read as a binary number', () => {
    expect(binary(30)).toBe('00011110');
    expect(binary(90)).toBe('01011010');
    expect(binary(110)).toBe('01101110');
    expect(PATTERNS.map((p) => lesson.cellsOf(p).join(''))).toEqual([
      '111',
      '110',
      '101',
      '100',
      '011',
      '010',
      '001',
      '000',
    ]);
    // Tapping the icons makes any rule 0–255: from rule 0, the icons of 30's black answers.
    let rule = 0;
    for (const p of PATTERNS) if (lesson.ruleBit(30, p)) rule = flip(rule, p);
    expect(rule).toBe(30);
    const all = new Set<number>();
    for (let r = 0; r < 256; r++) {
      for (const p of PATTERNS) expect(flip(flip(r, p), p)).toBe(r);
      all.add(parseInt(binary(r), 2));
    }
    expect(all.size).toBe(256);
    expect(() => flip(256, 0)).toThrow();
    expect(() => new Automaton(-1, 3)).toThrow();
    expect(() => new Automaton(30, 3, 10)).toThrow();
  });

  it('rule 30 is "left XOR (middle OR right)" at every cell of 200 steps', () => {
    const a = run(30, 200);
    for (let t = 1; t <= 200; t++)
      for (let x = -(a.width - 1) / 2; x <= (a.width - 1) / 2; x++)
        expect(a.cell(t, x)).toBe(a.cell(t - 1, x - 1) ^ (a.cell(t - 1, x) | a.cell(t - 1, x + 1)));
  });

  it("rule 30's middle column starts 1101110011000101100100111010111 (OEIS A051023)", () => {
    expect(centreColumn(30, 30).join('')).toBe('1101110011000101100100111010111');
    // The same column, however wide the picture.
    const wide = run(30, 300);
    expect(Array.from({ length: 301 }, (_, t) => wide.centre(t))).toEqual(centreColumn(30, 300));
  });

  it("rule 90 is Pascal's triangle mod 2", () => {
    const steps = 64;
    const a = run(90, steps);
    for (let t = 0; t <= steps; t++)
      for (let x = -(a.width - 1) / 2; x <= (a.width - 1) / 2; x++) {
        const k = (t + x) / 2;
        const pascal = Number.isInteger(k) && k >= 0 && k <= t ? Number(binomial(t, k) % 2n) : 0;
        expect(a.cell(t, x), `step ${t}, cell ${x}`).toBe(pascal);
      }
  });

  it("rule 90's shortcut holds: its middle cell is white at every step after the first (1,000 steps)", () => {
    const column = centreColumn(90, 1000);
    expect(column.map((_, t) => lesson.rule90Centre(t))).toEqual(column);
  });

  it('rule 30 has no repeating middle column to take a shortcut with (no period up to 300 in 1,000 steps)', () => {
    const c = centreColumn(30, 1000);
    for (let p = 1; p <= 300; p++) {
      let repeats = true;
      for (let t = 100; t + p <= 1000 && repeats; t++) repeats = c[t] === c[t + p];
      expect(repeats, `period ${p}`).toBe(false);
    }
    const black = c.filter((x) => x === 1).length;
    expect(black / c.length).toBeGreaterThan(0.4);
    expect(black / c.length).toBeLessThan(0.6);
  });

  it('shows the endless row for every rule 0–255: no wrap-around and no edge effects, even where white ground turns black', () => {
    const steps = 24;
    const width = widthFor(steps);
    for (let rule = 0; rule < 256; rule++) {
      const a = run(rule, steps);
      const ref = reference(rule, steps, width);
      for (let t = 0; t <= steps; t++)
        expect(Array.from(a.cells.subarray(t * width, (t + 1) * width)), `rule ${rule}, step ${t}`).toEqual(
          ref[t],
        );
    }
    // Rule 1 turns the white ground black in one step and back: everywhere, the edges too.
    const one = run(1, 2, 9);
    expect([one.text(0), one.text(1), one.text(2)]).toEqual(['....#....', '###...###', '....#....']);
  });

  it('is wider than the pattern can reach (2·steps + 1), so the picture has white on both sides', () => {
    for (const steps of [10, 20, 100, 1000]) {
      const w = widthFor(steps);
      expect(w).toBeGreaterThan(2 * steps + 1);
      expect(w % 2).toBe(1);
    }
    const a = run(30, 1000);
    expect(a.width).toBe(widthFor(1000));
    for (let t = 0; t <= 1000; t++) {
      expect(a.cells[t * a.width]).toBe(0);
      expect(a.cells[(t + 1) * a.width - 1]).toBe(0);
    }
    // Rule 30 reaches a new cell on each side at every step: the last row spans 2·1000 + 1 cells.
    expect(a.cell(1000, -1000)).toBe(1);
    expect(a.cell(1000, -1001)).toBe(0);
  });

  it('works out a picture row by row, and gives what a whole run gives', () => {
    const a = new Automaton(110, 50);
    expect(a.row).toBe(0);
    expect(() => a.cell(1, 0)).toThrow();
    expect(a.advance(7)).toBe(7);
    expect(a.runTo(20)).toBe(20);
    expect(a.advance(1000)).toBe(50);
    expect(a.done).toBe(true);
    expect(Array.from(a.cells)).toEqual(Array.from(run(110, 50).cells));
  });
});

describe('the level as a state machine', () => {
  const playTo = (
    seed: number,
    pick: (p: lesson.Prediction) => lesson.Cell,
    why: lesson.WhyOption[],
  ): lesson.Rule30State => {
    let s = lesson.toPuzzle(lesson.begin(lesson.start(seed)));
    for (let i = 0; i < 4; i++) {
      const p = lesson.currentPrediction(s) as lesson.Prediction;
      expect(lesson.runIt(s)).toBe(s); // nothing to run before a guess
      s = lesson.runIt(lesson.guess(s, pick(p)));
      s = lesson.next(s);
    }
    for (const o of why) s = lesson.pickWhy(s, o);
    return s;
  };

  it('asks rule 90 at steps 20 and 100, then rule 30 near and far with one black and one white answer', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const s = lesson.start(seed);
      const qs = s.predictions;
      expect(qs.map((q) => [q.rule, q.step]).slice(0, 2)).toEqual([
        [90, 20],
        [90, 100],
      ]);
      const [near, far] = [qs[2] as lesson.Prediction, qs[3] as lesson.Prediction];
      expect(near.rule).toBe(30);
      expect(near.step).toBeGreaterThanOrEqual(20);
      expect(near.step).toBeLessThanOrEqual(30);
      expect(far.step).toBeGreaterThanOrEqual(90);
      expect(far.step).toBeLessThanOrEqual(110);
      expect(near.answer).not.toBe(far.answer);
      // Every answer is the real middle cell, worked out step by step.
      for (const q of qs) expect(q.answer).toBe(run(q.rule, q.step).centre(q.step));
      expect(qs.map((q) => q.shown)).toEqual([10, 20, 10, 20]);
      for (const q of qs) expect(q.shown).toBeLessThan(q.step);
    }
    const steps = new Set(Array.from({ length: 40 }, (_, i) => lesson.start(i + 1).predictions[3]?.step));
    expect(steps.size).toBeGreaterThan(3);
  });

  it('explores any rule by the icons and presets, and only while exploring', () => {
    let s = lesson.start(1);
    expect(lesson.tapIcon(s, 4)).toBe(s); // not before the level begins
    s = lesson.begin(s);
    expect(s).toMatchObject({ phase: 'explore', rule: 30, steps: 20 });
    s = lesson.tapIcon(s, 7);
    expect(s.rule).toBe(30 + 128);
    s = lesson.preset(s, 110);
    expect(s.rule).toBe(110);
    expect(lesson.preset(s, 31)).toBe(s);
    s = lesson.setSteps(s, 1000);
    expect(s.steps).toBe(1000);
    expect(lesson.setSteps(s, 999)).toBe(s);
    expect(s.tried).toEqual([30, 158, 110]);
    s = lesson.toPuzzle(s);
    expect(s.phase).toBe('predict');
    expect(lesson.preset(s, 90)).toBe(s);
  });

  it('a guess may change until the run; after the run it is kept and compared', () => {
    let s = lesson.toPuzzle(lesson.begin(lesson.start(2)));
    s = lesson.guess(s, 1);
    s = lesson.guess(s, 0);
    expect(lesson.currentPrediction(s)?.pick).toBe(0);
    expect(lesson.next(s)).toBe(s); // not run yet
    s = lesson.runIt(s);
    expect(lesson.guess(s, 1)).toBe(s);
    expect(lesson.right(lesson.currentPrediction(s) as lesson.Prediction)).toBe(true);
    s = lesson.next(s);
    expect(s.current).toBe(1);
  });

  it('stars: ★ finish, ★★ both rule 90 guesses right, ★★★ and the last question right first time; rule 30 guesses are luck', () => {
    const shortcut = (p: lesson.Prediction): lesson.Cell => (p.rule === 90 ? lesson.rule90Centre(p.step) : 1);
    const wrongNinety = (p: lesson.Prediction): lesson.Cell => (p.rule === 90 ? 1 : 0);
    let s = playTo(3, shortcut, ['everyStep']);
    expect(s.phase).toBe('done');
    expect(lesson.stars(s)).toBe(3);
    // Rule 30's guesses do not count: all right or all wrong, the same stars.
    const always = (c: lesson.Cell) => (p: lesson.Prediction) => (p.rule === 90 ? shortcut(p) : c);
    expect(lesson.stars(playTo(3, always(0), ['everyStep']))).toBe(3);
    expect(lesson.stars(playTo(3, (p) => (p.rule === 90 ? 0 : p.answer), ['everyStep']))).toBe(3);
    s = playTo(3, shortcut, ['pattern', 'everyStep']);
    expect(s.why.tries).toEqual(['pattern', 'everyStep']);
    expect(lesson.stars(s)).toBe(2);
    expect(lesson.stars(playTo(3, wrongNinety, ['everyStep']))).toBe(2);
    expect(lesson.stars(playTo(3, wrongNinety, ['firstRows', 'pattern', 'everyStep']))).toBe(1);
    // Not finished: no stars.
    s = playTo(3, shortcut, ['pattern']);
    expect(s.phase).toBe('why');
    expect(lesson.stars(s)).toBe(0);
  });

  it('shuffles the last question by the seed, with the answer among its tiles', () => {
    const orders = new Set(Array.from({ length: 12 }, (_, i) => lesson.start(i + 1).why.options.join()));
    expect(orders.size).toBeGreaterThan(1);
    for (const order of orders) expect(order.split(',').sort()).toEqual([...lesson.WHY_OPTIONS].sort());
  });
});

describe('painting the cells', () => {
  const px = (rgb: number) =>
    (0xff000000 | ((rgb & 0xff) << 16) | (rgb & 0xff00) | ((rgb >> 16) & 0xff)) >>> 0;

  it('paints a cell a pixel, black in ink and white, and rows not worked out yet as a hatch', () => {
    const a = new Automaton(30, 3, 9);
    a.advance(1);
    const { w, h } = pictureSize(a.width, 4, 1);
    const out = new Uint32Array(w * h);
    expect(paintCells(a.cells, a.width, 4, a.row, 1, out, 0, 4)).toEqual({ top: 0, bottom: 4 });
    const row = (y: number) => Array.from(out.subarray(y * w, (y + 1) * w));
    const ink = px(CELL_COLOURS.black);
    const white = px(CELL_COLOURS.white);
    expect(row(0)).toEqual('....#....'.split('').map((c) => (c === '#' ? ink : white)));
    expect(row(1)).toEqual('...###...'.split('').map((c) => (c === '#' ? ink : white)));
    for (const y of [2, 3])
      for (const v of row(y)) expect([px(CELL_COLOURS.hatch), px(CELL_COLOURS.unknown)]).toContain(v);
  });

  it('shrinks a big picture to k × k cells a pixel, grey by its share of black', () => {
    expect(cellsPerPixel(2103, 1001, 580, 290)).toBe(4);
    expect(cellsPerPixel(45, 21, 540, 252)).toBe(1);
    const a = run(0, 1, 3); // rule 0: one black cell at the top, then all white
    const out = new Uint32Array(4);
    paintCells(a.cells, 3, 2, 1, 2, out, 0, 2);
    // Pixel (0,0) covers cells (0,0), (0,1), (1,0), (1,1): one of four black.
    expect(out[0]).not.toBe(px(CELL_COLOURS.white));
    expect(out[0]).not.toBe(px(CELL_COLOURS.black));
    expect(out[1]).toBe(px(CELL_COLOURS.white));
  });
});
