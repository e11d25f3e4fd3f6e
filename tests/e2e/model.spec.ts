import { test, expect, fill } from './fixtures';
import { expectChances, shippedModel } from './shipped-model';
import enCommon from '../../locales/en/common.json' with { type: 'json' };
import { startPreview, stopPreview } from './server';

test.describe('the model in its worker', () => {
  const PORT = 4182;
  test.use({ baseURL: `http://127.0.0.1:${PORT}/`, locale: 'en-US' });

  test('loads with the network cut and gives a distribution', async ({ game, page, context }) => {
    const server = await startPreview(PORT);
    try {
      await game.goto('#/settings');
      await game.waitForServiceWorker();
    } finally {
      await stopPreview(server);
    }
    await context.setOffline(true);
    await page.reload();
    await game.ready();
    await page.getByTestId('model-try').click();
    // What runs it, in words a child knows; the technical name small, under it.
    await expect(page.getByTestId('model-status')).toHaveText(
      /^It thinks on this device's main chip, [\d.]+ ms per word\.$/,
      { timeout: 30_000 },
    );
    await expect(page.getByTestId('model-technical')).toHaveText('Technical name: WebAssembly (WASM)');
    expect(
      await page.getByTestId('model-technical').evaluate((el) => parseFloat(getComputedStyle(el).fontSize)),
    ).toBeLessThan(
      await page.getByTestId('model-status').evaluate((el) => parseFloat(getComputedStyle(el).fontSize)),
    );
    // The three words and chances the model itself gives after the prompt (run here, in Node).
    const prompt = enCommon.settings.modelPrompt;
    expect(prompt).toBe('Once upon a time, there was a little');
    const top = (await (await shippedModel('en')).distribution(prompt, 3)).top;
    await expect(page.getByTestId('model-answer')).toHaveText(
      fill(enCommon.settings.modelTop, {
        prompt,
        list: top.map((w) => `${w.token} ${(w.p * 100).toFixed(1)}%`).join(', '),
      }),
    );
    const view = (await game.hook()).view as {
      model: { backend: string; top: { token: string; p: number }[] };
    };
    expect(view.model.backend).toBe('wasm');
    expectChances(view.model.top, top, `after “${prompt}”`);
    // The backend chosen on this device is remembered for the next visit.
    const saved = await page.evaluate(
      () =>
        new Promise<unknown>((resolve) => {
          const req = indexedDB.open('owaat');
          req.onsuccess = () => {
            const get = req.result.transaction('meta').objectStore('meta').get('app');
            get.onsuccess = () => (req.result.close(), resolve(get.result));
          };
        }),
    );
    expect(saved).toMatchObject({ modelBackend: 'wasm' });
  });
});

test.describe('without its model file', () => {
  test.use({ locale: 'zh-CN', serviceWorkers: 'block' });

  test('the model rests, says so kindly, and the game plays on', async ({ game, page, guard }) => {
    guard.allow.push(/Failed to load resource.*404/);
    await page.route('**/models/zh/model.onnx', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await game.goto('#/settings');
    await page.getByTestId('model-try').click();
    await expect(page.getByTestId('model-status')).toHaveText('模型正在休息。其他关卡都还能玩。');
    // The model levels say so in the player's language and offer nothing that cannot work.
    await game.goto('#/play/next-word');
    await expect(page.getByTestId('intro-status')).toHaveText(
      '模型正在休息，这一关现在玩不了。等一会儿再来吧！',
    );
    await expect(page.getByTestId('start')).toBeDisabled();
    await game.goto('#/play/temperature');
    await expect(page.getByTestId('intro-status')).toHaveText(
      '模型正在休息，这一关现在玩不了。等一会儿再来吧！',
    );
    await expect(page.getByTestId('start')).toBeDisabled();
    await page.getByTestId('back').click();
    await game.station('one-word').click();
    await page.getByTestId('play').click();
    const end = await game.playOneWord('mouse', () => true);
    expect(end.stars).toBe(3);
  });
});
