/**
 * The maths of the semantic map, shared by the level and its build script
 * (scripts/semantic-map-data.ts): cosine similarity, nearest neighbours, and the neighbour figure
 * that says how honest a flat map is (how many of a word's 10 nearest neighbours in the real space
 * are among its 10 nearest on the map). Pure functions over plain arrays.
 */

export type Vector = ArrayLike<number>;

/** How alike two vectors point: 1 the same way, 0 at right angles, −1 opposite. A zero vector is alike to nothing (0). */
export function cosine(a: Vector, b: Vector): number {
  if (a.length !== b.length) throw new Error(`cosine: lengths ${a.length} and ${b.length} differ`);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

export interface Neighbour {
  readonly index: number;
  readonly sim: number;
}

/**
 * The `k` vectors most alike to vector `i` by cosine, most alike first (ties: the lower index first);
 * `i` itself and the indices in `skip` are left out.
 */
export function nearest(
  vectors: readonly Vector[],
  i: number,
  k: number,
  skip: ReadonlySet<number> = new Set(),
): Neighbour[] {
  const self = vectors[i];
  if (!self) throw new Error(`nearest: no vector ${i}`);
  const all: Neighbour[] = [];
  vectors.forEach((v, j) => {
    if (j !== i && !skip.has(j)) all.push({ index: j, sim: cosine(self, v) });
  });
  all.sort((a, b) => b.sim - a.sim || a.index - b.index);
  return all.slice(0, k);
}

/** The `k` points nearest to point `i` on the map (straight-line distance), nearest first; ties: the lower index first. */
export function nearestOnMap(points: readonly (readonly [number, number])[], i: number, k: number): number[] {
  const p = points[i];
  if (!p) throw new Error(`nearestOnMap: no point ${i}`);
  return points
    .map((q, j) => ({ j, d: (q[0] - p[0]) ** 2 + (q[1] - p[1]) ** 2 }))
    .filter((e) => e.j !== i)
    .sort((a, b) => a.d - b.d || a.j - b.j)
    .slice(0, k)
    .map((e) => e.j);
}

/**
 * The neighbour figure of a map: for each word, the share of its `k` nearest neighbours in the real
 * space (cosine) that are also among its `k` nearest on the map; the mean over all words. 1 is a
 * perfectly honest map; a map of random points gets about k / (n − 1).
 */
export function neighbourKept(
  vectors: readonly Vector[],
  points: readonly (readonly [number, number])[],
  k = 10,
): number {
  if (vectors.length !== points.length) throw new Error('neighbourKept: as many points as vectors');
  if (vectors.length <= k) throw new Error(`neighbourKept: needs more than ${k} words`);
  let sum = 0;
  for (let i = 0; i < vectors.length; i++) {
    const real = new Set(nearest(vectors, i, k).map((n) => n.index));
    const flat = nearestOnMap(points, i, k);
    sum += flat.filter((j) => real.has(j)).length / k;
  }
  return sum / vectors.length;
}

/**
 * How much two spaces agree on the same words: for each word, the share of its `k` nearest
 * neighbours in space A that are among its `k` nearest in space B; the mean.
 */
export function neighbourAgreement(a: readonly Vector[], b: readonly Vector[], k = 10): number {
  if (a.length !== b.length) throw new Error('neighbourAgreement: the same words in both');
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const inB = new Set(nearest(b, i, k).map((n) => n.index));
    sum += nearest(a, i, k).filter((n) => inB.has(n.index)).length / k;
  }
  return sum / a.length;
}
