// `npm run data:semantic-map`: the semantic map's data → public/data/semantic-map/.
//
//   glove.json     the words of data/semantic-map/words.tsv (English, the project's Chinese label, group),
//                  their GloVe 50-D vectors as the int8 steps they were shipped in (× 0.03; cosine does
//                  not care about the scale), and their 2-D place on the map;
//   model-en.json  the same for our own tiny models: those words that are one token of the model,
//   model-zh.json  their place on a map of the model's token embeddings (the model's own
//                  `tok.weight`, read out of public/models/<lang>/model.onnx by training/embeddings.py) and
//                  their five nearest tokens with the similarity. No vector of the model is shipped
//                  twice: only the 2-D places and the neighbours.
//
// The 2-D layout is chosen by measurement: for each word, how many of its 10 nearest neighbours in
// the real space are among its 10 nearest on the map (the mean, `neighbourKept`). PCA and UMAP
// (umap-js, exact cosine neighbours, several settings, seeded) are measured; the best is shipped,
// and every figure is printed and stored in the file. Deterministic: the same inputs, the same bytes.
// After retraining a model (`npm run train`), run this again to redraw "our model's map".
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { UMAP } from 'umap-js';
import {
  cosine,
  nearest,
  neighbourAgreement,
  neighbourKept,
  type Vector,
} from '../src/lessons/semanticMapMaths';
import { mulberry32 } from '../src/lessons/rng';
import { parseWordList } from '../src/lessons/semanticMapWords';

const OUT = 'public/data/semantic-map';
const K = 10;
/** How far apart the best UMAP map is pushed its words, tried in turn (the map is 1 × 1). */
const SPREADS = [0.01, 0.015, 0.02, 0.025, 0.03];
const GLOVE = 'data/embeddings/glove6b50d_subset_1851w.json';

type Point = [number, number];

interface Glove {
  readonly quantStep: number;
  readonly words: readonly string[];
  readonly vectors: readonly (readonly number[])[];
}

const brotli = (text: string): number =>
  brotliCompressSync(Buffer.from(text), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

function unit(v: Vector): number[] {
  const n = Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0)) || 1;
  return Array.from(v, (x) => x / n);
}

/** The first two principal components of the unit vectors (power iteration, a fixed start). */
function pca(vectors: readonly Vector[]): Point[] {
  const rows = vectors.map(unit);
  const d = rows[0]?.length ?? 0;
  const mean = new Array<number>(d).fill(0);
  for (const r of rows) r.forEach((x, i) => (mean[i] = (mean[i] as number) + x / rows.length));
  const c = rows.map((r) => r.map((x, i) => x - (mean[i] as number)));
  const comps: number[][] = [];
  for (let k = 0; k < 2; k++) {
    let v = Array.from({ length: d }, (_, i) => Math.sin(i + 1 + k));
    for (let it = 0; it < 500; it++) {
      const w = new Array<number>(d).fill(0);
      for (const r of c) {
        const p = r.reduce((s, x, i) => s + x * (v[i] as number), 0);
        r.forEach((x, i) => (w[i] = (w[i] as number) + p * x));
      }
      for (const u of comps) {
        const p = w.reduce((s, x, i) => s + x * (u[i] as number), 0);
        u.forEach((x, i) => (w[i] = (w[i] as number) - p * x));
      }
      v = unit(w);
    }
    comps.push(v);
  }
  return c.map((r) => comps.map((u) => r.reduce((s, x, i) => s + x * (u[i] as number), 0)) as Point);
}

/** UMAP with the exact cosine neighbours, seeded. */
function umap(vectors: readonly Vector[], o: { nNeighbors: number; minDist: number; seed: number }): Point[] {
  const rows = vectors.map((v) => Array.from(v));
  const knn = rows.map((_, i) => [{ index: i, sim: 1 }, ...nearest(rows, i, o.nNeighbors - 1)]);
  const u = new UMAP({
    nComponents: 2,
    nNeighbors: o.nNeighbors,
    minDist: o.minDist,
    random: mulberry32(o.seed),
    distanceFn: (a, b) => 1 - cosine(a, b),
  });
  u.setPrecomputedKNN(
    knn.map((r) => r.map((n) => n.index)),
    knn.map((r) => r.map((n) => Math.max(0, 1 - n.sim))),
  );
  return u.fit(rows).map((p) => [p[0] as number, p[1] as number]);
}

/** The points scaled into [0, 1] × [0, 1] (the same scale on both axes), rounded to 4 places. */
function normalise(points: readonly Point[]): Point[] {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const x0 = Math.min(...xs);
  const y0 = Math.min(...ys);
  const span = Math.max(Math.max(...xs) - x0, Math.max(...ys) - y0) || 1;
  const w = (Math.max(...xs) - x0) / span;
  const h = (Math.max(...ys) - y0) / span;
  const r = (x: number) => Math.round(x * 1e4) / 1e4;
  return points.map((p) => [r((p[0] - x0) / span + (1 - w) / 2), r((p[1] - y0) / span + (1 - h) / 2)]);
}

/**
 * Pushes apart points closer than `minD` (in the [0, 1] map), a little at a time, so that every
 * word's label can be read once zoomed in: UMAP packs a group of words into one dense spot.
 * Deterministic; the neighbour figure is measured again afterwards.
 */
function spreadOut(points: readonly Point[], minD: number, rounds = 300): Point[] {
  const p = points.map((q) => [q[0], q[1]] as Point);
  for (let r = 0; r < rounds; r++) {
    let moved = false;
    for (let i = 0; i < p.length; i++)
      for (let j = i + 1; j < p.length; j++) {
        const a = p[i] as Point;
        const b = p[j] as Point;
        let dx = b[0] - a[0];
        let dy = b[1] - a[1];
        let d = Math.hypot(dx, dy);
        if (d >= minD) continue;
        if (d < 1e-9) {
          const ang = (i * 7 + j * 13) % 360;
          dx = Math.cos(ang);
          dy = Math.sin(ang);
          d = 1;
        }
        const push = ((minD - Math.min(d, minD)) / 2) * 0.5;
        a[0] -= (dx / d) * push;
        a[1] -= (dy / d) * push;
        b[0] += (dx / d) * push;
        b[1] += (dy / d) * push;
        moved = true;
      }
    if (!moved) break;
  }
  return p;
}

/** The median distance from a word to its nearest neighbour on the map. */
function spacing(points: readonly Point[]): number {
  const nn = points.map((a, i) =>
    Math.min(...points.map((b, j) => (i === j ? Infinity : Math.hypot(a[0] - b[0], a[1] - b[1])))),
  );
  nn.sort((x, y) => x - y);
  return nn[nn.length >> 1] ?? 0;
}

interface Tried {
  readonly method: string;
  readonly kept: number;
  readonly points: Point[];
  /** The median distance from a word to its nearest neighbour on the map. */
  readonly spread: number;
}

/**
 * Every layout tried with its neighbour figure; the shipped one first: the best UMAP map, spread
 * out as far as its figure stays within 0.04 of the unspread one (else the best of all).
 */
function layouts(vectors: readonly Vector[], label: string): Tried[] {
  const tried: Tried[] = [];
  const add = (method: string, points: Point[]) => {
    const p = normalise(points);
    const kept = neighbourKept(vectors, p, K);
    const spread = spacing(p);
    tried.push({ method, kept, points: p, spread });
    console.info(
      `  ${label}: ${method.padEnd(56)} ${K}-NN kept ${kept.toFixed(3)}; median gap to the nearest word ${spread.toFixed(4)}`,
    );
  };
  add('PCA', pca(vectors));
  for (const nNeighbors of [8, 12, 15, 25])
    for (const minDist of [0.1, 0.5])
      for (const seed of [1, 2])
        add(
          `UMAP nNeighbors ${nNeighbors} minDist ${minDist} seed ${seed}`,
          umap(vectors, { nNeighbors, minDist, seed }),
        );
  const random = mulberry32(7);
  add(
    'random points (for comparison)',
    vectors.map(() => [random(), random()] as Point),
  );
  // The best UMAP map, spread out by more and more so its labels can be read when zoomed in.
  const top = tried.filter((t) => t.method.startsWith('UMAP')).sort((a, b) => b.kept - a.kept)[0] as Tried;
  for (const minD of SPREADS) add(`${top.method}, spread to ${minD}`, spreadOut(top.points, minD));
  const real = tried.filter((t) => !t.method.startsWith('random'));
  const spread = real.filter((t) => t.method.includes('spread'));
  const rest = real.filter((t) => !spread.includes(t)).sort((a, b) => b.kept - a.kept);
  const readable = spread.filter((t) => t.kept >= top.kept - 0.04);
  const best = (readable[readable.length - 1] ?? rest[0]) as Tried;
  return [best, ...[...spread, ...rest].filter((t) => t !== best)];
}

/**
 * The model's token embeddings, read out of its model.onnx (training/embeddings.py: float32
 * little-endian [vocab, d]), so no second copy of the weights is shipped or kept.
 */
function modelEmbeddings(lang: 'en' | 'zh', rows: number): Float32Array[] {
  const buf = execFileSync('/usr/bin/python3', ['training/embeddings.py', lang], { maxBuffer: 1 << 28 });
  const all = new Float32Array(buf.buffer, buf.byteOffset, buf.length / 4);
  const d = all.length / rows;
  if (!Number.isInteger(d)) throw new Error(`${lang}: ${all.length} numbers do not make ${rows} rows`);
  return Array.from({ length: rows }, (_, r) => all.slice(r * d, (r + 1) * d));
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

mkdirSync(OUT, { recursive: true });
const glove = JSON.parse(readFileSync(GLOVE, 'utf8')) as Glove;
const list = parseWordList(readFileSync('data/semantic-map/words.tsv', 'utf8'));
const where = new Map(glove.words.map((w, i) => [w, i]));
const steps = list.map((w) => {
  const i = where.get(w.en);
  if (i === undefined) throw new Error(`${w.en}: not in ${GLOVE}`);
  return (glove.vectors[i] as number[]).map((x) => Math.round(x / glove.quantStep));
});
console.info(
  `GloVe 50-D, ${list.length} words (random points would keep about ${(K / (list.length - 1)).toFixed(3)}):`,
);
const gloveTried = layouts(steps, 'GloVe');
const best = gloveTried[0] as Tried;
const figures = (t: Tried[]) =>
  t.map((x) => ({ method: x.method, kept: round3(x.kept), spread: Math.round(x.spread * 1e4) / 1e4 }));
const gloveData = {
  source:
    'GloVe 6B 50d (Pennington, Socher & Manning 2014; PDDL 1.0), int8 steps of 0.03 as in data/embeddings (see data/PROVENANCE.md); labels and groups: data/semantic-map/words.tsv',
  k: K,
  method: best.method,
  kept: round3(best.kept),
  tried: figures(gloveTried),
  en: list.map((w) => w.en),
  zh: list.map((w) => w.zh),
  group: list.map((w) => w.group),
  xy: best.points.flat(),
  v: steps,
};
const gloveJson = JSON.stringify(gloveData);
writeFileSync(`${OUT}/glove.json`, `${gloveJson}\n`);
console.info(
  `→ ${best.method}: ${best.kept.toFixed(3)}; glove.json ${gloveJson.length} characters, ${brotli(gloveJson)} bytes brotli`,
);

for (const lang of ['en', 'zh'] as const) {
  const vocab = (JSON.parse(readFileSync(`public/models/${lang}/vocab.json`, 'utf8')) as { tokens: string[] })
    .tokens;
  const emb = modelEmbeddings(lang, vocab.length);
  const id = new Map(vocab.map((t, i) => [t, i]));
  // The map's words that are one token of this model (by the label in the model's language).
  const chosen = list.flatMap((w, i) => {
    const token = lang === 'en' ? w.en : w.zh;
    const t = id.get(token);
    return t === undefined ? [] : [{ word: i, token, t }];
  });
  const vectors = chosen.map((c) => emb[c.t] as Float32Array);
  console.info(
    `our ${lang} model (${vocab.length} tokens × ${vectors[0]?.length} numbers): ${chosen.length} of the map's words are one token`,
  );
  const tried = layouts(vectors, `model ${lang}`);
  const top = tried[0] as Tried;
  // The same words in GloVe: do the two models agree on who is whose neighbour?
  const agree = neighbourAgreement(
    vectors,
    chosen.map((c) => steps[c.word] as number[]),
    K,
  );
  console.info(
    `  → ${top.method}: ${top.kept.toFixed(3)}; tiny model and GloVe agree on ${(100 * agree).toFixed(1)} % of the ${K} nearest`,
  );
  const data = {
    source: `our ${lang} model's token embeddings (read from public/models/${lang}/model.onnx, card.json: ${JSON.stringify(
      (JSON.parse(readFileSync(`public/models/${lang}/card.json`, 'utf8')) as { sha256?: string }).sha256 ??
        '',
    )})`,
    k: K,
    method: top.method,
    kept: round3(top.kept),
    tried: figures(tried),
    agreeWithGlove: round3(agree),
    tokens: chosen.map((c) => c.token),
    word: chosen.map((c) => c.word),
    xy: top.points.flat(),
    near: chosen.map((_, i) => nearest(vectors, i, 5).flatMap((n) => [n.index, round3(n.sim)])),
  };
  const json = JSON.stringify(data);
  writeFileSync(`${OUT}/model-${lang}.json`, `${json}\n`);
  console.info(`  model-${lang}.json ${json.length} characters, ${brotli(json)} bytes brotli`);
}
