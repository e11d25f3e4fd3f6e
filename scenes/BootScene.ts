import Phaser from 'phaser';
import mascotUrl from '../assets/mascot.svg';
import tileUrl from '../assets/word-tile.svg';
import { Screen, h } from '../src/ui/overlay';
import { updateHook } from '../src/hook';
import { currentLang } from '../src/i18n';
import { Colors, SceneKey } from './keys';

export const READY_EVENT = 'owaat-ready';

/** Loads the game's pictures with a progress bar, then hands over to the router. */
export class BootScene extends Phaser.Scene {
  constructor() {
    super(SceneKey.Boot);
  }

  preload(): void {
    this.cameras.main.setBackgroundColor(Colors.background);
    const ui = new Screen('boot');
    const bar = h('progress', { max: 100, value: 0, class: 'boot-progress' });
    const label = h('p', { class: 'boot-label', 'aria-live': 'polite' });
    const title = ui.text(h('h1', { class: 'boot-title' }), 'common:app.name');
    const tagline = ui.text(h('p', { class: 'boot-tagline' }), 'common:app.tagline');
    ui.attr(bar, 'aria-label', 'common:app.loading', () => ({ percent: Math.round(Number(bar.value)) }));
    ui.el.append(h('div', { class: 'boot' }, title, tagline, bar, label));
    updateHook({ scene: SceneKey.Boot, lang: currentLang() });

    const setProgress = (value: number): void => {
      bar.value = Math.round(value * 100);
      ui.text(label, 'common:app.loading', { percent: Math.round(value * 100) });
    };
    setProgress(0);
    this.load.on(Phaser.Loader.Events.PROGRESS, setProgress);
    this.load.once(Phaser.Loader.Events.COMPLETE, () => {
      this.load.off(Phaser.Loader.Events.PROGRESS, setProgress);
      ui.destroy();
    });
    this.load.svg('mascot', mascotUrl, { width: 128, height: 128 });
    this.load.svg('word-tile', tileUrl, { width: 96, height: 48 });
  }

  create(): void {
    this.game.events.emit(READY_EVENT);
  }
}
