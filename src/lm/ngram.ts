/**
 * The baseline every model here is compared with: an interpolated Kneser–Ney bigram
 * (Chen & Goodman 1998), fitted on the same token ids the model trains on.
 *
 *   P(w | v) = max(c(v,w) − D, 0) / c(v) + D · N1+(v •) / c(v) · Pcont(w)
 *   Pcont(w) = N1+(• w) / N1+(• •), mixed with a uniform floor so unseen tokens get a little.
 */
export class KneserNeyBigram {
  private readonly pair = new Map<number, Map<number, number>>();
  private readonly history = new Map<number, number>();
  private readonly continuation = new Map<number, number>();
  private bigramTypes = 0;
  readonly discount: number;

  constructor(
    readonly vocabSize: number,
    ids: ArrayLike<number>,
    /** Token ids after which the sequence restarts (e.g. `<eos>`): no pair crosses them. */
    boundary: ReadonlySet<number> = new Set(),
  ) {
    for (let i = 1; i < ids.length; i++) {
      const v = ids[i - 1] as number;
      const w = ids[i] as number;
      if (boundary.has(v)) continue;
      let row = this.pair.get(v);
      if (!row) this.pair.set(v, (row = new Map()));
      const c = row.get(w) ?? 0;
      if (c === 0) {
        this.continuation.set(w, (this.continuation.get(w) ?? 0) + 1);
        this.bigramTypes++;
      }
      row.set(w, c + 1);
      this.history.set(v, (this.history.get(v) ?? 0) + 1);
    }
    // D = n1 / (n1 + 2 n2), the usual estimate from count-of-counts.
    let n1 = 0;
    let n2 = 0;
    for (const row of this.pair.values())
      for (const c of row.values()) {
        if (c === 1) n1++;
        else if (c === 2) n2++;
      }
    this.discount = n1 + 2 * n2 > 0 ? Math.min(0.95, Math.max(0.05, n1 / (n1 + 2 * n2))) : 0.75;
  }

  /** Pcont with a small uniform share, so every token has a probability. */
  private pcont(w: number): number {
    const cont = this.bigramTypes > 0 ? (this.continuation.get(w) ?? 0) / this.bigramTypes : 0;
    return 0.99 * cont + 0.01 / this.vocabSize;
  }

  prob(v: number, w: number): number {
    const cv = this.history.get(v) ?? 0;
    if (cv === 0) return this.pcont(w);
    const row = this.pair.get(v) as Map<number, number>;
    const d = this.discount;
    return Math.max((row.get(w) ?? 0) - d, 0) / cv + ((d * row.size) / cv) * this.pcont(w);
  }

  /** Perplexity on `ids`, every token after the first scored given the one before. */
  perplexity(
    ids: ArrayLike<number>,
    boundary: ReadonlySet<number> = new Set(),
    skip: ReadonlySet<number> = new Set(),
  ): number {
    let nll = 0;
    let n = 0;
    for (let i = 1; i < ids.length; i++) {
      const v = ids[i - 1] as number;
      const w = ids[i] as number;
      if (boundary.has(v) || skip.has(w)) continue;
      nll -= Math.log(this.prob(v, w));
      n++;
    }
    return Math.exp(nll / Math.max(n, 1));
  }
}

/** The three discounts of modified Kneser–Ney for one order (Chen & Goodman 1998, eq. 26). */
export interface Discounts {
  readonly d1: number;
  readonly d2: number;
  readonly d3: number;
}

interface Row {
  /** Counts of the tokens after this context (raw at the top order, continuation counts below). */
  readonly next: Map<number, number>;
  total: number;
  /** How many next tokens have count 1, 2 and 3 or more. */
  n1: number;
  n2: number;
  n3: number;
}

/**
 * An interpolated Kneser–Ney n-gram with modified discounts (three per order, from the
 * count-of-counts), the strong counting baseline of Chen & Goodman (1998):
 *
 *   P(w | h) = max(c(h w) − D(c), 0) / c(h •) + γ(h) · P(w | h′),
 *   γ(h) = (D1 N1(h •) + D2 N2(h •) + D3 N3+(h •)) / c(h •),
 *
 * with raw counts at the top order, continuation counts N1+(• h w) below it, and a uniform
 * distribution under the unigrams. A context never seen at an order hands over to the order below.
 */
export class KneserNey {
  /** rows[k] holds the contexts of k tokens (order k + 1), keyed by the tokens in base `vocabSize`. */
  private readonly rows: Map<number, Row>[] = [];
  readonly discounts: Discounts[] = [];

  constructor(
    readonly vocabSize: number,
    ids: ArrayLike<number>,
    readonly order = 5,
  ) {
    if (order < 1 || vocabSize ** (order - 1) > Number.MAX_SAFE_INTEGER)
      throw new RangeError(`an order-${order} context of ${vocabSize} tokens does not fit a number key`);
    for (let k = 0; k < order; k++) this.rows.push(new Map());
    // The top order counts every n-gram in the text.
    const top = order - 1;
    for (let i = 0; i < ids.length; i++) {
      const k = Math.min(top, i);
      this.add(k, this.key(ids, i - k, i), ids[i] as number, 1);
    }
    // Lower orders count how many different tokens come before each (k+1)-gram: for each distinct
    // (k+2)-gram (v h w) seen above, (h w) gains one. The n-grams at the very start of the text, with
    // no token before them, were counted as they are by the loop above (Chen & Goodman's rule).
    for (let k = top - 1; k >= 0; k--) {
      for (const [key, row] of this.rows[k + 1] as Map<number, Row>) {
        const shorter = key % vocabSize ** k;
        for (const w of row.next.keys()) this.add(k, shorter, w, 1);
      }
    }
    for (let k = 0; k < order; k++) this.discounts.push(this.estimate(this.rows[k] as Map<number, Row>));
  }

  /** The tokens ids[from … to−1] as one number. */
  private key(ids: ArrayLike<number>, from: number, to: number): number {
    let key = 0;
    for (let j = from; j < to; j++) key = key * this.vocabSize + (ids[j] as number);
    return key;
  }

  private add(k: number, key: number, w: number, by: number): void {
    const rows = this.rows[k] as Map<number, Row>;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { next: new Map(), total: 0, n1: 0, n2: 0, n3: 0 }));
    row.next.set(w, (row.next.get(w) ?? 0) + by);
    row.total += by;
  }

  /** D1, D2, D3+ from the count-of-counts n1 … n4 of one order; also each row's N1, N2, N3+. */
  private estimate(rows: Map<number, Row>): Discounts {
    const n = [0, 0, 0, 0, 0];
    for (const row of rows.values())
      for (const c of row.next.values()) {
        if (c <= 4) n[c] = (n[c] as number) + 1;
        if (c === 1) row.n1++;
        else if (c === 2) row.n2++;
        else row.n3++;
      }
    const [, n1 = 0, n2 = 0, n3 = 0, n4 = 0] = n;
    if (n1 === 0 || n2 === 0 || n3 === 0 || n4 === 0) return { d1: 0.5, d2: 1, d3: 1.5 };
    const y = n1 / (n1 + 2 * n2);
    const clamp = (d: number, c: number) => Math.min(c, Math.max(0, d));
    return {
      d1: clamp(1 - 2 * y * (n2 / n1), 1),
      d2: clamp(2 - 3 * y * (n3 / n2), 2),
      d3: clamp(3 - 4 * y * (n4 / n3), 3),
    };
  }

  /** P(w | the tokens before it), `context` the tokens before w (only the last order − 1 are read). */
  prob(context: ArrayLike<number>, w: number): number {
    let p = 1 / this.vocabSize;
    const len = context.length;
    let key = 0;
    for (let k = 0; k < this.order; k++) {
      if (k > 0) {
        if (k > len) break;
        key += (context[len - k] as number) * this.vocabSize ** (k - 1);
      }
      const row = (this.rows[k] as Map<number, Row>).get(key);
      if (!row) break;
      const { d1, d2, d3 } = this.discounts[k] as Discounts;
      const c = row.next.get(w) ?? 0;
      const d = c === 0 ? 0 : c === 1 ? d1 : c === 2 ? d2 : d3;
      const gamma = (d1 * row.n1 + d2 * row.n2 + d3 * row.n3) / row.total;
      p = Math.max(c - d, 0) / row.total + gamma * p;
    }
    return p;
  }

  /** Perplexity on `ids`: every token after the first, given the ones before it. */
  perplexity(ids: ArrayLike<number>): number {
    let nll = 0;
    const n = ids.length;
    const window: number[] = [];
    for (let i = 1; i < n; i++) {
      window.length = 0;
      for (let j = Math.max(0, i - this.order + 1); j < i; j++) window.push(ids[j] as number);
      nll -= Math.log(this.prob(window, ids[i] as number));
    }
    return Math.exp(nll / Math.max(1, n - 1));
  }
}
