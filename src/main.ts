/**
 * Wires the game together: storage → language → the HTML layer → the router → the service
 * worker. The map, settings and credits are HTML screens; the game engine and the levels come
 * in a chunk of their own (scenes/game.ts), imported when a level opens or as soon as the
 * player touches the map, so the first screen paints without parsing Phaser.
 */
import './ui/styles.css';
import { openStore } from './storage';
import { createApp } from './app';
import { detectLanguage, initI18n, currentLang } from './i18n';
import { installHook, updateHook } from './hook';
import { parseRoute, type Route } from './router';
import { Screen, h, toast } from './ui/overlay';
import { registerServiceWorker } from './pwa/register';
import type { Game } from '../scenes/game';
import type { HtmlScene } from '../scenes/HtmlScene';
import { MapScene } from '../scenes/MapScene';
import { SettingsScene } from '../scenes/SettingsScene';
import { CreditsScene } from '../scenes/CreditsScene';
import { sceneKey } from './lessons/levels';

const PAGES: Record<Exclude<Route['name'], 'play'>, new () => HtmlScene> = {
  map: MapScene,
  settings: SettingsScene,
  credits: CreditsScene,
};

let gameLoad: Promise<Game> | null = null;
let game: Game | null = null;

/** The engine and the levels, downloaded and started once. */
function loadGame(): Promise<Game> {
  gameLoad ??= import('../scenes/game')
    .then((m) => m.startGame())
    .then((g) => {
      game = g;
      return g;
    });
  // A failed download (offline before the first visit finished) may be tried again.
  gameLoad.catch(() => (gameLoad = null));
  return gameLoad;
}

/** What shows while the engine starts, the first time a level opens in a visit. */
function startingScreen(): Screen {
  const ui = new Screen('boot');
  const bar = h('progress', { class: 'boot-progress' });
  ui.attr(bar, 'aria-label', 'common:app.starting');
  ui.el.append(
    h(
      'div',
      { class: 'boot', 'data-testid': 'starting' },
      ui.text(h('h1', { class: 'boot-title' }), 'common:app.name'),
      ui.text(h('p', { class: 'boot-tagline' }), 'common:app.tagline'),
      bar,
      ui.text(h('p', { class: 'boot-label', 'aria-live': 'polite' }), 'common:app.starting'),
    ),
  );
  return ui;
}

function startRouter(): void {
  let page: HtmlScene | null = null;
  let starting: Screen | null = null;
  let turn = 0;
  // The hook says which hash the screen on show answers, once it is up.
  const shown = (): void => updateHook({ ready: true, route: location.hash });
  const go = async (): Promise<void> => {
    const route = parseRoute(location.hash);
    const mine = ++turn;
    updateHook({ ready: false });
    if (route.name === 'map' && route.notice) {
      toast(route.notice === 'soon' ? 'common:map.soonHint' : 'common:errors.unknownLevel');
      history.replaceState(null, '', '#/');
    }
    page?.close();
    page = null;
    starting?.destroy();
    starting = null;
    if (route.name !== 'play') {
      game?.rest();
      page = new PAGES[route.name]();
      page.open();
      shown();
      return;
    }
    if (!game) starting = startingScreen();
    try {
      const g = await loadGame();
      // The player may have gone elsewhere while the engine started.
      if (mine !== turn) {
        if (page) g.rest();
        return;
      }
      starting?.destroy();
      starting = null;
      g.start(sceneKey(route.levelId), { seed: route.seed });
      shown();
    } catch {
      if (mine !== turn) return;
      toast('common:errors.generic');
      history.replaceState(null, '', '#/');
      void go();
    }
  };
  window.addEventListener('hashchange', () => void go());
  // The engine is fetched once the player starts choosing, so a level opens without a wait.
  const warm = (): void =>
    void loadGame().then(
      (g) => (page ? g.rest() : undefined),
      () => undefined,
    );
  for (const type of ['pointerdown', 'keydown'] as const)
    window.addEventListener(type, warm, { once: true, passive: true });
  void go();
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

  startRouter();
  registerServiceWorker();
}

void main();
