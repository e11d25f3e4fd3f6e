/**
 * The game engine and the level scenes, in a chunk of their own: the map, settings and credits
 * are HTML and show before this is downloaded (src/main.ts imports it when a level is opened,
 * or as soon as the player touches the map).
 */
import Phaser from 'phaser';
import { BootScene, READY_EVENT } from './BootScene';
import { LEVEL_SCENES } from './levels';

export interface Game {
  /** Starts a level scene (restarting it if it runs), stopping any other. */
  start(key: string, data: object): void;
  /** Stops every scene, hides the canvas and lets the engine sleep (an HTML screen shows). */
  rest(): void;
}

export function startGame(): Promise<Game> {
  const parent = document.getElementById('game');
  return new Promise((resolve) => {
    const game = new Phaser.Game({
      // The play field is flat shapes and text: the 2D canvas draws it at 60 fps with no long
      // main-thread task, where WebGL on a software GPU (headless Chromium, and tablets that fall
      // back to one) took 50–90 ms a frame (measured; see the app-shell notes).
      type: Phaser.CANVAS,
      parent: 'game',
      backgroundColor: '#fff8ec',
      scale: { mode: Phaser.Scale.RESIZE, width: '100%', height: '100%' },
      render: { antialias: true },
      audio: { noAudio: true },
      banner: false,
      scene: [BootScene, ...Object.values(LEVEL_SCENES)],
    });
    const stopAll = (except?: string): void => {
      for (const scene of game.scene.getScenes(true))
        if (scene.scene.key !== except) game.scene.stop(scene.scene.key);
    };
    game.events.once(READY_EVENT, () =>
      resolve({
        start(key, data) {
          stopAll(key);
          if (parent) parent.style.visibility = '';
          game.loop.wake();
          // Starting the scene that is already running restarts it (fresh state, same as a new visit).
          game.scene.start(key, data);
        },
        rest() {
          stopAll();
          game.loop.sleep();
          // Hidden, not removed: the canvas keeps its size for the next level.
          if (parent) parent.style.visibility = 'hidden';
        },
      }),
    );
  });
}
