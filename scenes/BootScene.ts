import Phaser from 'phaser';
import { SceneKey } from './keys';

export const READY_EVENT = 'owaat-ready';

/** The game's first scene: it says when the engine runs (the levels' pictures are HTML or drawn). */
export class BootScene extends Phaser.Scene {
  constructor() {
    super(SceneKey.Boot);
  }

  create(): void {
    this.game.events.emit(READY_EVENT);
  }
}
