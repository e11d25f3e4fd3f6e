import { BaseScene } from '../BaseScene';
import { app } from '../../src/app';
import { h, openDialog, starsElement } from '../../src/ui/overlay';
import { currentLang, t, type Key } from '../../src/i18n';
import type { LoadInfo } from '../../src/model/client';
import type { Lang } from '../../src/lm/tokenizer';
import { levelById, type LevelId, type Stars } from '../../src/lessons/levels';

/** What every level does at its end: save the stars once, then the "what you learned" card. */
export abstract class LevelScene extends BaseScene {
  private saved = false;

  override create(data: unknown): void {
    this.saved = false;
    super.create(data);
  }

  /** Saves the result (once per play), then opens the card with again / next level / map. */
  protected async completeLevel(id: LevelId, stars: Stars, learned: Key): Promise<void> {
    if (!this.saved) {
      this.saved = true;
      await app().finishLevel(id, stars);
    }
    if (!this.sys.isActive()) return;
    app().sound.play('win');
    const next = levelById(id).unlocks;
    const nextPlayable = next !== null && levelById(next).scene !== null;
    openDialog(this.ui, {
      title: 'common:level.learnedTitle',
      testId: 'learned-card',
      body: [
        starsElement(stars, this.ui),
        this.ui.text(h('p', { class: 'earned' }), 'common:level.youEarned', { count: stars }),
        this.ui.text(h('p', { class: 'learned' }), learned),
      ],
      actions: [
        { key: 'common:level.again', testId: 'again', onClick: () => this.scene.restart({}) },
        ...(nextPlayable && next
          ? [
              {
                key: 'common:level.next' as const,
                testId: 'next-level',
                onClick: () => app().navigate({ name: 'play', levelId: next }),
              },
            ]
          : []),
        {
          key: 'common:level.toMap',
          primary: true,
          testId: 'to-map',
          onClick: () => app().navigate({ name: 'map' }),
        },
      ],
    });
  }

  /** Loads the model of `lang`, showing progress in `status`; null when the model rests (or the scene left). */
  protected async loadLevelModel(lang: Lang, status: HTMLElement, key: Key): Promise<LoadInfo | null> {
    try {
      const info = await app().loadModel(lang, (loaded, total) => {
        if (this.sys.isActive())
          status.textContent = t(key, { percent: total > 0 ? Math.round((100 * loaded) / total) : 0 });
      });
      return this.sys.isActive() ? info : null;
    } catch {
      return null;
    }
  }

  /** A model level plays in one language: switching starts it again with the other language's model. */
  protected followLanguage(lang: Lang, seed: number, render: () => void): void {
    this.ui.onRetranslate(() => {
      if (currentLang() !== lang) this.scene.restart({ seed });
      else render();
    });
  }
}
