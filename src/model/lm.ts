/**
 * The language model as the levels use it: text in, words and probabilities out. Built on a
 * Runner and the project's tokenizer; long input is cut to the model's context window and the
 * caller is told.
 */
import { BOS, EOS, PAD, UNK, continuesWord, type Tokenizer } from '../lm/tokenizer';
import { draw, softmax, topK } from '../lm/sampling';
import { mulberry32 } from '../lessons/rng';
import type { Runner } from './runner';

/** Never offered or drawn as a next word. */
const HIDDEN = new Set([PAD, UNK, BOS]);

/** How many tokens past its length a text may take to finish its last word. */
export const FINISH_WORD = 2;

export interface Prepared {
  readonly ids: number[];
  /** How many tokens at the start were cut to fit the context window. */
  readonly cut: number;
  /** Words of the input the model does not know. */
  readonly unknown: string[];
}

export interface NextToken {
  readonly id: number;
  readonly token: string;
  readonly p: number;
  /** When drawn at some temperature: its probability at T = 1. */
  readonly plain?: number;
}

export interface Distribution extends Prepared {
  readonly top: NextToken[];
  /** Every probability (only when asked for). */
  readonly probs?: Float64Array;
}

/** A text read back by the model: each token after `<bos>` and the chance the model gave it there. */
export interface Surprise extends Prepared {
  readonly tokens: string[];
  readonly p: number[];
}

export interface SampleOptions {
  readonly temperature: number;
  readonly seed: number;
}

export class LanguageModel {
  constructor(
    readonly runner: Runner,
    readonly tokenizer: Tokenizer,
    readonly context: number,
  ) {}

  /** `<bos>` and the text's ids, cut from the front to the context window. */
  prepare(text: string): Prepared {
    const all = [BOS, ...this.tokenizer.encode(text)];
    const cut = Math.max(0, all.length - this.context);
    return { ids: all.slice(cut), cut, unknown: this.tokenizer.unknown(text) };
  }

  async probs(ids: readonly number[], temperature = 1): Promise<Float64Array> {
    const { logits } = await this.runner.forward(ids.slice(-this.context));
    return softmax(logits, temperature);
  }

  async distribution(
    text: string,
    k: number,
    opts: { temperature?: number; full?: boolean } = {},
  ): Promise<Distribution> {
    const prepared = this.prepare(text);
    const probs = await this.probs(prepared.ids, opts.temperature ?? 1);
    const top = topK(probs, k, HIDDEN).map((r) => ({ id: r.id, token: this.tokenizer.token(r.id), p: r.p }));
    return { ...prepared, top, ...(opts.full ? { probs } : {}) };
  }

  async sample(text: string, opts: SampleOptions): Promise<NextToken & { cut: number }> {
    const prepared = this.prepare(text);
    const { logits } = await this.runner.forward(prepared.ids);
    const { id, p } = draw(logits, opts.temperature, mulberry32(opts.seed), HIDDEN);
    return { id, token: this.tokenizer.token(id), p, cut: prepared.cut };
  }

  /**
   * Adds up to `n` tokens, one at a time, calling `onToken` after each (streaming). Stops early
   * at `<eos>`. The text ends at a whole word: when the draw after the n-th token is the rest of
   * its word (the 't of "wasn't"), it is added too (at most FINISH_WORD more). The same seed gives
   * the same text.
   */
  async generate(
    text: string,
    n: number,
    opts: SampleOptions,
    onToken?: (token: NextToken, textSoFar: string) => void,
  ): Promise<{ text: string; tokens: NextToken[]; cut: number }> {
    const prepared = this.prepare(text);
    const ids = [...prepared.ids];
    const start = ids.length;
    const rng = mulberry32(opts.seed);
    const tokens: NextToken[] = [];
    for (let i = 0; i < n + FINISH_WORD; i++) {
      const { logits } = await this.runner.forward(ids.slice(-this.context));
      const { id, p, plain } = draw(logits, opts.temperature, rng, HIDDEN);
      if (id === EOS) break;
      // Past n, only the rest of the last word is kept: the text ends where that word ends.
      if (i >= n && !continuesWord(this.tokenizer.lang, this.tokenizer.token(id))) break;
      ids.push(id);
      const token = { id, token: this.tokenizer.token(id), p, plain };
      tokens.push(token);
      onToken?.(token, this.tokenizer.decode(ids.slice(start)));
    }
    return { text: this.tokenizer.decode(ids.slice(start)), tokens, cut: prepared.cut };
  }

  async attention(
    text: string,
  ): Promise<{ tokens: string[]; layers: number; heads: number; weights: Float32Array; cut: number }> {
    const prepared = this.prepare(text);
    const { attention, attentionDims } = await this.runner.forward(prepared.ids, true);
    const [layers = 0, heads = 0] = attentionDims;
    return {
      tokens: prepared.ids.map((i) => this.tokenizer.token(i)),
      layers,
      heads,
      weights: attention,
      cut: prepared.cut,
    };
  }

  /**
   * How surprised the model is by each token of `text` (after `<bos>`): the chance it gave that
   * token, read from the start, each from the tokens before it (at T = 1, nothing hidden). The
   * runner reuses what it remembered, so a sentence costs about a forward pass a token.
   */
  async surprise(text: string): Promise<Surprise> {
    const prepared = this.prepare(text);
    const { ids } = prepared;
    const p: number[] = [];
    for (let i = 1; i < ids.length; i++)
      p.push((await this.probs(ids.slice(0, i)))[ids[i] as number] as number);
    return { ...prepared, tokens: ids.slice(1).map((id) => this.tokenizer.token(id)), p };
  }

  /** Perplexity of `ids`: each token from the second on, given up to `context` tokens before it. */
  async perplexity(
    ids: readonly number[],
    onProgress?: (done: number) => void,
    /** Each token's probability as it is scored (token i, p). */
    onProb?: (i: number, p: number) => void,
  ): Promise<number> {
    let nll = 0;
    for (let i = 1; i < ids.length; i++) {
      const probs = await this.probs(ids.slice(Math.max(0, i - this.context), i));
      const p = Math.max(probs[ids[i] as number] as number, 1e-12);
      onProb?.(i, p);
      nll -= Math.log(p);
      if (onProgress && i % 500 === 0) onProgress(i);
    }
    return Math.exp(nll / Math.max(1, ids.length - 1));
  }
}
