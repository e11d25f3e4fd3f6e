import { BaseScene } from '../BaseScene';
import { app } from '../../src/app';
import mascotUrl from '../../assets/mascot.svg';
import { h, openDialog, starsElement } from '../../src/ui/overlay';
import { currentLang, t, type Key } from '../../src/i18n';
import type { LoadInfo } from '../../src/model/client';
import type { Lang } from '../../src/lm/tokenizer';
import { type LevelId, type Stars } from '../../src/lessons/levels';
import { nextPlayable } from '../../src/lessons/progress';

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
    const next = nextPlayable(id);
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
        ...(next
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

  /**
   * The card a level opens with: the mascot, the goal, one short text and the start button
   * (with what a level adds before the button, a loading line say, and after it).
   */
  protected introCard(
    id: LevelId,
    intro: Key,
    onStart: () => void,
    opts: { start?: Key; before?: HTMLElement[]; after?: HTMLElement[] } = {},
  ): { card: HTMLElement; start: HTMLButtonElement } {
    const start = this.ui.button(opts.start ?? 'common:level.start', onStart, {
      class: 'btn btn-primary',
      testId: 'start',
    });
    const card = h(
      'section',
      { class: 'card intro', 'data-testid': 'intro' },
      h('img', { src: mascotUrl, alt: '', width: 96, height: 96, class: 'mascot' }),
      this.ui.text(h('p', { class: 'goal' }), `levels:${id}.goal`),
      this.ui.text(h('p', {}), intro),
      ...(opts.before ?? []),
      start,
      ...(opts.after ?? []),
    );
    return { card, start };
  }

  /** The level's "see my stars" button, shown once the level is won. */
  protected finishButton(onClick: () => void): HTMLButtonElement {
    return this.ui.button('common:level.finish', onClick, { class: 'btn btn-primary', testId: 'finish' });
  }

  /**
   * Puts a level on screen: the top bar (back to the map, the title and what the level shows
   * beside it, the language), its body, its intro card.
   */
  protected mountLevel(
    id: LevelId,
    body: HTMLElement,
    introCard: HTMLElement,
    beside: HTMLElement[] = [],
  ): void {
    const ui = this.ui;
    ui.el.append(
      ui.topBar({
        back: () => app().navigate({ name: 'map' }),
        title: h(
          'div',
          { class: 'title-block' },
          ui.text(h('h1', { class: 'level-title' }), `levels:${id}.title`),
          ...beside,
        ),
      }),
      body,
      introCard,
    );
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
