import Phaser from 'phaser';
import { Screen } from '../src/ui/overlay';
import { updateHook } from '../src/hook';
import { currentLang, onLanguageChange } from '../src/i18n';
import { app } from '../src/app';
import { Colors } from './keys';
import { markFirstScene } from './HtmlScene';

/**
 * What every screen does: an HTML Screen over the canvas, a redraw on resize, on language change,
 * when its HTML scrolls or changes size, the test hook's scene and language, and cleanup of all of
 * it on shutdown. The canvas draws only inside the screen's draw area (`drawArea()`): whatever
 * scrolls out of that box is cut off there, never drawn over the top bar or other HTML.
 */
export abstract class BaseScene extends Phaser.Scene {
  protected ui!: Screen;
  private offLanguage: (() => void) | null = null;

  /** Builds the HTML and canvas of the screen. */
  protected abstract build(data: unknown): void;
  /** Lays the canvas out again for the current size. */
  protected abstract layout(): void;

  /**
   * The element whose box is the only place the canvas draws (a level's play area, which may
   * scroll inside it); null for the whole screen.
   */
  protected drawArea(): Element | null {
    return null;
  }

  /**
   * True for a screen that is all HTML and draws nothing on Phaser's canvas: its camera stays
   * hidden, and once the canvas has been cleared it is left alone (cleared again each frame, the
   * browser would copy the whole canvas to the screen each frame for nothing: while drawing by
   * touch or under load, that copy made most of the main thread's long tasks).
   */
  protected readonly canvasFree: boolean = false;

  /** The renderer's settings (Phaser types do not list `config`). */
  private canvasConfig(): { clearBeforeRender: boolean } {
    return (this.game.renderer as unknown as { config: { clearBeforeRender: boolean } }).config;
  }

  create(data: unknown): void {
    this.cameras.main.setBackgroundColor(Colors.background);
    if (this.canvasFree) {
      let frames = 0;
      const leaveAlone = (): void => {
        if (++frames < 2) return;
        this.canvasConfig().clearBeforeRender = false;
        this.events.off(Phaser.Scenes.Events.POST_UPDATE, leaveAlone);
      };
      this.events.on(Phaser.Scenes.Events.POST_UPDATE, leaveAlone);
      this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
        this.events.off(Phaser.Scenes.Events.POST_UPDATE, leaveAlone);
        this.canvasConfig().clearBeforeRender = true;
      });
    }
    this.ui = new Screen(this.scene.key);
    this.build(data);
    this.draw();
    const onResize = (): void => this.draw();
    this.scale.on(Phaser.Scale.Events.RESIZE, onResize);
    this.offLanguage = onLanguageChange((lang) => {
      updateHook({ lang });
      this.draw();
    });
    // The HTML the canvas follows moves without a window resize: a box scrolls, a message above it
    // comes or goes, a text wraps differently. Drawn at once (both come once a frame, before the
    // canvas is painted), so the picture moves with its box. Scroll events do not bubble: caught
    // on the way down.
    const follow = (): void => {
      if (this.sys.isActive()) this.draw();
    };
    this.ui.el.addEventListener('scroll', follow, { capture: true, passive: true });
    const resized = new ResizeObserver(follow);
    for (const el of this.ui.el.querySelectorAll(':scope > *, .playfield')) resized.observe(el);
    updateHook({ scene: this.scene.key, lang: currentLang(), storage: app().store.mode() });
    markFirstScene();
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      this.scale.off(Phaser.Scale.Events.RESIZE, onResize);
      resized.disconnect();
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
      if (this.sys.isActive()) this.draw();
    });
  }

  /** Lays the canvas out, drawing only inside the draw area as it is on screen now. */
  private draw(): void {
    const camera = this.cameras.main;
    const { width, height } = this.scale;
    const area = this.drawArea();
    const r = area ? this.rectOf(area) : new Phaser.Geom.Rectangle(0, 0, width, height);
    // Whole pixels inside the area: not even an edge's blended pixel lies over the HTML around it.
    const x = Phaser.Math.Clamp(Math.ceil(r.x), 0, width);
    const y = Phaser.Math.Clamp(Math.ceil(r.y), 0, height);
    const w = Phaser.Math.Clamp(Math.floor(r.right), 0, width) - x;
    const h = Phaser.Math.Clamp(Math.floor(r.bottom), 0, height) - y;
    // The camera sees exactly its viewport, scrolled by as much: a point keeps its canvas
    // coordinates (what rectOf gives), and nothing outside the viewport is drawn.
    camera.setVisible(!this.canvasFree && w > 0 && h > 0);
    if (w > 0 && h > 0) camera.setViewport(x, y, w, h).setScroll(x, y);
    this.layout();
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
