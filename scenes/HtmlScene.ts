import { Screen } from '../src/ui/overlay';
import { updateHook } from '../src/hook';
import { currentLang, onLanguageChange } from '../src/i18n';
import { app } from '../src/app';

/** For `npm run bench`: when the first real screen was built. */
export const FIRST_SCENE_MARK = 'owaat:first-scene';

/** Marks the first screen built in this visit (once). */
export function markFirstScene(): void {
  if (performance.getEntriesByName(FIRST_SCENE_MARK).length === 0) performance.mark(FIRST_SCENE_MARK);
}

/**
 * A screen that is all HTML (the map, settings, credits): it needs no game engine, so it is
 * shown before Phaser is even downloaded. The router opens it and closes it; it keeps the test
 * hook's scene and language, and frees everything it made when closed.
 */
export abstract class HtmlScene {
  protected ui!: Screen;
  private offLanguage: (() => void) | null = null;

  constructor(readonly key: string) {}

  /** Builds the screen's HTML. */
  protected abstract build(data: unknown): void;

  open(data: unknown = {}): void {
    this.ui = new Screen(this.key);
    this.build(data);
    this.offLanguage = onLanguageChange((lang) => updateHook({ lang }));
    updateHook({ scene: this.key, lang: currentLang(), storage: app().store.mode() });
    markFirstScene();
  }

  close(): void {
    this.offLanguage?.();
    this.offLanguage = null;
    this.ui.destroy();
  }
}
