/**
 * The shipped model, run in Node by the test itself (onnxruntime-web on the CPU, as the unit tests
 * and scripts run it), from the very files the preview serves (dist/models). Expectations about a
 * model's words, chances and stories come from here, so they follow a retrained model; the page
 * must still show exactly what this model computes.
 */
import { expect } from '@playwright/test';
import { loadShippedModel } from '../../scripts/node-model';
import type { LanguageModel, NextToken } from '../../src/model/lm';
import { argmax, softmax } from '../../src/lm/sampling';
import { BOS, PAD, UNK, type Lang } from '../../src/lm/tokenizer';

/** Never offered or drawn as a next word (pad, unknown, begin). */
export const HIDDEN: ReadonlySet<number> = new Set([PAD, UNK, BOS]);

const loaded = new Map<Lang, Promise<LanguageModel>>();

export function shippedModel(lang: Lang): Promise<LanguageModel> {
  let lm = loaded.get(lang);
  if (!lm) {
    lm = loadShippedModel(lang, 'dist/models');
    loaded.set(lang, lm);
  }
  return lm;
}

/** Every token the model can say after `text`, likeliest first, with its chance at T = 1. */
export async function ranking(lang: Lang, text: string): Promise<NextToken[]> {
  const lm = await shippedModel(lang);
  return (await lm.distribution(text, lm.tokenizer.size)).top;
}

interface Chance {
  readonly token: string;
  readonly p: number;
}

/**
 * The page's chances are the model's: the same words in the same order, each chance within 0.1 %
 * of the model's (the page reads a growing text from remembered keys and values, with logits
 * within 1e-4 of a full run; anything else the page could show is far further off).
 */
export function expectChances(shown: readonly Chance[], model: readonly Chance[], what: string): void {
  expect(
    shown.map((c) => c.token),
    `${what}: the words`,
  ).toEqual(model.map((c) => c.token));
  shown.forEach((c, i) => {
    const want = (model[i] as Chance).p;
    expect(
      Math.abs(c.p - want),
      `${what}: the chance of “${c.token}” (${c.p} vs ${want})`,
    ).toBeLessThanOrEqual(1e-3 * want + 1e-9);
  });
}

export interface ReadBack {
  readonly tokens: string[];
  /** Each token's chance at T = 1 where it was written (pad, unknown and begin left out, as when drawn). */
  readonly plain: number[];
  /** Whether every token was the model's favourite there: what T = 0 writes. */
  readonly greedy: boolean;
}

/** A story the page wrote after `prompt`, read back by the model token by token. */
export async function readBack(lang: Lang, prompt: string, text: string): Promise<ReadBack> {
  const lm = await shippedModel(lang);
  const ids = lm.tokenizer.encode(text);
  expect(lm.tokenizer.decode(ids), 'the story reads back as the tokens it was written in').toBe(text);
  const context = [...lm.prepare(prompt).ids];
  const plain: number[] = [];
  let greedy = true;
  for (const id of ids) {
    const { logits } = await lm.runner.forward(context.slice(-lm.context));
    const masked = Array.from(logits, (v, i) => (HIDDEN.has(i) ? -Infinity : v));
    plain.push(softmax(masked)[id] as number);
    greedy &&= argmax(masked) === id;
    context.push(id);
  }
  return { tokens: ids.map((id) => lm.tokenizer.token(id)), plain, greedy };
}
