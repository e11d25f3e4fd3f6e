// The shipped model of a language, loaded in Node with onnxruntime-web (WASM, one thread): what the
// scripts that measure it share.
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { Tokenizer, type Lang, type VocabFile } from '../src/lm/tokenizer';
import { createRunner } from '../src/model/runner';
import { LanguageModel } from '../src/model/lm';

export async function loadShippedModel(lang: Lang, models = 'public/models'): Promise<LanguageModel> {
  const dir = `${models}/${lang}`;
  ort.env.wasm.numThreads = 1;
  const vocab = JSON.parse(readFileSync(`${dir}/vocab.json`, 'utf8')) as VocabFile;
  const card = JSON.parse(readFileSync(`${dir}/card.json`, 'utf8')) as { context: number };
  return new LanguageModel(
    await createRunner(ort, new Uint8Array(readFileSync(`${dir}/model.onnx`))),
    new Tokenizer(vocab),
    card.context,
  );
}
