/**
 * Wires the game together: storage → language → the HTML layer and the Phaser game →
 * the router → the service worker.
 */
import Phaser from 'phaser';
import './ui/styles.css';
import { openStore } from './storage';
import { createApp } from './app';
import { detectLanguage, initI18n, currentLang } from './i18n';
import { installHook, updateHook } from './hook';
import { parseRoute, type Route } from './router';
import { toast } from './ui/overlay';
import { registerServiceWorker } from './pwa/register';
import { BootScene, READY_EVENT } from '../scenes/BootScene';
import { MapScene } from '../scenes/MapScene';
import { SettingsScene } from '../scenes/SettingsScene';
import { CreditsScene } from '../scenes/CreditsScene';
import { LEVEL_SCENES } from '../scenes/levels';
import { SceneKey } from '../scenes/keys';
import { levelById, sceneKey } from './lessons/levels';

function sceneFor(route: Route): { key: string; data: object } {
  switch (route.name) {
    case 'play':
      return {
        key: levelById(route.levelId).built ? sceneKey(route.levelId) : SceneKey.Map,
        data: { seed: route.seed },
      };
    case 'settings':
      return { key: SceneKey.Settings, data: {} };
    case 'credits':
      return { key: SceneKey.Credits, data: {} };
    default:
      return { key: SceneKey.Map, data: {} };
  }
}

function startRouter(game: Phaser.Game): void {
  const go = (): void => {
    const route = parseRoute(location.hash);
    if (route.name === 'map' && route.notice) {
      toast(route.notice === 'soon' ? 'common:map.soonHint' : 'common:errors.unknownLevel');
      history.replaceState(null, '', '#/');
    }
    const { key, data } = sceneFor(route);
    for (const scene of game.scene.getScenes(true))
      if (scene.scene.key !== key) game.scene.stop(scene.scene.key);
    // Starting the scene that is already running restarts it (fresh state, same as a new visit).
    game.scene.start(key, data);
  };
  window.addEventListener('hashchange', go);
  go();
  updateHook({ ready: true });
}

/** Something unexpected: tell the player kindly, once in a while, and keep the game going. */
function catchTheUnexpected(): void {
  let last = 0;
  const kindly = (): void => {
    if (Date.now() - last < 10_000) return;
    last = Date.now();
    toast('common:errors.generic');
  };
  window.addEventListener('error', kindly);
  window.addEventListener('unhandledrejection', kindly);
}

async function main(): Promise<void> {
  installHook();
  const store = await openStore();
  // Language first: the app may have to tell the player about a storage problem right away.
  await initI18n(detectLanguage(store.snapshot().settings.lang, navigator.languages ?? [navigator.language]));
  createApp(store);
  catchTheUnexpected();
  updateHook({ lang: currentLang(), storage: store.mode() });

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
    scene: [BootScene, MapScene, SettingsScene, CreditsScene, ...Object.values(LEVEL_SCENES)],
  });
  game.events.once(READY_EVENT, () => startRouter(game));
  registerServiceWorker();
}

void main();
