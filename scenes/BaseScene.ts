import Phaser from 'phaser';
import { Screen } from '../src/ui/overlay';
import { updateHook } from '../src/hook';
import { currentLang, onLanguageChange } from '../src/i18n';
import { app } from '../src/app';
import { Colors } from './keys';

/**
 * What every screen does: an HTML Screen over the canvas, a redraw on resize and on language
 * change, the test hook's scene and language, and cleanup of all of it on shutdown.
 */
export const FIRST_SCENE_MARK = 'owaat:first-scene';

export abstract class BaseScene extends Phaser.Scene {
  protected ui!: Screen;
  private offLanguage: (() => void) | null = null;

  /** Builds the HTML and canvas of the screen. */
  protected abstract build(data: unknown): void;
  /** Lays the canvas out again for the current size. */
  protected abstract layout(): void;

  create(data: unknown): void {
    this.cameras.main.setBackgroundColor(Colors.background);
    this.ui = new Screen(this.scene.key);
    this.build(data);
    this.layout();
    const onResize = (): void => this.layout();
    this.scale.on(Phaser.Scale.Events.RESIZE, onResize);
    this.offLanguage = onLanguageChange((lang) => {
      updateHook({ lang });
      this.layout();
    });
    updateHook({ scene: this.scene.key, lang: currentLang(), storage: app().store.mode() });
    // For `npm run bench`: when the first real screen was built.
    if (performance.getEntriesByName(FIRST_SCENE_MARK).length === 0) performance.mark(FIRST_SCENE_MARK);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      this.scale.off(Phaser.Scale.Events.RESIZE, onResize);
      this.offLanguage?.();
      this.offLanguage = null;
      this.tweens.killAll();
      this.time.removeAllEvents();
      this.ui.destroy();
      this.shutdown();
    });
  }

  private redrawQueued = false;

  /** Lays the canvas out at the next frame, once however often it is asked (a dragged slider fires many events). */
  protected redrawSoon(): void {
    if (this.redrawQueued) return;
    this.redrawQueued = true;
    requestAnimationFrame(() => {
      this.redrawQueued = false;
      if (this.sys.isActive()) this.layout();
    });
  }

  /** Extra cleanup for a scene's own timers and listeners. */
  protected shutdown(): void {}

  /** Tween durations honour reduced motion. */
  protected motion(ms: number): number {
    return app().reducedMotion() ? 0 : ms;
  }

  /** The rectangle of an HTML element, in canvas coordinates. */
  protected rectOf(el: Element): Phaser.Geom.Rectangle {
    const r = el.getBoundingClientRect();
    const c = this.game.canvas.getBoundingClientRect();
    return new Phaser.Geom.Rectangle(r.left - c.left, r.top - c.top, r.width, r.height);
  }
}
