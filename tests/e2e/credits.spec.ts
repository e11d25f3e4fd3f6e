import { test, expect } from './fixtures';
import enCredits from '../../locales/en/credits.json' with { type: 'json' };
import zhCredits from '../../locales/zh/credits.json' with { type: 'json' };

for (const locale of ['en-US', 'zh-CN']) {
  test.describe(locale, () => {
    test.use({ locale });
    test('credits name every work, who made it and its licence', async ({ game, page }) => {
      const zh = locale === 'zh-CN';
      const credits = zh ? zhCredits : enCredits;
      await game.goto();
      await page.getByTestId('open-credits').click();
      await game.expectScene('credits');
      const items = page.getByTestId('credits-list').locator('li');
      await expect(items).toHaveCount(Object.keys(enCredits.sources).length);
      for (const [id, c] of Object.entries(credits.sources)) {
        const item = page.locator(`[data-source="${id}"]`);
        await expect(item.locator('h2')).toHaveText(c.work);
        await expect(item).toContainText(c.by);
      }
      const asp = page.locator('[data-source="asp-en"]');
      if (zh) {
        await expect(page.getByRole('heading', { level: 1 })).toHaveText('致谢');
        await expect(page.locator('[data-source="tinystories"]')).toContainText(
          '作者：Ronen Eldan 和 Yuanzhi Li（2023）',
        );
        await expect(page.locator('[data-source="tinystories"]')).toContainText('许可：CDLA-Sharing-1.0');
        await expect(asp).toContainText('许可：CC BY 4.0');
        await expect(asp).toContainText('出处：africanstorybook.org');
        // Chinese text takes the full-width colon, never the ASCII one.
        expect(await page.locator('main').innerText()).not.toContain(':');
      } else {
        await expect(page.locator('[data-source="tinystories"] h2')).toHaveText('TinyStories');
        await expect(page.locator('[data-source="tinystories"]')).toContainText(
          'by Ronen Eldan and Yuanzhi Li (2023)',
        );
        await expect(page.locator('[data-source="tinystories"]')).toContainText('Licence: CDLA-Sharing-1.0');
        await expect(page.locator('[data-source="glove"]')).toContainText(
          'by Jeffrey Pennington, Richard Socher and Christopher D. Manning',
        );
        await expect(asp).toContainText('Licence: CC BY 4.0');
      }
      // Works and people, not the repositories the files were copied from.
      await expect(page.getByTestId('credits-list')).not.toContainText('gusjengis/toy-RNN');
      await expect(page.getByTestId('credits-list')).not.toContainText('global-asp/');
      // The book inspired the levels; it has no licence line of its own.
      await expect(page.locator('[data-source="book"] p.note')).toHaveCount(0);
    });
  });
}
