import { BaseScene } from '../BaseScene';
import { app } from '../../src/app';
import mascotUrl from '../../assets/mascot.svg';
import { h, openDialog, starsElement } from '../../src/ui/overlay';
import { currentLang, type Key } from '../../src/i18n';
import { updateHook } from '../../src/hook';
import {
  levelById,
  sceneKey,
  type BuiltLevelId,
  type LevelNamespace,
  type Stars,
} from '../../src/lessons/levels';
import { nextPlayable } from '../../src/lessons/progress';
import { freshSeed } from '../../src/lessons/rng';

/** What a level puts on screen: its body, what sits beside the title, and its intro card's extras. */
export interface LevelParts {
  /** The level's play area (hidden while the intro card shows). */
  readonly body: HTMLElement;
  /** Small readouts beside the title in the top bar (round, score…). */
  readonly beside?: HTMLElement[];
  /** The intro card's start button text; the shared "Start" when absent. */
  readonly start?: Key;
  /** What the intro card adds before its start button (a loading line, say) and after it. */
  readonly before?: HTMLElement[];
  readonly after?: HTMLElement[];
}

/**
 * What every level does, once: its scene key from its id, the seed of the game, "last played",
 * the top bar and the intro card (goal, `<ns>:intro`, start), intro or play on screen, the test
 * hook, and at the end the stars saved once and the "what you learned" card (`<ns>:learned`).
 * A level scene builds its body, calls `mount`, and draws.
 */
export abstract class LevelScene extends BaseScene {
  readonly level: BuiltLevelId;
  /** The seed of this game (a route's `?seed=N`, else fresh): everything random in it follows. */
  protected seed = 1;
  private saved = false;
  private parts: { intro: HTMLElement; body: HTMLElement; start: HTMLButtonElement } | null = null;

  constructor(level: BuiltLevelId) {
    super(sceneKey(level));
    this.level = level;
  }

  /** The level's own locale namespace (from the registry). */
  protected get ns(): LevelNamespace {
    return levelById(this.level).ns as LevelNamespace;
  }

  /** A key of the level's own namespace (the locale test checks every level has the shared ones). */
  protected key(path: 'intro' | 'learned' | 'loading' | 'resting'): Key {
    return `${this.ns}:${path}` as Key;
  }

  override create(data: unknown): void {
    this.saved = false;
    this.parts = null;
    const seed = (data as { seed?: unknown } | undefined)?.seed;
    this.seed = typeof seed === 'number' && Number.isInteger(seed) && seed > 0 ? seed : freshSeed();
    void app().startLevel(this.level);
    super.create(data);
  }

  /**
   * Puts the level on screen: the top bar (back to the map, the title and what sits beside it,
   * the language), its body and its intro card. Returns the start button (it has the focus).
   */
  protected mount(parts: LevelParts, onStart: () => void): HTMLButtonElement {
    const ui = this.ui;
    const start = ui.button(parts.start ?? 'common:level.start', onStart, {
      class: 'btn btn-primary',
      testId: 'start',
    });
    const intro = h(
      'section',
      { class: 'card intro', 'data-testid': 'intro' },
      h('img', { src: mascotUrl, alt: '', width: 96, height: 96, class: 'mascot' }),
      ui.text(h('p', { class: 'goal' }), `levels:${this.level}.goal`),
      ui.text(h('p', {}), this.key('intro')),
      ...(parts.before ?? []),
      start,
      ...(parts.after ?? []),
    );
    ui.el.append(
      ui.topBar({
        back: () => app().navigate({ name: 'map' }),
        title: h(
          'div',
          { class: 'title-block' },
          ui.text(h('h1', { class: 'level-title' }), `levels:${this.level}.title`),
          ...(parts.beside ?? []),
        ),
      }),
      parts.body,
      intro,
    );
    this.parts = { intro, body: parts.body, start };
    start.focus();
    return start;
  }

  /** The intro card, or the play area. */
  protected showIntro(intro: boolean): void {
    if (!this.parts) return;
    this.parts.intro.hidden = !intro;
    this.parts.body.hidden = intro;
  }

  /** The canvas draws inside the play area only: what scrolls out of it is cut off at its edge. */
  protected override drawArea(): Element | null {
    return this.parts?.body ?? null;
  }

  /** Whether the play area is on screen (drawing it is pointless otherwise). */
  protected get playing(): boolean {
    return this.parts !== null && !this.parts.body.hidden;
  }

  protected get startButton(): HTMLButtonElement | null {
    return this.parts?.start ?? null;
  }

  /** The level's state for the test hook: what the player sees. */
  protected publish(state: object): void {
    updateHook({ level: { id: this.level, state }, view: null });
  }

  /**
   * The level's counts for the player's language (public/data/<dir>/<lang>.json, precached for
   * offline play), or another of its files (`file`.json); null when the scene has gone while the
   * file came. A missing file throws.
   */
  protected async fetchData<T>(dir: string, file: string = currentLang()): Promise<T | null> {
    const res = await fetch(new URL(`data/${dir}/${file}.json`, document.baseURI).href);
    if (!res.ok) throw new Error(`${dir} data: ${res.status}`);
    const data = (await res.json()) as T;
    return this.sys.isActive() ? data : null;
  }

  /** The level's "see my stars" button, shown once the level is won. */
  protected finishButton(onClick: () => void): HTMLButtonElement {
    return this.ui.button('common:level.finish', onClick, { class: 'btn btn-primary', testId: 'finish' });
  }

  /** Saves the result (once per play), then opens the card with again / next level / map. */
  protected async completeLevel(stars: Stars): Promise<void> {
    if (!this.saved) {
      this.saved = true;
      await app().finishLevel(this.level, stars);
    }
    if (!this.sys.isActive()) return;
    app().sound.play('win');
    const next = nextPlayable(this.level);
    openDialog(this.ui, {
      title: 'common:level.learnedTitle',
      testId: 'learned-card',
      body: [
        starsElement(stars, this.ui),
        this.ui.text(h('p', { class: 'earned' }), 'common:level.youEarned', { count: stars }),
        this.ui.text(h('p', { class: 'learned' }), this.key('learned')),
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
}
