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
