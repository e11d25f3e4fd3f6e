// The counting part of `npm run bench`: letter dice counts the player's own text (100,000 characters
// of mixed English, Chinese and emoji) slice by slice (src/lessons/letterDice.ts, countInSlices);
// the total time and the longest slice (the longest the thread is held between pauses), in Node's V8.
import { countInSlices } from '../src/lessons/letterDice';

const RUNS = 7;
const text = [
  ...'Once upon a time a little fox ran to the river. 从前有一只小狐狸，它跑到河边。🦊 '.repeat(2000),
]
  .slice(0, 100_000)
  .join('');
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const totals: number[] = [];
const worst: number[] = [];
for (let r = 0; r < RUNS; r++) {
  let longest = 0;
  let last = performance.now();
  const start = last;
  await countInSlices(text, {
    pause: () =>
      new Promise<void>((resolve) => {
        longest = Math.max(longest, performance.now() - last);
        setImmediate(() => {
          last = performance.now();
          resolve();
        });
      }),
  });
  longest = Math.max(longest, performance.now() - last);
  totals.push(performance.now() - start);
  worst.push(longest);
}
console.log(
  JSON.stringify({
    characters: [...text].length,
    runs: RUNS,
    totalMs: Number(median(totals).toFixed(1)),
    longestSliceMs: Number(median(worst).toFixed(1)),
    longestSliceMsFirstRun: Number((worst[0] as number).toFixed(1)),
  }),
);
