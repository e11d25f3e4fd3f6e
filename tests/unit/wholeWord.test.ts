import { describe, expect, it } from 'vitest';
import { LanguageModel, FINISH_WORD } from '../../src/model/lm';
import type { Runner } from '../../src/model/runner';
import { SPECIALS, Tokenizer } from '../../src/lm/tokenizer';

/**
 * A model that always says the same story, a token per step (whatever it read): its logits put
 * nearly all the chance on the next token of `script`, then on the end of the story.
 */
function scripted(tokens: readonly string[], script: readonly string[]): LanguageModel {
  const tokenizer = new Tokenizer({ lang: 'en', tokens: [...SPECIALS, ...tokens] });
  let step = 0;
  const runner: Runner = {
    backend: 'wasm',
    layers: 1,
    heads: 1,
    async forward() {
      const logits = new Float32Array(tokenizer.size).fill(-30);
      const next = script[step++];
      logits[next === undefined ? 3 : tokenizer.id(next)] = 30;
      return {
        logits,
        attention: new Float32Array(),
        attentionDims: [],
        reused: 0,
        states: new Float32Array(),
        statesDims: [],
      };
    },
    forget: () => undefined,
    release: async () => undefined,
  };
  return new LanguageModel(runner, tokenizer, 64);
}

const vocab = ['she', 'wasn', "'t", 'sad', 'ran', '.'];

describe('a written text ends at a whole word', () => {
  it('“wasn” at the last place brings its “’t”: never “wasn” alone', async () => {
    const lm = scripted(vocab, ['she', 'wasn', "'t", 'sad', '.']);
    const out = await lm.generate('', 2, { temperature: 1, seed: 1 });
    expect(out.tokens.map((t) => t.token)).toEqual(['she', 'wasn', "'t"]);
    expect(out.text).toBe("she wasn't");
  });

  it('a text that already ends at a word keeps its length', async () => {
    const lm = scripted(vocab, ['she', 'ran', 'sad', '.']);
    const out = await lm.generate('', 2, { temperature: 0.8, seed: 3 });
    expect(out.text).toBe('she ran');
  });

  it('the end of the story still ends it, and the word is finished within FINISH_WORD tokens', async () => {
    expect((await scripted(vocab, ['she']).generate('', 4, { temperature: 1, seed: 1 })).text).toBe('she');
    const lm = scripted(vocab, ['wasn', ...Array.from({ length: 5 }, () => "'t")]);
    const out = await lm.generate('', 1, { temperature: 1, seed: 1 });
    expect(out.tokens).toHaveLength(1 + FINISH_WORD);
  });
});
