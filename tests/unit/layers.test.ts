import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

/** The lint rules that keep the layers of DESIGN.md apart really fire. */
const eslint = new ESLint();
async function errors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering', () => {
  it('src/lessons and src/lm may not import the engine, the model runtime, storage or i18n', async () => {
    for (const file of ['src/lessons/example.ts', 'src/lm/example.ts']) {
      for (const source of [
        'phaser',
        'onnxruntime-web',
        'onnxruntime-web/wasm',
        'idb',
        'i18next',
        '../i18n',
        '../storage',
        '../../scenes/keys',
      ]) {
        expect(
          await errors(file, `import x from '${source}';\nexport default x;\n`),
          `${file} → ${source}`,
        ).not.toEqual([]);
      }
      expect(
        await errors(
          file,
          `import { mulberry32 } from './rng';\nimport { a } from '../lm/tok';\nexport default [mulberry32, a];\n`,
        ),
      ).toEqual([]);
    }
  }, 60_000);

  it('only src/model imports onnxruntime-web and only src/storage imports idb', async () => {
    expect(
      await errors('scenes/Example.ts', `import * as ort from 'onnxruntime-web';\nexport default ort;\n`),
    ).not.toEqual([]);
    expect(
      await errors('src/ui/example.ts', `import { openDB } from 'idb';\nexport default openDB;\n`),
    ).not.toEqual([]);
    expect(
      await errors('src/model/example.ts', `import * as ort from 'onnxruntime-web';\nexport default ort;\n`),
    ).toEqual([]);
    expect(
      await errors('src/storage/example.ts', `import { openDB } from 'idb';\nexport default openDB;\n`),
    ).toEqual([]);
  }, 60_000);
});
