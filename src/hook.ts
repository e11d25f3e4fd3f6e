/**
 * The read-only test hook `window.__owaat`: what the player sees, for tests to check what the
 * canvas shows. Nothing in the app reads it back.
 */
export interface HookLevel {
  readonly id: string;
  readonly state: unknown;
}

export interface HookView {
  /** The screen of `route` is up (false while the router opens another). */
  readonly ready: boolean;
  /** The location hash the screen on show answers. */
  readonly route: string;
  readonly scene: string | null;
  readonly lang: string;
  readonly level: HookLevel | null;
  /** Screen-specific facts (the map's stations, a level's bars…). */
  readonly view: unknown;
  readonly storage: 'idb' | 'memory';
  readonly version: string;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

const copy = <T>(value: T): T => deepFreeze(structuredClone(value));

let current: HookView = {
  ready: false,
  route: '',
  scene: null,
  lang: 'en',
  level: null,
  view: null,
  storage: 'memory',
  version: __APP_VERSION__,
};

export function updateHook(patch: Partial<HookView>): void {
  current = { ...current, ...patch };
}

export function installHook(): void {
  const hook = Object.freeze({
    get ready() {
      return current.ready;
    },
    get route() {
      return current.route;
    },
    get scene() {
      return current.scene;
    },
    get lang() {
      return current.lang;
    },
    get level() {
      return copy(current.level);
    },
    get view() {
      return copy(current.view);
    },
    get storage() {
      return current.storage;
    },
    get version() {
      return current.version;
    },
  });
  Object.defineProperty(window, '__owaat', { value: hook, configurable: false, writable: false });
}
