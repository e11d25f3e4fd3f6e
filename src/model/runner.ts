/**
 * One ONNX session of a model, behind a tiny interface: ids in, next-token logits and
 * attention out. The ORT module is passed in, so the same code runs in the browser's worker
 * (onnxruntime-web/wasm or /webgpu) and in Node tests (onnxruntime-web's Node build).
 *
 * The runner remembers the keys and values of the last ids it read (the model's `present`
 * output). When the next ids start with the same tokens, as they do while a story grows a word
 * at a time, only the new tokens are run, with the remembered ones as `past`. The logits are the
 * same as a full run's (checked in tests/unit/model.test.ts); only the time differs.
 */
import type * as Ort from 'onnxruntime-web';

export type OrtModule = typeof Ort;
export type Backend = 'wasm' | 'webgpu';

export interface ForwardResult {
  /** Next-token logits after the last id, one per vocabulary entry. */
  readonly logits: Float32Array;
  /** Attention weights [layers, heads, T, T], flattened (a full run: only when asked for). */
  readonly attention: Float32Array;
  readonly attentionDims: readonly number[];
  /** How many of the ids came from the remembered keys and values (0: a full run). */
  readonly reused: number;
}

export interface Runner {
  readonly backend: Backend;
  forward(ids: readonly number[], withAttention?: boolean): Promise<ForwardResult>;
  /** Forgets the remembered keys and values: the next call is a full run. */
  forget(): void;
  release(): Promise<void>;
}

interface Cache {
  readonly ids: readonly number[];
  /** The model's `present` output for those ids: [layers, 2, heads, P, headDim]. */
  readonly present: Ort.Tensor;
}

/** The first `keep` positions of a [layers·2·heads, P, headDim] block of keys and values. */
export function slicePast(
  data: Float32Array,
  blocks: number,
  p: number,
  headDim: number,
  keep: number,
): Float32Array {
  const out = new Float32Array(blocks * keep * headDim);
  for (let b = 0; b < blocks; b++)
    out.set(data.subarray(b * p * headDim, b * p * headDim + keep * headDim), b * keep * headDim);
  return out;
}

export async function createRunner(
  ort: OrtModule,
  model: Uint8Array,
  backend: Backend = 'wasm',
): Promise<Runner> {
  const session = await ort.InferenceSession.create(model, {
    executionProviders: [backend],
    graphOptimizationLevel: 'all',
  });
  // [layers, 2, heads, P, headDim]: every size but P is fixed by the model.
  const pastShape = session.inputMetadata.find((m) => m.name === 'past');
  const dims = pastShape?.isTensor ? pastShape.shape : null;
  const [layers, two, heads, , headDim] = (dims ?? []).map((d) => (typeof d === 'number' ? d : 0));
  if (!dims || !layers || two !== 2 || !heads || !headDim) throw new Error('the model has no past input');
  const blocks = layers * 2 * heads;
  let cache: Cache | null = null;

  return {
    backend,
    async forward(ids, withAttention = false) {
      // Reuse the longest shared start, keeping at least one token to run. Attention is asked
      // for the whole text at once, so it is always a full run.
      let reuse = 0;
      if (cache && !withAttention) {
        const max = Math.min(cache.ids.length, ids.length - 1);
        while (reuse < max && cache.ids[reuse] === ids[reuse]) reuse++;
      }
      const fresh = ids.slice(reuse);
      const input = new ort.Tensor(
        'int64',
        BigInt64Array.from(fresh, (i) => BigInt(i)),
        [1, fresh.length],
      );
      // The text grew: the last output is the past as it is. Else the shared start of it, or nothing.
      const pastTensor =
        cache && reuse === cache.ids.length
          ? cache.present
          : new ort.Tensor(
              'float32',
              cache && reuse > 0
                ? slicePast(cache.present.data as Float32Array, blocks, cache.ids.length, headDim, reuse)
                : new Float32Array(0),
              [layers, 2, heads, reuse, headDim],
            );
      const names = withAttention ? ['logits', 'attention', 'present'] : ['logits', 'present'];
      const outputs = await session.run({ ids: input, past: pastTensor }, names);
      const logits = outputs.logits as Ort.Tensor;
      const attention = outputs.attention as Ort.Tensor | undefined;
      const present = outputs.present as Ort.Tensor;
      if (cache && cache.present !== pastTensor) cache.present.dispose();
      cache = { ids: [...ids], present };
      const result = {
        logits: new Float32Array(logits.data as Float32Array),
        attention: attention ? new Float32Array(attention.data as Float32Array) : new Float32Array(0),
        attentionDims: attention ? [...attention.dims] : [],
        reused: reuse,
      };
      input.dispose();
      pastTensor.dispose();
      logits.dispose();
      attention?.dispose();
      return result;
    },
    forget() {
      cache?.present.dispose();
      cache = null;
    },
    release: () => session.release(),
  };
}
