/**
 * Saved progress and settings in IndexedDB (the only module that imports idb).
 *
 * The game never waits on storage to be playable: everything is mirrored in memory, and if
 * the database cannot be opened (private mode, blocked upgrade, no IndexedDB) or a write
 * fails (storage full), the store keeps working in memory and reports the problem once.
 */
import { wrap, type IDBPDatabase, type IDBPTransaction } from 'idb';
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

export type StorageProblem = 'unavailable' | 'blocked' | 'write-failed';

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
  readonly indexedDB?: IDBFactory;
  /** How long to wait for another tab to let go of an old version before playing without saving. */
  readonly blockedTimeoutMs?: number;
  readonly now?: () => number;
}

type Tx = IDBPTransaction<unknown, string[], 'versionchange'>;

async function upgrade(db: IDBPDatabase, oldVersion: number, tx: Tx, now: number): Promise<void> {
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

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e)),
    );
  });
}

class BlockedError extends Error {}

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

  const factory = options.indexedDB ?? globalThis.indexedDB;
  try {
    if (!factory) throw new Error('no IndexedDB');
    // idb's openDB always uses the global indexedDB; opening by hand lets tests pass a factory.
    const request = factory.open(options.name ?? DB_NAME, DB_VERSION);
    let migration: Promise<void> = Promise.resolve();
    request.addEventListener('upgradeneeded', (event) => {
      const tx = wrap(request.transaction as IDBTransaction) as unknown as Tx;
      migration = upgrade(wrap(request.result), event.oldVersion, tx, now());
      migration.catch(() => tx.abort());
    });
    const opening = (wrap(request) as Promise<IDBPDatabase>).then(async (opened) => {
      await migration;
      return opened;
    });
    db = await withTimeout(opening, options.blockedTimeoutMs ?? 4000, () => {
      // If it opens later after all, let it go: this session already plays in memory.
      void opening.then((late) => late.close()).catch(() => undefined);
      return new BlockedError('upgrade blocked');
    });
    db.addEventListener('versionchange', () => {
      // A newer version of the game opened in another tab: let it upgrade.
      db?.close();
      db = null;
    });
    state = await readAll(db);
  } catch (error) {
    db = null;
    report(error instanceof BlockedError ? 'blocked' : 'unavailable', error);
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
