/**
 * The digit network of level "draw-digit" (training/digits.py → public/models/digits/digits.onnx):
 * images of 28 × 28 grey values (0 … 1) in, the ten digits' logits and the 64 features of its last
 * hidden layer out. The ORT module is passed in, so the same code runs in the model worker and in
 * Node tests.
 */
import type * as Ort from 'onnxruntime-web';
import type { OrtModule } from './runner';

export const PIXELS = 28 * 28;
export const DIGITS = 10;

export interface DigitReading {
  /** n × 10, row by row. */
  readonly logits: Float32Array;
  /** n × features, row by row. */
  readonly features: Float32Array;
  readonly featureCount: number;
}

export interface DigitNet {
  read(images: Float32Array, n: number): Promise<DigitReading>;
  release(): Promise<void>;
}

export async function createDigitNet(ort: OrtModule, model: Uint8Array): Promise<DigitNet> {
  const session = await ort.InferenceSession.create(model, {
    executionProviders: ['wasm'],
    graphOptimizationLevel: 'all',
  });
  return {
    async read(images, n) {
      if (!Number.isInteger(n) || n < 1 || images.length !== n * PIXELS)
        throw new Error(`digits: ${images.length} values are not ${n} images of 28 × 28`);
      const input = new ort.Tensor('float32', images, [n, 1, 28, 28]);
      const out = await session.run({ image: input });
      const logits = out.logits as Ort.Tensor;
      const features = out.features as Ort.Tensor;
      const result = {
        logits: new Float32Array(logits.data as Float32Array),
        features: new Float32Array(features.data as Float32Array),
        featureCount: features.dims[1] ?? 0,
      };
      input.dispose();
      logits.dispose();
      features.dispose();
      return result;
    },
    release: () => session.release(),
  };
}
