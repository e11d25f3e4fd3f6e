import { describe, expect, it } from 'vitest';
import {
  Trainer,
  argmax,
  combined,
  headFromJson,
  headToJson,
  lossAndGradient,
  newHead,
  predict,
  softmax,
  type Example,
} from '../../src/lessons/signHead';
import { mulberry32 } from '../../src/lessons/rng';

/** Three clusters of 8-number "features" (ReLU-like: some zeros), 6 examples each. */
function clusters(seed = 3, dims = 8, per = 6): Example[] {
  const rng = mulberry32(seed);
  const centres = [0, 1, 2].map(() => Array.from({ length: dims }, () => rng() * 3));
  return centres.flatMap((c, label) =>
    Array.from({ length: per }, () => ({
      features: Float32Array.from(c, (v) => Math.max(0, v + (rng() - 0.5))),
      label,
    })),
  );
}

describe('the new last layer', () => {
  it('softmax gives chances that add up to 1 and survives huge logits', () => {
    const p = softmax([1000, 1001, 999]);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(argmax(p)).toBe(1);
  });

  it('its gradient matches finite differences of the loss (every weight and bias)', () => {
    const ex = clusters();
    const head = newHead(3, ex, 11);
    // Move away from the near-zero start, so every part of the gradient matters.
    const rng = mulberry32(5);
    for (let i = 0; i < head.w.length; i++) head.w[i] = (rng() - 0.5) * 0.8;
    for (let i = 0; i < head.b.length; i++) head.b[i] = (rng() - 0.5) * 0.8;
    const { gw, gb } = lossAndGradient(head, ex);
    const eps = 1e-3;
    const numeric = (arr: Float32Array, i: number): number => {
      const keep = arr[i] as number;
      arr[i] = keep + eps;
      const up = lossAndGradient(head, ex).loss;
      arr[i] = keep - eps;
      const down = lossAndGradient(head, ex).loss;
      arr[i] = keep;
      return (up - down) / (2 * eps);
    };
    let worst = 0;
    for (let i = 0; i < head.w.length; i++)
      worst = Math.max(worst, Math.abs(numeric(head.w, i) - (gw[i] as number)));
    for (let i = 0; i < head.b.length; i++)
      worst = Math.max(worst, Math.abs(numeric(head.b, i) - (gb[i] as number)));
    // float32 weights: central differences good to about 1e-4 here.
    expect(worst).toBeLessThan(5e-4);
    expect(Math.max(...Array.from(gw, Math.abs))).toBeGreaterThan(1e-2);
  });

  it('gradient descent makes the loss fall and learns the examples; the same seed gives the same layer', () => {
    const ex = clusters();
    const a = new Trainer(3, ex, 7);
    const first = a.step(1)[0] as number;
    a.run();
    const last = a.losses[a.losses.length - 1] as number;
    expect(a.losses).toHaveLength(a.steps);
    expect(first).toBeGreaterThan(1.0); // about ln 3 at the start
    expect(last).toBeLessThan(0.1);
    expect(last).toBeLessThan(first / 10);
    for (const e of ex) expect(argmax(predict(a.head, e.features))).toBe(e.label);
    const b = new Trainer(3, ex, 7).run();
    expect(Array.from(b.w)).toEqual(Array.from(a.head.w));
    const c = new Trainer(3, ex, 8).run();
    expect(Array.from(c.w)).not.toEqual(Array.from(a.head.w));
  });

  it('runs in slices: ten slices of 15 steps are the same as 150 steps', () => {
    const ex = clusters();
    const whole = new Trainer(3, ex, 7).run();
    const sliced = new Trainer(3, ex, 7);
    for (let i = 0; i < 10; i++) sliced.step(15);
    expect(sliced.done).toBe(true);
    expect(Array.from(sliced.head.w)).toEqual(Array.from(whole.w));
  });

  it('"a digit" shares its chance among the network’s ten digits', () => {
    const ex = clusters();
    const head = new Trainer(3, ex, 7).run();
    const digits = Array.from({ length: 10 }, (_, i) => (i === 4 ? 0.91 : 0.01));
    const p = combined(head, ex[0]?.features ?? [], digits);
    expect(p).toHaveLength(12);
    expect(p.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 6);
    expect(argmax(p)).toBe(4);
    expect(argmax(combined(head, ex[17]?.features ?? [], digits))).toBe(11);
  });

  it('is kept as plain numbers and read back the same; a corrupt record is refused', () => {
    const head = new Trainer(3, clusters(), 7).run();
    const back = headFromJson(JSON.parse(JSON.stringify(headToJson(head))));
    expect(back && Array.from(back.w)).toEqual(Array.from(head.w));
    expect(headFromJson(null)).toBeNull();
    expect(headFromJson({ ...headToJson(head), w: [1, 2] })).toBeNull();
    expect(headFromJson({ ...headToJson(head), b: [NaN, 0, 0] })).toBeNull();
  });
});
