/**
 * A second, small model beside the language model: one character a token, read greedily (the
 * likeliest character each step). The calculator level's two arithmetic models (training/arith.py)
 * are such models; the worker keeps them by name (`models/<name>/model.onnx` and `vocab.json`).
 */
import type { Runner } from './runner';

/** What a small model's vocab.json holds: its characters by id (id 0 is padding, never written). */
export interface CharVocabFile {
  readonly tokens: readonly string[];
}

/** A small model's name: letters, digits and dashes, in at most two parts ("arith/guess"). */
export const SMALL_NAME = /^[a-z0-9-]{1,32}(\/[a-z0-9-]{1,32})?$/;

export class SmallModel {
  private readonly index: ReadonlyMap<string, number>;

  constructor(
    readonly runner: Runner,
    readonly tokens: readonly string[],
    readonly context: number,
  ) {
    this.index = new Map(tokens.map((t, i) => [t, i]));
  }

  /** The ids of `text`, one a character; throws on a character the model does not have. */
  encode(text: string): number[] {
    return Array.from(text, (c) => {
      const id = this.index.get(c);
      if (id === undefined || id === 0) throw new Error(`the model has no character ${JSON.stringify(c)}`);
      return id;
    });
  }

  /**
   * Writes after `text`, greedily, at most `max` characters, and stops after writing one of
   * `stops` (it is kept). The likeliest character wins; a tie goes to the first.
   */
  async complete(text: string, stops: readonly string[], max: number): Promise<string> {
    const ids = this.encode(text);
    let out = '';
    for (let i = 0; i < max; i++) {
      const { logits } = await this.runner.forward(ids.slice(-this.context));
      let best = 1;
      for (let k = 2; k < logits.length; k++) if ((logits[k] as number) > (logits[best] as number)) best = k;
      const c = this.tokens[best] as string;
      ids.push(best);
      out += c;
      if (stops.includes(c)) break;
    }
    return out;
  }
}
