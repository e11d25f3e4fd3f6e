/**
 * One ONNX session of a model, behind a tiny interface: ids in, next-token logits and
 * attention out. The ORT module is passed in, so the same code runs in the browser's worker
 * (onnxruntime-web/wasm or /webgpu) and in Node tests (onnxruntime-web's Node build).
 */
import type * as Ort from 'onnxruntime-web';

export type OrtModule = typeof Ort;
export type Backend = 'wasm' | 'webgpu';

export interface ForwardResult {
  /** Next-token logits after the last id, one per vocabulary entry. */
  readonly logits: Float32Array;
  /** Attention weights [layers, heads, T, T], flattened. */
  readonly attention: Float32Array;
  readonly attentionDims: readonly number[];
}

export interface Runner {
  readonly backend: Backend;
  forward(ids: readonly number[], withAttention?: boolean): Promise<ForwardResult>;
  release(): Promise<void>;
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
  return {
    backend,
    async forward(ids, withAttention = false) {
      const input = new ort.Tensor(
        'int64',
        BigInt64Array.from(ids, (i) => BigInt(i)),
        [1, ids.length],
      );
      const outputs = await session.run({ ids: input }, withAttention ? ['logits', 'attention'] : ['logits']);
      const logits = outputs.logits as Ort.Tensor;
      const attention = outputs.attention as Ort.Tensor | undefined;
      const result = {
        logits: new Float32Array(logits.data as Float32Array),
        attention: attention ? new Float32Array(attention.data as Float32Array) : new Float32Array(0),
        attentionDims: attention ? [...attention.dims] : [],
      };
      input.dispose();
      for (const t of Object.values(outputs)) t.dispose();
      return result;
    },
    release: () => session.release(),
  };
}
