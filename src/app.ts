/**
 * What every scene shares: saved progress and settings, sound, motion preference and
 * navigation. Created once in main.ts; scenes call `app()`.
 */
import { recordResult, toProgress, type Progress } from './lessons/progress';
import type { LevelId, Stars } from './lessons/levels';
import type { Store, Settings, StorageProblem } from './storage';
import { setLanguage, onLanguageChange, type Lang } from './i18n';
import { Sound } from './ui/sound';
import { toast } from './ui/overlay';
import { routeHash, type Route } from './router';
import { ModelClient, type LoadInfo } from './model/client';

export interface App {
  readonly store: Store;
  readonly sound: Sound;
  progress(): Progress;
  settings(): Settings;
  lastLevelId(): string | null;
  storageProblem(): StorageProblem | null;
  updateSettings(patch: Partial<Settings>): Promise<void>;
  setLanguage(lang: Lang): Promise<void>;
  /** Saves a finished level (best stars kept) and unlocks the next one. */
  finishLevel(id: LevelId, stars: Stars): Promise<void>;
  startLevel(id: LevelId): Promise<void>;
  resetProgress(): Promise<void>;
  reducedMotion(): boolean;
  navigate(route: Route): void;
  /** The language model of `lang`, loaded once (the last measured backend is remembered). */
  loadModel(lang: 'en' | 'zh', onProgress?: (loaded: number, total: number) => void): Promise<LoadInfo>;
  readonly model: ModelClient;
}

let instance: App | null = null;

export function app(): App {
  if (!instance) throw new Error('app() before createApp()');
  return instance;
}

export function createApp(store: Store): App {
  let problem: StorageProblem | null = null;
  const systemReduced = window.matchMedia?.('(prefers-reduced-motion: reduce)');
  const sound = new Sound(() => store.snapshot().settings.sound);

  store.onProblem((p) => {
    problem = p;
    toast('common:errors.storageFailed');
  });

  const applyMotionClass = (): void => {
    document.documentElement.classList.toggle('reduce-motion', instance?.reducedMotion() ?? false);
  };

  const model = new ModelClient();
  // The load in flight or done. Every caller hears its progress: the map may have started it
  // before the level asks for it.
  interface Heard {
    readonly listeners: Set<(loaded: number, total: number) => void>;
    last: [number, number] | null;
  }
  let loading: { lang: string; promise: Promise<LoadInfo>; heard: Heard } | null = null;

  instance = {
    store,
    sound,
    model,
    loadModel(lang, onProgress) {
      if (loading?.lang === lang && !model.isResting) {
        const { heard } = loading;
        if (onProgress) {
          heard.listeners.add(onProgress);
          if (heard.last) onProgress(...heard.last);
        }
        return loading.promise;
      }
      const meta = store.snapshot().meta;
      const heard: Heard = { listeners: new Set(onProgress ? [onProgress] : []), last: null };
      const promise = model
        .load(lang, {
          onProgress: (loaded, total) => {
            heard.last = [loaded, total];
            for (const f of heard.listeners) f(loaded, total);
          },
          allowGpu: meta.modelBackend !== 'wasm',
        })
        .then(async (info) => {
          const latest = store.snapshot().meta;
          if (latest.modelBackend !== info.backend)
            await store.putMeta({ ...latest, modelBackend: info.backend });
          return info;
        });
      loading = { lang, promise, heard };
      // A superseded load must not clear the entry of the newer one that replaced it.
      promise.then(
        () => heard.listeners.clear(),
        () => {
          heard.listeners.clear();
          if (loading?.promise === promise) loading = null;
        },
      );
      return promise;
    },
    progress: () => toProgress(store.snapshot().progress),
    settings: () => store.snapshot().settings,
    lastLevelId: () => store.snapshot().meta.lastLevelId,
    storageProblem: () => problem,
    async updateSettings(patch) {
      await store.putSettings({ ...store.snapshot().settings, ...patch });
      applyMotionClass();
    },
    async setLanguage(lang) {
      await setLanguage(lang);
    },
    async finishLevel(id, stars) {
      const previous = toProgress(store.snapshot().progress).get(id);
      await store.putLevel(recordResult(previous, id, stars, Date.now()));
      const meta = store.snapshot().meta;
      if (!meta.persistRequested) {
        // Ask the browser to keep our data after the first finished level, once.
        await store.putMeta({ ...meta, persistRequested: true });
        try {
          await navigator.storage?.persist?.();
        } catch {
          // Not granted or not supported: progress is still saved as usual.
        }
      }
    },
    async startLevel(id) {
      await store.putMeta({ ...store.snapshot().meta, lastLevelId: id });
    },
    async resetProgress() {
      await store.clearProgress();
      await store.putMeta({ ...store.snapshot().meta, lastLevelId: null });
    },
    reducedMotion() {
      const saved = store.snapshot().settings.reducedMotion;
      return saved ?? systemReduced?.matches ?? false;
    },
    navigate(route) {
      const hash = routeHash(route);
      if (location.hash !== hash) location.hash = hash;
      else window.dispatchEvent(new HashChangeEvent('hashchange'));
    },
  };
  systemReduced?.addEventListener?.('change', applyMotionClass);
  applyMotionClass();
  // The language chosen by the player is remembered.
  onLanguageChange((lang) => void instance?.updateSettings({ lang }));
  return instance;
}
