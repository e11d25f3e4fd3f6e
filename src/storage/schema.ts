/**
 * The saved data, its versions and how to read it safely. Pure: no idb here, so the
 * validators are easy to test. Anything that does not parse is skipped, never thrown.
 *
 * Version history
 * - v1 (pre-release builds): one object store `kv`; key `progress` holds `{ [levelId]: stars }`,
 *   key `settings` holds `{ lang, sound }`.
 * - v2: stores `progress` (one record per level, keyPath `levelId`), `settings` (key `app`) and
 *   `meta` (key `app`: where the player left off, whether persistence was asked for).
 */
export const DB_NAME = 'owaat';
export const DB_VERSION = 2;

export const STORES = { progress: 'progress', settings: 'settings', meta: 'meta' } as const;
export const SINGLETON_KEY = 'app';

export type StarCount = 0 | 1 | 2 | 3;

export interface LevelRecord {
  readonly levelId: string;
  readonly stars: StarCount;
  readonly completedAt: number;
  readonly plays: number;
}

export interface Settings {
  /** null until the player picks one: the browser's language is used then. */
  readonly lang: 'en' | 'zh' | null;
  readonly sound: boolean;
  /** null follows the system's prefers-reduced-motion. */
  readonly reducedMotion: boolean | null;
}

export interface Meta {
  readonly lastLevelId: string | null;
  readonly persistRequested: boolean;
  /** The model backend measured fastest on this device, remembered (null: not measured yet). */
  readonly modelBackend: 'wasm' | 'webgpu' | null;
}

export const DEFAULT_SETTINGS: Settings = { lang: null, sound: true, reducedMotion: null };
export const DEFAULT_META: Meta = { lastLevelId: null, persistRequested: false, modelBackend: null };

const LEVEL_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isStarCount(x: unknown): x is StarCount {
  return x === 0 || x === 1 || x === 2 || x === 3;
}

/** A level record, or null when it is corrupt or foreign. */
export function parseLevelRecord(x: unknown): LevelRecord | null {
  if (!isRecord(x)) return null;
  const { levelId, stars, completedAt, plays } = x;
  if (typeof levelId !== 'string' || !LEVEL_ID.test(levelId) || !isStarCount(stars)) return null;
  if (typeof completedAt !== 'number' || !Number.isFinite(completedAt) || completedAt < 0) return null;
  if (typeof plays !== 'number' || !Number.isInteger(plays) || plays < 0) return null;
  return { levelId, stars, completedAt, plays };
}

/** Settings field by field: a bad field falls back to its default, the good ones are kept. */
export function parseSettings(x: unknown): Settings {
  if (!isRecord(x)) return DEFAULT_SETTINGS;
  return {
    lang: x.lang === 'en' || x.lang === 'zh' ? x.lang : DEFAULT_SETTINGS.lang,
    sound: typeof x.sound === 'boolean' ? x.sound : DEFAULT_SETTINGS.sound,
    reducedMotion: typeof x.reducedMotion === 'boolean' ? x.reducedMotion : DEFAULT_SETTINGS.reducedMotion,
  };
}

export function parseMeta(x: unknown): Meta {
  if (!isRecord(x)) return DEFAULT_META;
  const { lastLevelId, persistRequested, modelBackend } = x;
  return {
    lastLevelId: typeof lastLevelId === 'string' && LEVEL_ID.test(lastLevelId) ? lastLevelId : null,
    persistRequested: typeof persistRequested === 'boolean' ? persistRequested : false,
    modelBackend: modelBackend === 'wasm' || modelBackend === 'webgpu' ? modelBackend : null,
  };
}

/** v1 → v2: the `kv` progress map becomes level records; bad entries are dropped. */
export function migrateV1Progress(value: unknown, now: number): LevelRecord[] {
  if (!isRecord(value)) return [];
  const out: LevelRecord[] = [];
  for (const [levelId, stars] of Object.entries(value)) {
    const rec = parseLevelRecord({ levelId, stars, completedAt: now, plays: 1 });
    if (rec && rec.stars > 0) out.push(rec);
  }
  return out;
}
