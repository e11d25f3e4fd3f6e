/**
 * One ONNX session of a model, behind a tiny interface: ids in, next-token logits and
 * attention out. The ORT module is passed in, so the same code runs in the browser's worker
 * (onnxruntime-web/wasm or /webgpu) and in Node tests (onnxruntime-web's Node build).
 *
 * The runner remembers the keys and values of the last ids it read (the model's `present`
 * output). When the next ids start with the same tokens, as they do while a story grows a word
 * at a time, only the new tokens are run, with the remembered ones as `past`. The logits are the
 * same as a full run's (checked in tests/unit/model.test.ts); only the time differs.
 *
 * The model also takes a head mask ([layers, heads], 1 on, 0 off): the runner feeds all ones unless
 * told otherwise. Keys and values computed with one mask are reused only with the same mask (a head
 * switched off in one block changes the numbers every later block reads).
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
  /**
   * With attention: the numbers of every position before each block and after the last,
   * [layers + 1, T, dModel], flattened (else empty).
   */
  readonly states: Float32Array;
  readonly statesDims: readonly number[];
}

export interface Runner {
  readonly backend: Backend;
  readonly layers: number;
  readonly heads: number;
  /**
   * `headMask`: layers × heads values, 1 on, 0 off (row by row); left out, every head is on.
   */
  forward(
    ids: readonly number[],
    withAttention?: boolean,
    headMask?: readonly number[],
  ): Promise<ForwardResult>;
  /** Forgets the remembered keys and values: the next call is a full run. */
  forget(): void;
  release(): Promise<void>;
}

interface Cache {
  readonly ids: readonly number[];
  /** The model's `present` output for those ids: [layers, 2, heads, P, headDim]. */
  readonly present: Ort.Tensor;
  /** The head mask they were computed with, as a key. */
  readonly mask: string;
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
  // The language models take a head mask and give every position's numbers (the inside level); a
  // model exported without them (the calculator's small ones) runs as it is, all heads on.
  const masked = session.inputNames.includes('head_mask');
  const hasStates = session.outputNames.includes('states');
  const allOn = new Float32Array(layers * heads).fill(1);
  let cache: Cache | null = null;

  return {
    backend,
    layers,
    heads,
    async forward(ids, withAttention = false, headMask) {
      if (headMask && !masked) throw new Error('this model has no head mask');
      if (headMask && headMask.length !== layers * heads)
        throw new Error(`a head mask has ${layers * heads} values, not ${headMask.length}`);
      const maskData = headMask ? Float32Array.from(headMask) : allOn;
      const maskKey = maskData.join(',');
      // Reuse the longest shared start, keeping at least one token to run, when the keys and values
      // were made with the same head mask. Attention is asked for the whole text at once, so it is
      // always a full run.
      let reuse = 0;
      if (cache && !withAttention && cache.mask === maskKey) {
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
      const maskTensor = new ort.Tensor('float32', maskData, [layers, heads]);
      const names = withAttention
        ? ['logits', 'attention', 'present', ...(hasStates ? ['states'] : [])]
        : ['logits', 'present'];
      const feeds: Record<string, Ort.Tensor> = { ids: input, past: pastTensor };
      if (masked) feeds.head_mask = maskTensor;
      const outputs = await session.run(feeds, names);
      const logits = outputs.logits as Ort.Tensor;
      const attention = outputs.attention as Ort.Tensor | undefined;
      const states = outputs.states as Ort.Tensor | undefined;
      const present = outputs.present as Ort.Tensor;
      if (cache && cache.present !== pastTensor) cache.present.dispose();
      cache = { ids: [...ids], present, mask: maskKey };
      const result = {
        logits: new Float32Array(logits.data as Float32Array),
        attention: attention ? new Float32Array(attention.data as Float32Array) : new Float32Array(0),
        attentionDims: attention ? [...attention.dims] : [],
        reused: reuse,
        states: states ? new Float32Array(states.data as Float32Array) : new Float32Array(0),
        statesDims: states ? [...states.dims] : [],
      };
      input.dispose();
      pastTensor.dispose();
      maskTensor.dispose();
      logits.dispose();
      attention?.dispose();
      states?.dispose();
      return result;
    },
    forget() {
      cache?.present.dispose();
      cache = null;
    },
    release: () => session.release(),
  };
}
