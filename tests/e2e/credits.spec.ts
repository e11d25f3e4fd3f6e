import { test, expect } from './fixtures';
import enCredits from '../../locales/en/credits.json' with { type: 'json' };

for (const locale of ['en-US', 'zh-CN']) {
  test.describe(locale, () => {
    test.use({ locale });
    test('credits list every data source with its licence', async ({ game, page }) => {
      await game.goto();
      await page.getByTestId('open-credits').click();
      await game.expectScene('credits');
      const items = page.getByTestId('credits-list').locator('li');
      await expect(items).toHaveCount(Object.keys(enCredits.sources).length);
      for (const id of Object.keys(enCredits.sources)) {
        await expect(page.locator(`[data-source="${id}"] h2`)).not.toBeEmpty();
      }
      await expect(page.locator('[data-source="tinystories"]')).toContainText('CDLA-Sharing-1.0');
      await expect(page.locator('[data-source="asp-zh"]')).toContainText('CC BY 4.0');
      if (locale === 'zh-CN') await expect(page.getByRole('heading', { level: 1 })).toHaveText('致谢');
    });
  });
}
