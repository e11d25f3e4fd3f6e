/** Messages between the page (client.ts) and the model worker (worker.ts). */
import type { Backend } from './runner';
import type { Distribution, HeadEffect, InsideView, NextToken, Surprise } from './lm';
import type { Setting, StoredUpdate } from '../lm/teach';
import type { Side, TeachResult } from './teach';

export interface ModelFiles {
  readonly model: string;
  readonly vocab: string;
  readonly card: string;
}

/** A small model's files (small.ts): the ONNX graph and its characters. */
export interface SmallModelFiles {
  readonly model: string;
  readonly vocab: string;
  readonly card: string;
}

/** What loading a small model reports. */
export interface SmallLoadInfo {
  readonly name: string;
  readonly vocabSize: number;
  readonly context: number;
  readonly sessionMs: number;
}

export interface LoadInfo {
  readonly backend: Backend;
  /** Median milliseconds of one forward pass at T = 32, measured at load. */
  readonly msPerRun: number;
  /** Median milliseconds of one more token while a text grows (what a word costs in the levels). */
  readonly msPerWord: number;
  readonly sessionMs: number;
  readonly context: number;
  readonly vocabSize: number;
  /** The vocabulary, by id: what the levels show and what a typed word is checked against. */
  readonly tokens: readonly string[];
  /** Why WebGPU was not used, when it was not. */
  readonly gpuNote: string;
}

export type Request =
  | { id: number; type: 'load'; lang: string; files: ModelFiles; allowGpu: boolean }
  | { id: number; type: 'distribution'; text: string; k: number; temperature?: number; full?: boolean }
  | { id: number; type: 'sample'; text: string; temperature: number; seed: number }
  | { id: number; type: 'generate'; text: string; n: number; temperature: number; seed: number }
  | { id: number; type: 'attention'; text: string }
  /** Each token of the text and the chance the model gave it where it stands (the grammar level's surprise meter). */
  | { id: number; type: 'surprise'; text: string }
  /** A second, small model by name, kept beside the language model (small.ts). */
  | { id: number; type: 'loadSmall'; name: string; files: SmallModelFiles }
  /** Greedy writing by a small model after each text, up to a stop character or `max` characters. */
  | { id: number; type: 'complete'; name: string; texts: string[]; stops: string[]; max: number }
  /** The three steps and every head's beams for a text; `headMask` (layers × heads, 1 on, 0 off) switches heads off. */
  | { id: number; type: 'inside'; text: string; k: number; headMask?: number[] }
  /** The favourite next word with each head switched off alone. */
  | { id: number; type: 'headEffects'; text: string }
  /** The digit network (level draw-digit): its own session, apart from the language model. */
  | { id: number; type: 'digits-load'; url: string }
  /** `n` images of 28 × 28 grey values (0 … 1), row by row: the digits' logits and the features. */
  | { id: number; type: 'digits-read'; images: Float32Array; n: number }
  /**
   * Level "teach": train a change of the output layer on the sentences (the frozen model and the
   * fixed texts of `data`, public/data/teach/<lang>.json); each step's loss comes as a `step`.
   */
  | { id: number; type: 'teach-train'; sentences: string[]; setting: Setting; seed: number; data: string }
  /** Stops a training in flight (it keeps what it learned so far). */
  | { id: number; type: 'teach-stop' }
  /** Uses a stored change (null: none); answers the forgetting meter for it. */
  | { id: number; type: 'teach-use'; update: StoredUpdate | null; sentences: string[]; data: string }
  /** The top `k` next words and `n` more tokens after `text`, as the frozen model and with the change. */
  | { id: number; type: 'teach-compare'; text: string; k: number; n: number; seed: number }
  /**
   * The other levels' words come from the model with this taught change (null: as trained);
   * answers whether it is in use (false: it does not fit this model).
   */
  | { id: number; type: 'teach-share'; update: StoredUpdate | null }
  /**
   * For the benchmark: `runs` distributions over `texts` in turn, twice: each as a full run
   * (nothing remembered), and in order as the text grows (the remembered keys and values reused).
   */
  | { id: number; type: 'timing'; runs: number; texts: string[] };

/**
 * Why a request failed: `missing-model` (a file is not there), `not-loaded` (no model: none loaded,
 * or the last load failed), `superseded` (a load stopped for a newer one), `failed` (anything else).
 */
/** What loading the digit network tells the page. */
export interface DigitsInfo {
  readonly sessionMs: number;
  /** Median milliseconds of reading one drawing, measured at load (inside the worker). */
  readonly msPerRead: number;
}

export type ErrorCode = 'missing-model' | 'not-loaded' | 'superseded' | 'failed';

export type Response =
  | { id: number; type: 'progress'; loaded: number; total: number }
  | { id: number; type: 'token'; token: NextToken; text: string }
  | { id: number; type: 'step'; step: number; loss: number }
  | { id: number; type: 'result'; value: unknown; workerMs: number }
  | { id: number; type: 'error'; code: ErrorCode; message: string };

/** What using a stored change answers: whether it fits the model, and the forgetting meter. */
export interface TeachMeter {
  readonly ok: boolean;
  readonly before: number;
  readonly after: number;
  /** The tokens of the sentences. */
  readonly taught: number[];
}

/** The same beginning as the frozen model reads it and with the change (null: no change in use). */
export interface TeachCompare {
  readonly before: Side;
  readonly after: Side | null;
  /** The frozen model's chance of each of the top words after the change (what it hardly said before). */
  readonly afterWasP: number[];
}

export type { Distribution, HeadEffect, InsideView, NextToken, Surprise, Side, TeachResult };
