/**
 * Saved progress and settings in IndexedDB (the only module that imports idb).
 *
 * The game never waits on storage to be playable: everything is mirrored in memory, and if
 * the database cannot be opened (private mode, blocked upgrade, no IndexedDB), a write fails
 * (storage full), or the connection has to go (a newer version upgrading in another tab, the
 * browser closing it), the store keeps working in memory and reports the problem once.
 */
import { openDB, type IDBPDatabase, type IDBPTransaction } from 'idb';
import {
  DB_NAME,
  DB_VERSION,
  DEFAULT_META,
  DEFAULT_SETTINGS,
  SINGLETON_KEY,
  STORES,
  migrateV1Progress,
  parseLevelRecord,
  parseMeta,
  parseSettings,
  type LevelRecord,
  type Meta,
  type Settings,
} from './schema';

export * from './schema';

/**
 * What went wrong, reported once: the database could not be opened (`unavailable`), another tab
 * kept an old version open past the wait (`blocked`), a write failed (`write-failed`, storage
 * full), a newer version of the game in another tab needed this connection closed to upgrade
 * (`superseded`), or the browser closed the database under the game (`terminated`, data
 * cleared in the browser's settings, say). In each case the game plays on from memory.
 */
export type StorageProblem = 'unavailable' | 'blocked' | 'write-failed' | 'superseded' | 'terminated';

export interface Snapshot {
  readonly progress: readonly LevelRecord[];
  readonly settings: Settings;
  readonly meta: Meta;
  /** How many stored records were corrupt or foreign and skipped. */
  readonly skipped: number;
}

export interface Store {
  readonly mode: () => 'idb' | 'memory';
  readonly snapshot: () => Snapshot;
  putLevel(record: LevelRecord): Promise<void>;
  putSettings(settings: Settings): Promise<void>;
  putMeta(meta: Meta): Promise<void>;
  clearProgress(): Promise<void>;
  /** Called at most once, on the first problem. */
  onProblem(listener: (problem: StorageProblem) => void): void;
  close(): void;
}

export interface OpenOptions {
  readonly name?: string;
  /**
   * How long the database may take to open (another tab holding an old version open blocks the
   * upgrade) before the game plays without saving.
   */
  readonly openTimeoutMs?: number;
  readonly now?: () => number;
}

type Tx = IDBPTransaction<unknown, string[], 'versionchange'>;

/**
 * The schema, version by version. Runs inside the upgrade transaction: every step is a request
 * on `tx`, so the database opens only once the migration is complete, and a failed step aborts
 * the upgrade (the old version stays as it was).
 */
async function migrate(db: IDBPDatabase, oldVersion: number, tx: Tx, now: number): Promise<void> {
  if (oldVersion < 2) {
    db.createObjectStore(STORES.progress, { keyPath: 'levelId' });
    db.createObjectStore(STORES.settings);
    db.createObjectStore(STORES.meta);
  }
  if (oldVersion === 1 && db.objectStoreNames.contains('kv')) {
    const kv = tx.objectStore('kv');
    const [progress, settings] = await Promise.all([kv.get('progress'), kv.get('settings')]);
    for (const rec of migrateV1Progress(progress, now)) await tx.objectStore(STORES.progress).put(rec);
    await tx.objectStore(STORES.settings).put(parseSettings(settings), SINGLETON_KEY);
    db.deleteObjectStore('kv');
  }
}

async function readAll(db: IDBPDatabase): Promise<Snapshot> {
  const tx = db.transaction([STORES.progress, STORES.settings, STORES.meta], 'readonly');
  const [rawProgress, rawSettings, rawMeta] = await Promise.all([
    tx.objectStore(STORES.progress).getAll(),
    tx.objectStore(STORES.settings).get(SINGLETON_KEY),
    tx.objectStore(STORES.meta).get(SINGLETON_KEY),
  ]);
  const progress = rawProgress.map(parseLevelRecord).filter((r): r is LevelRecord => r !== null);
  return {
    progress,
    settings: parseSettings(rawSettings),
    meta: parseMeta(rawMeta),
    skipped: rawProgress.length - progress.length,
  };
}

class OpenTimeout extends Error {}

/** `promise`, or an OpenTimeout after `ms`. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new OpenTimeout(`not open after ${ms} ms`)), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e)),
    );
  });
}

/**
 * Opens the saved data (the global `indexedDB`, through idb's `openDB`). Never throws: when the
 * database cannot be used the store works in memory and reports the problem once.
 */
export async function openStore(options: OpenOptions = {}): Promise<Store> {
  const now = options.now ?? Date.now;
  let db: IDBPDatabase | null = null;
  let problem: StorageProblem | null = null;
  let problemListener: ((p: StorageProblem) => void) | null = null;
  let state: Snapshot = { progress: [], settings: DEFAULT_SETTINGS, meta: DEFAULT_META, skipped: 0 };

  const report = (p: StorageProblem, error?: unknown): void => {
    if (problem) return;
    problem = p;
    console.warn(`[storage] ${p}; playing without saving`, error);
    problemListener?.(p);
  };
  /** The connection has to go: from now on the game plays from memory (what it has read stays). */
  const lose = (p: StorageProblem): void => {
    if (!db) return;
    db.close();
    db = null;
    report(p);
  };

  let blocked = false;
  try {
    if (typeof indexedDB === 'undefined') throw new Error('no IndexedDB');
    const opening = openDB(options.name ?? DB_NAME, DB_VERSION, {
      upgrade(upgrading, oldVersion, _newVersion, tx) {
        // An aborted upgrade is reported as the open's failure, below; not twice.
        tx.done.catch(() => undefined);
        migrate(upgrading, oldVersion, tx, now()).catch((error: unknown) => {
          console.warn('[storage] migration failed; the old data stays as it was', error);
          try {
            tx.abort();
          } catch {
            // Already finished: the open fails or succeeds on its own.
          }
        });
      },
      // Another tab still has an older version open. A build with `blocking` below closes it at
      // once; an older one may never: the timeout below then lets the game play without saving.
      blocked() {
        blocked = true;
      },
      // A newer version of the game, in another tab, wants to upgrade: let it.
      blocking: () => lose('superseded'),
      terminated: () => lose('terminated'),
    });
    try {
      db = await withTimeout(opening, options.openTimeoutMs ?? 4000);
    } catch (error) {
      // If it opens later after all, let it go: this session already plays in memory.
      if (error instanceof OpenTimeout) void opening.then((late) => late.close()).catch(() => undefined);
      throw error;
    }
    state = await readAll(db);
  } catch (error) {
    db?.close();
    db = null;
    report(error instanceof OpenTimeout && blocked ? 'blocked' : 'unavailable', error);
  }

  const write = async (store: string, value: unknown, key?: string): Promise<void> => {
    if (!db) return;
    try {
      await db.put(store, value, key);
    } catch (error) {
      report('write-failed', error);
    }
  };

  return {
    mode: () => (db ? 'idb' : 'memory'),
    snapshot: () => state,
    async putLevel(record) {
      state = { ...state, progress: [...state.progress.filter((r) => r.levelId !== record.levelId), record] };
      await write(STORES.progress, record);
    },
    async putSettings(settings) {
      state = { ...state, settings };
      await write(STORES.settings, settings, SINGLETON_KEY);
    },
    async putMeta(meta) {
      state = { ...state, meta };
      await write(STORES.meta, meta, SINGLETON_KEY);
    },
    async clearProgress() {
      state = { ...state, progress: [] };
      if (!db) return;
      try {
        await db.clear(STORES.progress);
      } catch (error) {
        report('write-failed', error);
      }
    },
    onProblem(listener) {
      problemListener = listener;
      if (problem) listener(problem);
    },
    close() {
      db?.close();
      db = null;
    },
  };
}
