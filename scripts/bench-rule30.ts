// The rule-30 part of `npm run bench`, in Node's V8: working out an automaton and painting its
// picture into RGBA pixels (what the level does each frame, all frames together). The issue's
// figure: 1,000 steps × 2,001 cells, a cell a pixel; and the level's own 1,000-step picture
// (2,103 cells wide, the endless row's cells beyond it worked out too) shrunk 4 × 4 cells a pixel,
// as a 580-pixel-wide picture shows it.
import { Automaton, widthFor } from '../src/lessons/rule30';
import { paintCells, pictureSize } from '../scenes/cellPaint';

const RUNS = 9;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const ms = (x: number): number => Number(x.toFixed(2));

function measure(steps: number, width: number, k: number) {
  const rows = steps + 1;
  const { w, h } = pictureSize(width, rows, k);
  const out = new Uint32Array(w * h);
  const work: number[] = [];
  const paint: number[] = [];
  const total: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    const a = new Automaton(30, steps, width);
    a.advance(steps);
    const t1 = performance.now();
    paintCells(a.cells, width, rows, a.row, k, out, 0, rows);
    const t2 = performance.now();
    work.push(t1 - t0);
    paint.push(t2 - t1);
    total.push(t2 - t0);
  }
  return {
    steps,
    width,
    cellsPerPixel: k,
    pixels: `${w}×${h}`,
    runs: RUNS,
    workOutMs: ms(median(work)),
    paintMs: ms(median(paint)),
    totalMs: ms(median(total)),
    totalMsFirstRun: ms(total[0] as number),
  };
}

console.log(
  JSON.stringify({
    issue: measure(1000, 2001, 1),
    level: measure(1000, widthFor(1000), 4),
  }),
);
